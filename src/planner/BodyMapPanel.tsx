import { useMemo } from 'react';
import { bodyRegionById } from '../../models/clinical/bodyRegions.ts';
import { regionDermatomes, type RunResult } from '../../models/estimate/index.ts';
import type { Scenario } from '../../models/scenario.ts';
import { BodyMap, percentText } from '../records/BodyMap.tsx';
import { openCaseStore, useLinkedCase, type LinkedCase } from '../records/openCase.ts';
import { planPainMap, planParaesthesia, type PlanPainMap } from './paraesthesiaView.ts';
import { usePlanner } from './store.ts';

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x)} %`);
const derm = (d: { root: string; side: string }) => `${d.root} ${d.side === 'left' ? 'L' : 'R'}`;

/** Where the pain map comes from, and the link to the open patient case. */
function PainMapSource({ linked, pain }: { linked: LinkedCase; pain: PlanPainMap }) {
  const update = usePlanner((s) => s.update);
  const unlink = (
    <button type="button" className="link-button" onClick={() => openCaseStore.getState().unlink()}>
      Unlink the case
    </button>
  );
  if (linked.status === 'open') {
    const name = linked.value.pseudonym;
    if (pain.from === 'plan')
      return (
        <p className="small" data-testid="pain-map-source" data-from="plan">
          Patient case <strong>{name}</strong> is open but has no pain map yet: the plan&apos;s
          target dermatomes are drawn. {unlink}
        </p>
      );
    const dermatomes = regionDermatomes(pain.regions.map((r) => r.regionId));
    return (
      <p className="small" data-testid="pain-map-source" data-from="case">
        Pain map of the open patient case <strong>{name}</strong> (Patients → Demographics &amp;
        pain map). {unlink}{' '}
        <button
          type="button"
          className="link-button"
          onClick={() => update((s) => ({ ...s, painMap: dermatomes }))}
        >
          Use its dermatomes as the plan&apos;s target ({dermatomes.map(derm).join(', ')})
        </button>
      </p>
    );
  }
  const why =
    linked.status === 'hidden'
      ? 'A patient case is open, but patient records are locked while demo mode is on. '
      : linked.status === 'missing'
        ? `The patient case opened last cannot be read (${linked.message}). `
        : linked.status === 'loading'
          ? 'Reading the open patient case… '
          : '';
  return (
    <p className="small" data-testid="pain-map-source" data-from="plan">
      {why}
      Pain map from the plan&apos;s target dermatomes (the picker above), each region weighted
      equally
      {linked.status === 'none'
        ? '; open a patient case in Patients to use its pain map'
        : ''}. {linked.status === 'missing' && unlink}
    </p>
  );
}

/**
 * The Patients body chart in the Plan: the pain map (the open case's, or the plan's target
 * dermatomes) and, as a second layer, the modelled paraesthesia of the shown estimate, with the
 * overlap in numbers and a text alternative (models/estimate/paraesthesia.ts).
 */
export function BodyMapPanel({
  scenario,
  result,
  stale,
}: {
  scenario: Scenario;
  result: RunResult;
  stale: boolean;
}) {
  const linked = useLinkedCase();
  const linkedCase = linked.status === 'open' ? linked.value : null;
  const pain = useMemo(() => planPainMap(scenario, linkedCase), [scenario, linkedCase]);
  const p = useMemo(
    () => planParaesthesia(scenario, result, pain.regions),
    [scenario, result, pain.regions],
  );
  const reached = p.shares.filter((s) => s.recruited > 0);
  const o = p.overlap;
  return (
    <section
      aria-labelledby="body-map-heading"
      className="plan-body-map"
      data-testid="plan-body-map"
    >
      <h3 id="body-map-heading">Body map: pain and modelled paraesthesia</h3>
      <PainMapSource linked={linked} pain={pain} />
      <BodyMap
        mode="pain"
        title={`Pain map (${pain.source}) and modelled paraesthesia`}
        regions={pain.regions}
        paraesthesia={p.byRegion}
      />
      <p className="small" data-testid="paraesthesia-overlap" aria-live="polite">
        {stale && <span className="badge badge-stale">out of date</span>} Pain map covered by
        modelled paraesthesia:{' '}
        <strong data-testid="pain-covered">{pct(o.painCoveredPercent)}</strong> (mean over its{' '}
        {o.regions.length} region{o.regions.length === 1 ? '' : 's'} of the share of their
        dermatomes&apos; Aβ fibres recruited, weighted by NRS) · off-target paraesthesia:{' '}
        <strong data-testid="off-target">{pct(o.offTargetPercent)}</strong> of the{' '}
        {o.recruitedFibres} recruited Aβ fibres
        {o.offTargetDermatomes.length > 0 && <> ({o.offTargetDermatomes.map(derm).join(', ')})</>}
      </p>
      <p className="small" data-testid="paraesthesia-dermatomes">
        Modelled paraesthesia in:{' '}
        {reached.length
          ? reached.map((s) => `${derm(s)} ${percentText(s.share)}`).join(', ')
          : 'no dermatome (no Aβ fibre recruited at this amplitude)'}
      </p>
      <details className="small">
        <summary>The body map as a table</summary>
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Body map regions">
          <table className="results-table" data-testid="body-map-table">
            <caption>Body regions with pain or modelled paraesthesia</caption>
            <thead>
              <tr>
                <th scope="col">Region</th>
                <th scope="col">Pain (NRS)</th>
                <th scope="col">Paraesthesia</th>
              </tr>
            </thead>
            <tbody>
              {[...new Set([...pain.regions.map((r) => r.regionId), ...p.byRegion.keys()])]
                .filter(
                  (id) =>
                    pain.regions.some((r) => r.regionId === id) || (p.byRegion.get(id) ?? 0) > 0,
                )
                .map((id) => (
                  <tr key={id}>
                    <th scope="row">{bodyRegionById(id)?.label ?? id}</th>
                    <td>
                      {pain.regions.find((r) => r.regionId === id)?.intensityNrs ?? '—'}
                      {pain.from === 'plan' && pain.regions.some((r) => r.regionId === id)
                        ? ' (nominal)'
                        : ''}
                    </td>
                    <td>{percentText(p.byRegion.get(id) ?? 0)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      </details>
      <p className="small muted">
        A model: paraesthesia is taken as Aβ-mediated (dorsal columns, dorsal roots, DRG Aβ
        neurons), each dermatome by the share of its fibres recruited on a simplified somatotopy,
        spread over coarse body regions. Not a dermatome atlas, and not what the patient reports.
      </p>
    </section>
  );
}
