import { useMemo, useState } from 'react';
import {
  MME_CDC_CAUTION_AT,
  MME_FACTORS,
  MME_STUDY_EXCLUSION_ABOVE,
  doseUnitOf,
  mmePerDay,
  type OpioidAgent,
} from '../../../models/clinical/mme.ts';
import { MIN_CONSERVATIVE_WEEKS, MIN_DRUG_CLASSES } from '../../../models/clinical/selection.ts';
import { Chart } from '../../app/Chart.tsx';
import { Slider } from '../components/Slider.tsx';
import type { Lesson } from './types.ts';

const AGENTS = Object.keys(MME_FACTORS) as Exclude<OpioidAgent, 'buprenorphine'>[];
const CLASSES = [
  { id: 'gabapentinoid', label: 'Gabapentinoid (gabapentin, pregabalin)', drug: true },
  { id: 'SNRI', label: 'SNRI (duloxetine)', drug: true },
  { id: 'TCA', label: 'Tricyclic (amitriptyline)', drug: true },
  { id: 'topical_lidocaine', label: 'Topical lidocaine', drug: true },
  { id: 'PT', label: 'Physical therapy', drug: false },
  { id: 'CBT', label: 'Cognitive behavioural therapy', drug: false },
] as const;

function Body() {
  const [tried, setTried] = useState<Set<string>>(new Set(['gabapentinoid']));
  const [weeks, setWeeks] = useState(12);
  const [agent, setAgent] = useState<Exclude<OpioidAgent, 'buprenorphine'>>('oxycodone');
  const [dose, setDose] = useState(30);
  const unit = doseUnitOf(agent);
  const maxDose = unit === 'ug/h' ? 100 : 200;
  const mme = mmePerDay([{ agent, dose }]).mmePerDay ?? 0;
  const drugClasses = CLASSES.filter((c) => c.drug && tried.has(c.id)).length;
  const findings = [
    drugClasses < MIN_DRUG_CLASSES
      ? `Only ${drugClasses} drug class${drugClasses === 1 ? '' : 'es'} tried: selection rules expect at least ${MIN_DRUG_CLASSES} (e.g. a gabapentinoid and one other).`
      : `${drugClasses} drug classes tried: meets the ≥ ${MIN_DRUG_CLASSES} classes rule.`,
    weeks < MIN_CONSERVATIVE_WEEKS
      ? `${weeks} weeks of conservative care: payers usually expect at least 6 months (${MIN_CONSERVATIVE_WEEKS} weeks).`
      : `${weeks} weeks of conservative care: meets the 6-month rule.`,
    !tried.has('PT') && !tried.has('CBT')
      ? 'No physical or psychological therapy yet: both belong to conservative care and to screening.'
      : 'Non-drug therapy is part of the record.',
  ];
  const data = useMemo(() => {
    const xs = Array.from({ length: 51 }, (_, i) => (i * maxDose) / 50);
    return [
      xs,
      xs.map((x) => mmePerDay([{ agent, dose: x }]).mmePerDay ?? 0),
      xs.map(() => MME_CDC_CAUTION_AT),
      xs.map(() => MME_STUDY_EXCLUSION_ABOVE),
      xs.map((x, i) => (i > 0 && (xs[i - 1] as number) < dose && x >= dose ? mme : null)),
    ];
  }, [agent, dose, maxDose, mme]);
  return (
    <>
      <section className="explain">
        <p>
          Neuromodulation is a late step. Every guideline and coverage policy asks for two gates
          first: <strong>failed conservative care</strong> with multidisciplinary and psychological
          screening, and then a <strong>trial with at least 50 % pain relief</strong> before a
          permanent implant. Conservative care for neuropathic pain means first-line drugs from more
          than one class (gabapentinoids, SNRIs, tricyclics, topical agents), physical therapy and
          psychological therapy, over months: NICE asks for pain of at least 50 mm on a 100 mm VAS
          for six months despite conventional management; US policies typically ask for six months
          of failed conservative therapy.
        </p>
        <p>
          Neuromodulation is for the pain that remains despite this care. Side effects limit the
          doses of first-line drugs, and opioids add risk — which is why the record keeps the opioid
          load (morphine milligram equivalents, MME, with the CDC 2022 factors) and why selection
          rules check how much conservative care was actually tried, and for how long. Use the
          checklist and the MME calculator: they run the same rules and functions as the Patients
          area.
        </p>
      </section>
      <section className="controls" aria-label="Conservative care tried">
        <fieldset className="choice">
          <legend>Therapies tried</legend>
          {CLASSES.map((c) => (
            <label key={c.id}>
              <input
                type="checkbox"
                checked={tried.has(c.id)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  setTried((s) => {
                    const n = new Set(s);
                    if (on) n.add(c.id);
                    else n.delete(c.id);
                    return n;
                  });
                }}
              />
              {c.label}
            </label>
          ))}
        </fieldset>
        <Slider
          label="Duration of conservative care"
          unit="weeks"
          value={weeks}
          min={0}
          max={104}
          step={1}
          digits={0}
          onChange={setWeeks}
        />
      </section>
      <ul className="findings" data-testid="care-findings" aria-live="polite">
        {findings.map((f) => (
          <li key={f}>{f}</li>
        ))}
      </ul>
      <section className="controls" aria-label="Opioid load">
        <label>
          Opioid{' '}
          <select
            value={agent}
            onChange={(e) => {
              setAgent(e.currentTarget.value as typeof agent);
              setDose(0);
            }}
          >
            {AGENTS.map((a) => (
              <option key={a} value={a}>
                {a} (factor {MME_FACTORS[a]})
              </option>
            ))}
          </select>
        </label>
        <Slider
          label="Daily dose"
          unit={unit === 'ug/h' ? 'µg/h' : 'mg/day'}
          value={dose}
          min={0}
          max={maxDose}
          step={unit === 'ug/h' ? 1 : 5}
          digits={0}
          onChange={setDose}
        />
      </section>
      <Chart
        title="Morphine milligram equivalents per day"
        description={`${dose} ${unit} of ${agent} is ${mme} MME/day.`}
        xLabel={`dose (${unit === 'ug/h' ? 'µg/h' : 'mg/day'})`}
        yLabel="MME/day"
        series={[
          { label: agent, stroke: '#0b5d8c' },
          { label: `CDC caution ${MME_CDC_CAUTION_AT}`, stroke: '#8a5a00', dash: [6, 4] },
          {
            label: `study exclusion > ${MME_STUDY_EXCLUSION_ABOVE}`,
            stroke: '#a4161a',
            dash: [2, 4],
          },
          { label: 'this dose', stroke: '#14212b', pointsOnly: true },
        ]}
        data={data}
      />
      <p role="status" data-testid="mme">
        {mme} MME/day
        {mme > MME_STUDY_EXCLUSION_ABOVE
          ? ' — above 120: excluded from SENZA-PDN-type trials.'
          : mme >= MME_CDC_CAUTION_AT
            ? ' — at or above 50: CDC caution.'
            : '.'}
      </p>
    </>
  );
}

