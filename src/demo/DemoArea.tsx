import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { readFileWithinLimit } from '../storage/fileRead.ts';
import { Link } from 'wouter';
import type { Scenario } from '../../models/scenario.ts';
import { Choice, Slider } from '../learn/components/Slider.tsx';
import { useDemoMode } from './demoMode.ts';
import {
  CONFIGURATION_LABELS,
  choiceOf,
  demoScripts,
  scsScenario,
  DEFAULT_CHOICE,
  type Configuration,
  type ScsProgramChoice,
} from './demoScenarios.ts';
import { EstimateCard, type EstimateOutcome } from './EstimateCard.tsx';
import { configurationDifferences } from '../../models/stimulation/programDifferences.ts';
import { AbCurves } from './AbCurves.tsx';
import { AbScene } from './AbScene.tsx';
import { ConfigurationCaption } from './ConfigurationCaption.tsx';
import {
  decodeDemoFragment,
  decodePresentParam,
  demoFileText,
  demoUrl,
  parseDemoFile,
  type DemoPair,
} from './demoLink.ts';
import type { FieldIssue } from '../../models/scenario.ts';

const CONFIGS = Object.keys(CONFIGURATION_LABELS) as Configuration[];

function ProgramControls({
  side,
  choice,
  onChange,
}: {
  side: string;
  choice: ScsProgramChoice;
  onChange(c: ScsProgramChoice): void;
}) {
  return (
    <div className="program-controls" role="group" aria-label={`Program ${side}`}>
      <Choice
        legend={`Program ${side}: contacts`}
        value={choice.configuration}
        onChange={(configuration) => onChange({ ...choice, configuration })}
        options={CONFIGS.map((c) => ({ value: c, label: CONFIGURATION_LABELS[c] }))}
      />
      <Slider
        label={`Program ${side}: amplitude`}
        unit="mA"
        value={choice.amplitudeMa}
        min={0.5}
        max={10}
        step={0.5}
        onChange={(amplitudeMa) => onChange({ ...choice, amplitudeMa })}
      />
      <Slider
        label={`Program ${side}: pulse width`}
        unit="µs"
        value={choice.pulseWidthUs}
        min={60}
        max={1000}
        step={10}
        digits={0}
        onChange={(pulseWidthUs) => onChange({ ...choice, pulseWidthUs })}
      />
    </div>
  );
}

