/**
 * A scenario's program in time on its own anatomy: the pulse train on the most excitable fibres
 * of each population (through the scenario's lead fields), and the ECAP those fibres produce on
 * the lead's non-stimulating contacts (reciprocity: each recording contact's unit lead field
 * weights the fibres' membrane currents; models/response/ecap.ts).
 */
import type { Scenario } from './scenario.ts';
import {
  prepareFibres,
  programWaveform,
  programWeights,
  scenarioLeadFields,
  scenarioPopulations,
  type RunOptions,
} from './estimate/index.ts';
import { instantPopulation } from './neuron/populationRun.ts';
import { programTrainResponse, type FiberTrainSummary } from './response/paradigm.ts';
import { ecapFromFibres } from './response/ecap.ts';

export interface ScenarioResponseOptions extends Pick<
  RunOptions,
  'cache' | 'leadFields' | 'shouldCancel'
> {
  /** simulated window of the pulse train (ms); 0 skips the train */
  trainWindowMs?: number;
  /** fibres simulated per population: the most excitable ones (lowest instant threshold) */
  fibresPerPopulation?: number;
  /** compute the ECAP on the non-stimulating contacts of the first lead */
  ecap?: boolean;
}

export interface ScenarioResponse {
  train?: {
    windowMs: number;
    pulseStartsMs: number[];
    populations: { name: string; fibres: FiberTrainSummary[] }[];
  };
  ecap?: {
    recordingContacts: { leadId: string; contactIndex: number }[];
    timeMs: number[];
    tracesUv: number[][];
    /** N1–P2 amplitude per recording contact (µV) */
    amplitudesUv: number[];
    activatedFibres: number;
    simulatedFibres: number;
    /**
     * How the simulated fibres stand for their population: each adds `weight` times its own
     * recorded current; a population with a known density is scaled to the real fibres that the
     * instant tier says fire (`firingFibres` of `representsFibres`), others add unscaled (1)
     */
    scaling: {
      population: string;
      simulated: number;
      weight: number;
      representsFibres?: number;
      firingFibres?: number;
      source?: string;
    }[];
  };
}

export async function scenarioResponse(
  s: Scenario,
  opts: ScenarioResponseOptions = {},
): Promise<ScenarioResponse> {
  const lf = scenarioLeadFields(s, { ...opts, axialCanonical: true });
  const weights = programWeights(s, lf.keys);
  const { spec } = programWaveform(s);
  const k = opts.fibresPerPopulation ?? 8;
  const amp = s.program.amplitudeMa;
  const picked = scenarioPopulations(s).map((pop) => {
    const prepared = prepareFibres(lf.fields, pop.paths, weights, lf.axialShiftMm);
    const instant = instantPopulation(prepared, spec);
    const order = Array.from(instant.keys())
      .filter((i) => Number.isFinite(instant[i]!))
      .sort((a, b) => instant[a]! - instant[b]!)
      .slice(0, k);
    // ECAP weight of each simulated fibre: the modelled paths stand for `represents.fibres` real
    // ones, and the simulated fibres that fire stand for every path the instant tier says fires
    const firingPaths = Array.from(instant).filter((t) => t <= amp).length;
    const firingPicked = order.filter((i) => instant[i]! <= amp).length;
    const weight = pop.represents
      ? (pop.represents.fibres / pop.paths.length) *
        (firingPicked > 0 ? firingPaths / firingPicked : 1)
      : 1;
    return {
      name: pop.name,
      fibres: order.map((i) => prepared[i]!),
      weight,
      represents: pop.represents,
      firingPaths,
      paths: pop.paths.length,
    };
  });
  const out: ScenarioResponse = {};
  if ((opts.trainWindowMs ?? 0) > 0) {
    const populations = [];
    let pulseStartsMs: number[] = [];
    for (const pop of picked) {
      if (opts.shouldCancel?.()) throw new Error('run cancelled');
      if (pop.fibres.length === 0) {
        populations.push({ name: pop.name, fibres: [] });
        continue;
      }
      const r = await programTrainResponse(
        s.program,
        pop.fibres.map((p) => ({ fiber: p.fiber, veUnitMv: p.veUnitMv, id: p.path.id })),
        { windowMs: opts.trainWindowMs! },
      );
      pulseStartsMs = r.pulseStartsMs;
      populations.push({ name: pop.name, fibres: r.fibers });
    }
    out.train = { windowMs: opts.trainWindowMs!, pulseStartsMs, populations };
  }
  if (opts.ecap) {
    const firstLead = s.leads[0]?.id;
    const stimulating = new Set(
      s.program.contacts
        .filter((c) => c.polarity !== 'off')
        .map((c) => `${c.leadId}#${c.contactIndex}`),
    );
    const rec = lf.keys
      .map((key, index) => ({ key, index }))
      .filter(
        ({ key }) =>
          key.leadId === firstLead && !stimulating.has(`${key.leadId}#${key.contactIndex}`),
      );
    const fibres = picked.flatMap((p) => p.fibres);
    if (rec.length > 0 && fibres.length > 0) {
      // each recording contact's unit field at every compartment (a one-hot weight per contact)
      const recording = rec.map(({ index }) => {
        const w = new Float64Array(lf.keys.length);
        w[index] = 1;
        return prepareFibres(
          lf.fields,
          fibres.map((f) => f.path),
          w,
          lf.axialShiftMm,
        ).map((p) => p.veUnitMv);
      });
      const fibreWeights = picked.flatMap((p) => p.fibres.map(() => p.weight));
      const r = ecapFromFibres(
        fibres.map((f, i) => ({
          fiber: f.fiber,
          stimVeUnitMv: f.veUnitMv,
          recordingLeadFieldsMvPerMa: recording.map((perFibre) => perFibre[i]!),
          weight: fibreWeights[i]!,
        })),
        s.program.amplitudeMa,
        spec,
      );
      out.ecap = {
        recordingContacts: rec.map(({ key }) => key),
        timeMs: Array.from(r.timeMs),
        tracesUv: r.tracesUv.map((t) => Array.from(t)),
        amplitudesUv: r.features.map((f) => f.amplitudeUv),
        activatedFibres: r.activated.filter(Boolean).length,
        simulatedFibres: fibres.length,
        scaling: picked.map((p) => ({
          population: p.name,
          simulated: p.fibres.length,
          weight: p.weight,
          ...(p.represents
            ? {
                representsFibres: p.represents.fibres,
                firingFibres: Math.round((p.represents.fibres * p.firingPaths) / p.paths),
                source: p.represents.source,
              }
            : {}),
        })),
      };
    }
  }
  return out;
}