export const conservativeCareLesson: Lesson = {
  meta: {
    slug: 'conservative-care',
    title: 'Why neuropathic pain needs more than drugs',
    summary:
      'The conservative care that precedes neuromodulation, and the two gates before an implant.',
    sources: [
      {
        citation:
          'CMS NCD 160.7; LCD L37632 — late resort, trial before implant, psychological screening',
        note: 'clinical.md §0, §1.1',
      },
      {
        citation:
          'NICE TA159 — ≥ 50 mm VAS for ≥ 6 months despite conventional management; successful trial',
        note: 'clinical.md §1.1',
      },
      {
        citation:
          'Deer TR et al. Neuromodulation 2014;17:515 (NACC) — patients have failed conservative management',
        note: 'clinical.md §1.1',
      },
      {
        citation:
          'SENZA-PDN (gabapentinoid + 1 other class); ACCURATE/Axium SSED (≥ 2 classes); Aetna CPB 0194 (≥ 6 months)',
        note: 'clinical.md §1.5',
      },
      {
        citation: 'CDC 2022 Clinical Practice Guideline, MME conversion factors',
        note: 'clinical.md §2.4',
      },
    ],
    questions: [
      {
        id: 'cc-gates',
        prompt: 'Which two gates do coverage policies put before a permanent implant?',
        options: [
          {
            id: 'gates',
            text: 'Failed conservative care with psychological screening, then a trial with ≥ 50 % relief',
          },
          {
            id: 'imaging',
            text: 'An MRI and a nerve conduction study',
            feedback:
              'Imaging and nerve studies support the diagnosis, but they are not the gates that CMS NCD 160.7, LCD L37632 and NICE TA159 put before an implant. Those gates are failed conservative care with psychological screening, then a trial with at least 50 % relief.',
          },
          {
            id: 'opioids',
            text: 'A trial of high-dose opioids, then surgery',
            feedback:
              'No policy asks for high-dose opioids or for surgery first. Stimulation is a late option after medicines, physical and psychological therapy have failed, and the policies require a trial with at least 50 % relief before the permanent implant.',
          },
        ],
        correctId: 'gates',
        hint: 'Coverage policies ask two things in turn: is the patient a candidate at all, and does stimulation work for them before anything is implanted for good?',
        explanation: 'CMS NCD 160.7, LCD L37632 and NICE TA159 all name the same two gates.',
      },
      {
        id: 'cc-classes',
        prompt:
          'A patient with painful diabetic neuropathy has tried pregabalin only, for 8 weeks. What is missing?',
        options: [
          {
            id: 'more',
            text: 'A second drug class and more time (about 6 months) of conservative care',
          },
          {
            id: 'nothing',
            text: 'Nothing: one drug is enough',
            feedback:
              'One drug for 8 weeks falls short on both counts. The rules ask for at least two pharmacological classes (for painful diabetic neuropathy, a gabapentinoid plus one other class, such as an SNRI or a tricyclic) and about 6 months of conservative care.',
          },
          {
            id: 'opioid',
            text: 'An opioid',
            feedback:
              'An opioid is not a required step. What is missing is a second class of neuropathic pain drug (after a gabapentinoid, for example an SNRI or a tricyclic) and about 6 months of conservative care in all.',
          },
        ],
        correctId: 'more',
        hint: 'The selection rules look at two things: how many pharmacological classes were tried, and for how long conservative care went on.',
        explanation:
          'Selection rules: ≥ 2 pharmacological classes (gabapentinoid + 1 for PDN) and ≥ 6 months.',
      },
      {
        id: 'cc-mme',
        prompt: '30 mg/day of oxycodone corresponds to…',
        options: [
          { id: '45', text: '45 MME/day' },
          {
            id: '30',
            text: '30 MME/day',
            feedback:
              "That uses a factor of 1, which is morphine's. Oxycodone is more potent per milligram, with a CDC factor of 1.5: 30 × 1.5 = 45 MME/day.",
          },
          {
            id: '20',
            text: '20 MME/day',
            feedback:
              'That divides by the factor instead of multiplying. The factor converts milligrams of oxycodone into morphine milligram equivalents: 30 × 1.5 = 45 MME/day.',
          },
        ],
        correctId: '45',
        hint: "MME/day is the daily dose times the drug's CDC 2022 conversion factor. The lesson's calculator shows the factor for oxycodone.",
        explanation: 'CDC factor for oxycodone 1.5: 30 × 1.5 = 45 MME/day.',
      },
    ],
  },
  Body,
};
