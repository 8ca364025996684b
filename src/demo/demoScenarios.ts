/**
 * Vendor-neutral demo scenarios: generic leads and generators of the catalogue, programs
 * built on the default scenarios of models/scenario.ts, and scripted sequences with notes.
 */
import {
  ScenarioSchema,
  defaultScenario,
  type Scenario,
  type ScenarioInput,
} from '../../models/scenario.ts';

export type Configuration = 'bipole' | 'wide-bipole' | 'tripole' | 'monopole';

export const CONFIGURATION_LABELS: Record<Configuration, string> = {
  bipole: 'Bipole (contacts 3−, 4+)',
  'wide-bipole': 'Wide bipole (3−, 5+)',
  tripole: 'Guarded tripole (2+, 3−, 4+)',
  monopole: 'Monopole (3−, case +)',
};

const CONTACTS: Record<Configuration, ScenarioInput['program']['contacts']> = {
  bipole: [
    { leadId: 'lead-1', contactIndex: 3, polarity: 'cathode', fractionPercent: 100 },
    { leadId: 'lead-1', contactIndex: 4, polarity: 'anode', fractionPercent: 100 },
  ],
  'wide-bipole': [
    { leadId: 'lead-1', contactIndex: 3, polarity: 'cathode', fractionPercent: 100 },
    { leadId: 'lead-1', contactIndex: 5, polarity: 'anode', fractionPercent: 100 },
  ],
  tripole: [
    { leadId: 'lead-1', contactIndex: 2, polarity: 'anode', fractionPercent: 50 },
    { leadId: 'lead-1', contactIndex: 3, polarity: 'cathode', fractionPercent: 100 },
    { leadId: 'lead-1', contactIndex: 4, polarity: 'anode', fractionPercent: 50 },
  ],
  monopole: [{ leadId: 'lead-1', contactIndex: 3, polarity: 'cathode', fractionPercent: 100 }],
};

export interface ScsProgramChoice {
  configuration: Configuration;
  amplitudeMa: number;
  pulseWidthUs: number;
  rateHz: number;
}

export const DEFAULT_CHOICE: ScsProgramChoice = {
  configuration: 'bipole',
  amplitudeMa: 3,
  pulseWidthUs: 210,
  rateHz: 50,
};

/** An SCS scenario at T8 (default lead) with the chosen program. */
export function scsScenario(c: ScsProgramChoice, name?: string): Scenario {
  const base = defaultScenario('SCS');
  return ScenarioSchema.parse({
    ...base,
    name: name ?? `SCS T8 ${CONFIGURATION_LABELS[c.configuration]} ${c.amplitudeMa} mA`,
    program: {
      ...base.program,
      amplitudeMa: c.amplitudeMa,
      pulseWidthUs: c.pulseWidthUs,
      rateHz: c.rateHz,
      caseIsReturn: c.configuration === 'monopole',
      contacts: CONTACTS[c.configuration],
    },
  });
}

/** Reads the program choice back from an SCS scenario made by `scsScenario` (or the defaults). */
export function choiceOf(s: Scenario): ScsProgramChoice {
  const p = s.program;
  const sig = (cs: ScenarioInput['program']['contacts']) =>
    cs.map((c) => `${c.contactIndex}${c.polarity}${c.fractionPercent}`).join(',');
  const configuration =
    (Object.keys(CONTACTS) as Configuration[]).find((k) => sig(CONTACTS[k]) === sig(p.contacts)) ??
    'bipole';
  return {
    configuration,
    amplitudeMa: p.amplitudeMa,
    pulseWidthUs: p.pulseWidthUs,
    rateHz: p.rateHz,
  };
}

export interface DemoStep {
  title: string;
  note: string;
  scenario: Scenario;
}

export interface DemoScript {
  id: string;
  title: string;
  steps: DemoStep[];
}

export function demoScripts(): DemoScript[] {
  const named = (s: Scenario, name: string): Scenario => ({ ...s, name });
  return [
    {
      id: 'amplitude',
      title: 'Raising the amplitude (SCS, T8 bipole)',
      steps: [3, 4.5, 7].map((a, i) => ({
        title: `${a} mA`,
        note: [
          'The default program, 3 mA, just above the modelled perception threshold: the first dorsal-column fibres fire, the roots stay silent under a midline lead.',
          'More dorsal-column fibres, still no root: this margin between perception and the roots is the usage range (Holsheimer).',
          'Higher still: the roots join in. Root recruitment (segmental paresthesia, discomfort) is what limits the usable range (Struijk, Holsheimer & Boom 1993).',
        ][i] as string,
        scenario: scsScenario({ ...DEFAULT_CHOICE, amplitudeMa: a }),
      })),
    },
    {
      id: 'configuration',
      title: 'Shaping the field: bipole, guarded tripole, monopole',
      steps: (['bipole', 'tripole', 'monopole'] as const).map((c) => ({
        title: CONFIGURATION_LABELS[c],
        note: {
          bipole: 'A cathode and one anode 7 mm away: the common starting point.',
          tripole:
            'Anodes on both sides confine the field: thresholds rise, lateral fibres lose most.',
          monopole: 'The case as the far return: the lowest thresholds, the widest spread.',
        }[c],
        scenario: scsScenario({ ...DEFAULT_CHOICE, configuration: c }),
      })),
    },
    {
      id: 'targets',
      title: 'Three targets: SCS, DRG and PNS',
      steps: [
        {
          title: 'SCS at T8',
          note: 'Through several millimetres of CSF to the dorsal columns: milliamps.',
          scenario: named(defaultScenario('SCS'), 'SCS T8 default'),
        },
        {
          title: 'DRG at L5',
          note: 'On the ganglion: a fraction of a milliamp reaches the fibres of one root.',
          scenario: named(defaultScenario('DRG'), 'DRG L5 default'),
        },
        {
          title: 'PNS, sciatic',
          note: 'A percutaneous lead ~10 mm from the nerve: placement distance decides the current.',
          scenario: named(defaultScenario('PNS'), 'PNS sciatic default'),
        },
      ],
    },
  ];
}