function Scripts() {
  const scripts = useMemo(() => demoScripts(), []);
  const [scriptId, setScriptId] = useState(scripts[0]?.id ?? '');
  const [step, setStep] = useState(0);
  const selectId = useId();
  const script = scripts.find((s) => s.id === scriptId) ?? scripts[0];
  if (!script) return null;
  const current = script.steps[Math.min(step, script.steps.length - 1)];
  if (!current) return null;
  return (
    <section aria-labelledby="scripts-heading" className="demo-section">
      <h2 id="scripts-heading">Scripted sequences</h2>
      <div className="row">
        <label htmlFor={selectId}>Sequence</label>
        <select
          id={selectId}
          value={script.id}
          onChange={(e) => {
            setScriptId(e.currentTarget.value);
            setStep(0);
          }}
        >
          {scripts.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
      </div>
      <div className="row step-nav">
        <button
          type="button"
          onClick={() => setStep((s) => Math.max(0, s - 1))}
          disabled={step === 0}
        >
          ← Previous step
        </button>
        <span role="status">
          Step {step + 1} of {script.steps.length}: <strong>{current.title}</strong>
        </span>
        <button
          type="button"
          onClick={() => setStep((s) => Math.min(script.steps.length - 1, s + 1))}
          disabled={step >= script.steps.length - 1}
        >
          Next step →
        </button>
      </div>
      <p className="step-note">{current.note}</p>
      <EstimateCard title={current.title} scenario={current.scenario} testId="step" />
    </section>
  );
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function AbCompare({ presentIssue }: { presentIssue: FieldIssue | undefined }) {
  // a shared link replays from the first render: no default estimate runs in between
  const [initial] = useState(() => decodeDemoFragment(window.location.hash));
  const [linkPresents, setLinkPresents] = useState(false);
  const presentId = useId();
  const [pair, setPair] = useState<DemoPair>(() =>
    initial?.ok
      ? initial.value
      : {
          a: scsScenario(DEFAULT_CHOICE, 'Program A'),
          b: scsScenario({ ...DEFAULT_CHOICE, configuration: 'tripole' }, 'Program B'),
        },
  );
  const [replayed, setReplayed] = useState(initial?.ok === true);
  const [issues, setIssues] = useState<{ source: string; issues: FieldIssue[] } | null>(
    initial && !initial.ok ? { source: 'the link', issues: initial.issues } : null,
  );
  const differences = useMemo(() => configurationDifferences(pair.a, pair.b), [pair]);
  const [outA, setOutA] = useState<EstimateOutcome | null>(null);
  const [outB, setOutB] = useState<EstimateOutcome | null>(null);
  const fileId = useId();
  const linkId = useId();

  const editable = (s: Scenario) => s.therapy === 'SCS';
  const update = (side: 'a' | 'b', c: ScsProgramChoice) =>
    setPair((p) => ({ ...p, [side]: scsScenario(c, side === 'a' ? 'Program A' : 'Program B') }));
  const link = demoUrl(pair, window.location.origin, { present: linkPresents });
  const onA = useCallback((o: EstimateOutcome | null) => setOutA(o), []);
  const onB = useCallback((o: EstimateOutcome | null) => setOutB(o), []);
  const diff =
    outA && outB
      ? outA.result.populations.map((pa, i) => ({
          name: pa.name,
          delta: (outB.result.populations[i]?.shareActivated ?? 0) - pa.shareActivated,
        }))
      : null;
  const chargeDiff =
    outA && outB ? outB.charge.chargePerSecondUc - outA.charge.chargePerSecondUc : 0;

  return (
    <section aria-labelledby="ab-heading" className="demo-section">
      <h2 id="ab-heading">A/B programs side by side</h2>
      {replayed ? (
        <p className="demo-banner" role="status">
          Replaying a shared demo: compare the result hashes with the sender's.
        </p>
      ) : null}
      {issues ? (
        <div role="alert" className="error">
          <p>Nothing was loaded from {issues.source}:</p>
          <ul>
            {issues.issues.map((i) => (
              <li key={`${i.path}${i.message}`}>
                <code>{i.path}</code>: {i.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {presentIssue ? (
        <p role="alert" className="error" data-testid="present-issue">
          <code>{presentIssue.path}</code>: {presentIssue.message}
        </p>
      ) : null}
      <div className="ab ab-scenes">
        <figure>
          <AbScene side="A" scenario={pair.a} result={outA?.result ?? null} />
          <figcaption>
            <strong>Program A</strong>
            <ConfigurationCaption side="A" scenario={pair.a} differences={differences} />
          </figcaption>
        </figure>
        <figure>
          <AbScene side="B" scenario={pair.b} result={outB?.result ?? null} />
          <figcaption>
            <strong>Program B</strong>
            <ConfigurationCaption side="B" scenario={pair.b} differences={differences} />
          </figcaption>
        </figure>
      </div>
      <section aria-labelledby="ab-differences-heading" className="ab-differences">
        <h3 id="ab-differences-heading">What differs between A and B</h3>
        {differences.length ? (
          <ul data-testid="ab-differences">
            {differences.map((d) => (
              <li key={d.key}>
                <mark>{d.label}</mark>: A {d.a} → B {d.b}
              </li>
            ))}
          </ul>
        ) : (
          <p data-testid="ab-differences">A and B are programmed the same.</p>
        )}
      </section>
      {outA && outB ? (
        <AbCurves
          a={outA.result}
          b={outB.result}
          amplitudeAMa={pair.a.program.amplitudeMa}
          amplitudeBMa={pair.b.program.amplitudeMa}
        />
      ) : null}
      <div className="ab">
        <div>
          {editable(pair.a) ? (
            <ProgramControls side="A" choice={choiceOf(pair.a)} onChange={(c) => update('a', c)} />
          ) : null}
          <EstimateCard title="Program A" scenario={pair.a} testId="est-a" onOutcome={onA} />
        </div>
        <div>
          {editable(pair.b) ? (
            <ProgramControls side="B" choice={choiceOf(pair.b)} onChange={(c) => update('b', c)} />
          ) : null}
          <EstimateCard title="Program B" scenario={pair.b} testId="est-b" onOutcome={onB} />
        </div>
      </div>
      {diff ? (
        <p role="status" data-testid="ab-diff">
          B against A:{' '}
          {diff
            .map((d) => `${d.name} ${d.delta >= 0 ? '+' : ''}${(d.delta * 100).toFixed(0)} points`)
            .join(', ')}
          ; charge {chargeDiff >= 0 ? '+' : ''}
          {chargeDiff.toFixed(1)} µC/s.
        </p>
      ) : null}
      <h3>Share exactly this comparison</h3>
      <div className="row share">
        <label htmlFor={linkId}>Link</label>
        <input
          id={linkId}
          readOnly
          value={link}
          data-testid="demo-link"
          onFocus={(e) => e.currentTarget.select()}
        />
        <label className="toggle" htmlFor={presentId}>
          <input
            id={presentId}
            type="checkbox"
            checked={linkPresents}
            onChange={(e) => setLinkPresents(e.currentTarget.checked)}
          />
          Link opens in presentation mode
        </label>
        <button
          type="button"
          onClick={() => void navigator.clipboard?.writeText(link).catch(() => {})}
        >
          Copy link
        </button>
        <button
          type="button"
          onClick={() =>
            download(
              'neuromod-demo.json',
              demoFileText(pair, {
                ...(outA ? { a: outA.hash } : {}),
                ...(outB ? { b: outB.hash } : {}),
              }),
            )
          }
        >
          Download demo file
        </button>
        <label htmlFor={fileId}>Open demo file</label>
        <input
          id={fileId}
          type="file"
          accept="application/json,.json"
          onChange={async (e) => {
            const f = e.currentTarget.files?.[0];
            if (!f) return;
            const read = await readFileWithinLimit(f);
            if (!read.ok) {
              setIssues({ source: f.name, issues: [{ path: '(file)', message: read.message }] });
              return;
            }
            const parsed = parseDemoFile(read.text);
            if (parsed.ok) {
              setPair(parsed.value);
              setReplayed(true);
              setIssues(null);
            } else setIssues({ source: f.name, issues: parsed.issues });
          }}
        />
      </div>
      <p className="muted">
        The link holds both scenarios in its fragment (never sent to a server). Opened anywhere, the
        same scenarios give the same estimate and the same SHA-256 of its canonical JSON.
      </p>
    </section>
  );
}

export default function DemoArea() {
  const { demoMode, setDemoMode } = useDemoMode();
  const [present] = useState(() => decodePresentParam(window.location.hash));
  useEffect(() => {
    if (present.present) void setDemoMode(true);
  }, [present, setDemoMode]);
  useEffect(() => {
    if (!demoMode) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') void setDemoMode(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [demoMode, setDemoMode]);
  return (
    <section aria-labelledby="demo-heading" className="page demo">
      <nav aria-label="Breadcrumb" className="crumbs">
        <Link href="/">Learn</Link> / <span aria-current="page">Demo</span>
      </nav>
      <h1 id="demo-heading">Demo</h1>
      <p className="lead">
        Vendor-neutral demonstrations on the planner's engine: generic leads and generators, the
        same estimates the Plan area computes, step by step or side by side, with links that replay
        exactly.
      </p>
      <label className="toggle">
        <input
          type="checkbox"
          checked={demoMode}
          onChange={(e) => void setDemoMode(e.currentTarget.checked)}
          data-testid="demo-toggle"
        />
        Presentation mode: large type, patient records hidden and locked
      </label>
      {demoMode ? (
        <div className="demo-banner row" role="status" data-testid="present-banner">
          <span>
            Presentation mode is on. Patient records are hidden; press Escape or the button to leave
            it.
          </span>
          <button type="button" onClick={() => void setDemoMode(false)}>
            Leave presentation mode
          </button>
        </div>
      ) : null}
      <p className="note">
        The estimates are the planner's own: 2.5-D finite-volume lead fields of the scenario's
        anatomy and leads, fibre populations, thresholds at the instant tier (the
        activating-function estimate calibrated against the MRG cable model), and charge from the
        stimulation models. Leads and generators are generic catalogue entries with nominal
        dimensions.
      </p>
      <AbCompare presentIssue={present.issue} />
      <Scripts />
    </section>
  );
}
