/**
 * Outcome and screening instruments as pure scoring functions. Item ranges, scoring rules,
 * bands and LOINC codes: ../shared/research/clinical.md §2.4 (the table "Outcome instruments:
 * scoring rules"). An answer of `null` is a missing answer. Item wording is shipped only where
 * the instrument's licence allows it (PHQ-9 and GAD-7: "No permission required to reproduce,
 * translate, display or distribute", Pfizer); licensed or unverified ones (ODI, BPI, EQ-5D,
 * PCS, DN4, S-LANSS) carry short paraphrased labels and are scored from item values only.
 */

export const INSTRUMENT_IDS = [
  'nrs',
  'vas',
  'dn4',
  's_lanss',
  'odi',
  'bpi',
  'phq9',
  'gad7',
  'pcs',
  'pgic',
  'eq5d5l',
] as const;
export type InstrumentId = (typeof INSTRUMENT_IDS)[number];

export type Answer = number | null;

export interface InstrumentDefinition {
  id: InstrumentId;
  name: string;
  itemCount: number;
  itemMin: number;
  itemMax: number;
  /** item labels (short, paraphrased; never licensed item text) */
  itemLabels: readonly string[];
  /** verbatim item wording, only where the licence allows it */
  itemText?: readonly string[];
  /** the question stem shown above the items (verbatim only where the licence allows) */
  stem?: string;
  /** labels of the answer values, from itemMin up */
  answerLabels?: readonly string[];
  /** what the licence allows (shown beside the form) */
  licence: string;
  /** LOINC codes where clinical.md §2.4 gives one */
  loinc: { panel?: string; total?: string; items?: Readonly<Record<number, string>> };
  /** free-text source of the scoring rule */
  source: string;
}

export interface Band {
  label: string;
  /** inclusive bounds on the scored value */
  min: number;
  max: number;
}

export interface ScoreResult {
  instrument: InstrumentId;
  total: number | null;
  percent?: number | null;
  band?: string | null;
  flags: string[];
  subscales?: Record<string, number | null>;
  severity?: number | null;
  interference?: number | null;
  valid: boolean;
  answered: number;
  /** EQ-5D-5L only */
  profile?: string | null;
  vas?: number | null;
  /** PGIC only: anchor text stored with the value (clinical.md §2.4: versions differ in direction) */
  anchorText?: string | null;
}

/** An answer outside an item's range: the message names the item. */
export class InstrumentInputError extends Error {
  constructor(
    message: string,
    readonly instrument: InstrumentId,
    readonly item: number,
  ) {
    super(message);
    this.name = 'InstrumentInputError';
  }
}

// clinical.md §2.4 NRS row: 1 item 0–10; LOINC 72514-3.
const NRS: InstrumentDefinition = {
  id: 'nrs',
  name: 'Numeric rating scale of pain (0–10)',
  itemCount: 1,
  itemMin: 0,
  itemMax: 10,
  itemLabels: ['Pain intensity'],
  loinc: { total: '72514-3' },
  licence: 'Public domain scale.',
  source: 'clinical.md §2.4 (NRS); LOINC 72514-3',
};

// NICE TA159 §1.1 states pain intensity as ≥ 50 mm on a 0–100 mm visual analogue scale.
const VAS: InstrumentDefinition = {
  id: 'vas',
  name: 'Visual analogue scale of pain (0–100 mm)',
  itemCount: 1,
  itemMin: 0,
  itemMax: 100,
  itemLabels: ['Pain intensity (mm from "no pain")'],
  loinc: {},
  licence: 'Public domain scale.',
  source: 'NICE TA159 §1.1 (≥ 50 mm on a 0–100 mm VAS)',
};

// DN4, Bouhassira et al., Pain 2005;114:29-36: 10 yes/no items (7 interview, 3 examination);
// a total ≥ 4/10 is neuropathic (sensitivity 83 %, specificity 90 %); the 7 interview items
// alone (DN4-interview) use ≥ 3/7.
const DN4: InstrumentDefinition = {
  id: 'dn4',
  name: 'DN4 neuropathic pain questionnaire (Douleur Neuropathique 4)',
  itemCount: 10,
  itemMin: 0,
  itemMax: 1,
  itemLabels: [
    'Burning',
    'Painful cold',
    'Electric shocks',
    'Tingling',
    'Pins and needles',
    'Numbness',
    'Itching',
    'Examination: hypoaesthesia to touch',
    'Examination: hypoaesthesia to pinprick',
    'Examination: pain caused or increased by brushing',
  ],
  answerLabels: ['No', 'Yes'],
  loinc: {},
  licence: 'Item labels paraphrased; the licence of the published wording was not verified.',
  source: 'Bouhassira D et al., Pain 2005;114:29-36 (DN4, cut-off 4/10)',
};

// S-LANSS, Bennett MI et al., J Pain 2005;6:149-158: 7 yes/no items weighted 5, 5, 3, 2, 1,
// 5, 3 (total 0–24); ≥ 12 suggests pain of predominantly neuropathic origin.
const S_LANSS: InstrumentDefinition = {
  id: 's_lanss',
  name: 'S-LANSS (self-report Leeds Assessment of Neuropathic Symptoms and Signs)',
  itemCount: 7,
  itemMin: 0,
  itemMax: 1,
  itemLabels: [
    'Pins and needles, tingling or prickling',
    'Skin in the painful area looks different (mottled, red, pink)',
    'Painful area abnormally sensitive to touch',
    'Sudden unexplained bursts of pain, like electric shocks',
    'Skin in the painful area feels hot or burning',
    'Self-test: gentle rubbing of the painful area is unpleasant or painful',
    'Self-test: pressing with a fingertip feels numb or different',
  ],
  answerLabels: ['No', 'Yes'],
  loinc: {},
  licence: 'Item labels paraphrased; the licence of the published wording was not verified.',
  source: 'Bennett MI et al., J Pain 2005;6:149-158 (S-LANSS, cut-off 12/24)',
};

// clinical.md §2.4 ODI v2.1a row: 10 sections × 0–5; panel 97908-8, score 97909-6.
const ODI: InstrumentDefinition = {
  id: 'odi',
  name: 'Oswestry Disability Index v2.1a',
  itemCount: 10,
  itemMin: 0,
  itemMax: 5,
  itemLabels: [
    'Pain intensity',
    'Personal care',
    'Lifting',
    'Walking',
    'Sitting',
    'Standing',
    'Sleeping',
    'Sex life',
    'Social life',
    'Travelling',
  ],
  loinc: { panel: '97908-8', total: '97909-6' },
  licence: 'Licensed (© Fairbank; Mapi Research Trust): item text not shipped.',
  source: 'clinical.md §2.4 (ODI v2.1a); idcafe ODI scoring; LOINC 97909-6',
};

// clinical.md §2.4 BPI-SF row: 4 severity + 7 interference items, 0–10; interference 77565-0.
const BPI: InstrumentDefinition = {
  id: 'bpi',
  name: 'Brief Pain Inventory, short form',
  itemCount: 11,
  itemMin: 0,
  itemMax: 10,
  itemLabels: [
    'Worst pain (24 h)',
    'Least pain (24 h)',
    'Average pain',
    'Pain right now',
    'Interference: general activity',
    'Interference: mood',
    'Interference: walking ability',
    'Interference: normal work',
    'Interference: relations with others',
    'Interference: sleep',
    'Interference: enjoyment of life',
  ],
  loinc: { items: {}, total: '77565-0' },
  licence: 'Licensed (© Cleeland): item text not shipped.',
  source: 'clinical.md §2.4 (BPI-SF); ePPOC; LOINC 77565-0 (interference)',
};

// clinical.md §2.4 PHQ-9 row: 9 items × 0–3; panel 44249-1, total 44261-6, item 9 44260-8.
const PHQ9: InstrumentDefinition = {
  id: 'phq9',
  name: 'Patient Health Questionnaire-9',
  itemCount: 9,
  itemMin: 0,
  itemMax: 3,
  itemLabels: [
    'Little interest or pleasure',
    'Feeling down or hopeless',
    'Sleep problems',
    'Tired or little energy',
    'Appetite',
    'Feeling bad about yourself',
    'Trouble concentrating',
    'Moving or speaking slowly / restless',
    'Thoughts of self-harm',
  ],
  stem: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
  itemText: [
    'Little interest or pleasure in doing things',
    'Feeling down, depressed, or hopeless',
    'Trouble falling or staying asleep, or sleeping too much',
    'Feeling tired or having little energy',
    'Poor appetite or overeating',
    'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
    'Trouble concentrating on things, such as reading the newspaper or watching television',
    'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
    'Thoughts that you would be better off dead or of hurting yourself in some way',
  ],
  answerLabels: ['Not at all', 'Several days', 'More than half the days', 'Nearly every day'],
  // LOINC item codes of panel 44249-1, in item order.
  loinc: {
    panel: '44249-1',
    total: '44261-6',
    items: {
      1: '44250-9',
      2: '44255-8',
      3: '44259-0',
      4: '44254-1',
      5: '44251-7',
      6: '44258-2',
      7: '44252-5',
      8: '44253-3',
      9: '44260-8',
    },
  },
  licence:
    'Free: "No permission required to reproduce, translate, display or distribute" (Spitzer, Williams, Kroenke; Pfizer).',
  source: 'clinical.md §2.4 (PHQ-9); LOINC LL382-3, LL358-3',
};

// clinical.md §2.4 GAD-7 row: 7 items × 0–3; total 70274-6 (panel 69737-5 ⚠ unverified).
const GAD7: InstrumentDefinition = {
  id: 'gad7',
  name: 'Generalized Anxiety Disorder-7',
  itemCount: 7,
  itemMin: 0,
  itemMax: 3,
  itemLabels: [
    'Nervous or anxious',
    'Unable to stop worrying',
    'Worrying too much',
    'Trouble relaxing',
    'Restless',
    'Easily annoyed',
    'Afraid something awful might happen',
  ],
  stem: 'Over the last 2 weeks, how often have you been bothered by the following problems?',
  itemText: [
    'Feeling nervous, anxious, or on edge',
    'Not being able to stop or control worrying',
    'Worrying too much about different things',
    'Trouble relaxing',
    'Being so restless that it is hard to sit still',
    'Becoming easily annoyed or irritable',
    'Feeling afraid, as if something awful might happen',
  ],
  answerLabels: ['Not at all', 'Several days', 'More than half the days', 'Nearly every day'],
  loinc: { panel: '69737-5', total: '70274-6' },
  licence:
    'Free: "No permission required to reproduce, translate, display or distribute" (Spitzer, Kroenke, Williams, Löwe; Pfizer).',
  source: 'clinical.md §2.4 (GAD-7); LOINC 70274-6',
};

// clinical.md §2.4 PCS row: 13 items × 0–4; LOINC ⚠ not verified (none used).
const PCS: InstrumentDefinition = {
  id: 'pcs',
  name: 'Pain Catastrophizing Scale',
  itemCount: 13,
  itemMin: 0,
  itemMax: 4,
  itemLabels: [
    'Worry whether the pain will end',
    'Feel I can’t go on',
    'Think it will never get better',
    'Feel overwhelmed by it',
    'Feel I can’t stand it any more',
    'Afraid the pain will get worse',
    'Think of other painful events',
    'Anxiously want the pain to go away',
    'Can’t keep it out of my mind',
    'Keep thinking how much it hurts',
    'Keep thinking how badly I want it to stop',
    'Nothing I can do to reduce it',
    'Wonder whether something serious may happen',
  ],
  answerLabels: [
    'Not at all',
    'To a slight degree',
    'To a moderate degree',
    'To a great degree',
    'All the time',
  ],
  loinc: {},
  licence: 'Item labels paraphrased (© Sullivan); the published wording is not shipped.',
  source: 'clinical.md §2.4 (PCS); Sullivan PCS manual; RehabMeasures',
};

// clinical.md §2.4 PGIC row: 1 item, 7 points, NINDS CDE anchors; LOINC ⚠ not verified.
const PGIC: InstrumentDefinition = {
  id: 'pgic',
  name: 'Patient Global Impression of Change',
  itemCount: 1,
  itemMin: 1,
  itemMax: 7,
  itemLabels: ['Overall change since the start of treatment'],
  answerLabels: [
    'Very much improved',
    'Much improved',
    'Minimally improved',
    'No change',
    'Minimally worse',
    'Much worse',
    'Very much worse',
  ],
  loinc: {},
  licence: 'NINDS Common Data Element (public).',
  source: 'clinical.md §2.4 (PGIC); NINDS CDE 25166',
};

// clinical.md §2.4 EQ-5D-5L row: 5 dimensions × levels 1–5, plus EQ VAS 0–100 (6th entry here).
const EQ5D5L: InstrumentDefinition = {
  id: 'eq5d5l',
  name: 'EQ-5D-5L (profile and EQ VAS)',
  itemCount: 6,
  itemMin: 1,
  itemMax: 5,
  itemLabels: [
    'Mobility',
    'Self-care',
    'Usual activities',
    'Pain / discomfort',
    'Anxiety / depression',
    'EQ VAS (0–100)',
  ],
  loinc: {},
  licence:
    'EuroQol: use needs registration with the EuroQol Research Foundation; item text not shipped.',
  source: 'clinical.md §2.4 (EQ-5D-5L); EuroQol FAQ',
};

export const INSTRUMENTS: Readonly<Record<InstrumentId, InstrumentDefinition>> = {
  nrs: NRS,
  vas: VAS,
  dn4: DN4,
  s_lanss: S_LANSS,
  odi: ODI,
  bpi: BPI,
  phq9: PHQ9,
  gad7: GAD7,
  pcs: PCS,
  pgic: PGIC,
  eq5d5l: EQ5D5L,
};

/** PGIC anchors, NINDS CDE direction (clinical.md §2.4): 1 = very much improved … 7 = very much worse. */
export const PGIC_ANCHORS_NINDS: readonly string[] = [
  'Very much improved',
  'Much improved',
  'Minimally improved',
  'No change',
  'Minimally worse',
  'Much worse',
  'Very much worse',
];

// clinical.md §2.4 bands.
export const ODI_BANDS: readonly Band[] = [
  { label: 'minimal disability', min: 0, max: 20 },
  { label: 'moderate disability', min: 21, max: 40 },
  { label: 'severe disability', min: 41, max: 60 },
  { label: 'crippled', min: 61, max: 80 },
  { label: 'bed-bound', min: 81, max: 100 },
];
export const PHQ9_BANDS: readonly Band[] = [
  { label: 'none-minimal', min: 0, max: 4 },
  { label: 'mild', min: 5, max: 9 },
  { label: 'moderate', min: 10, max: 14 },
  { label: 'moderately severe', min: 15, max: 19 },
  { label: 'severe', min: 20, max: 27 },
];
export const GAD7_BANDS: readonly Band[] = [
  { label: 'minimal', min: 0, max: 4 },
  { label: 'mild', min: 5, max: 9 },
  { label: 'moderate', min: 10, max: 14 },
  { label: 'severe', min: 15, max: 21 },
];
/** BPI worst-pain bands (clinical.md §2.4: 1–4 mild, 5–6 moderate, 7–10 severe). */
export const BPI_WORST_BANDS: readonly Band[] = [
  { label: 'none', min: 0, max: 0 },
  { label: 'mild', min: 1, max: 4 },
  { label: 'moderate', min: 5, max: 6 },
  { label: 'severe', min: 7, max: 10 },
];
/** NRS anchors 0 none … 10 worst imaginable; bands as for BPI worst pain (clinical.md §2.4). */
export const NRS_BANDS = BPI_WORST_BANDS;

/** PCS > 30 is clinically relevant (clinical.md §2.4, RehabMeasures). */
export const PCS_CLINICALLY_RELEVANT_ABOVE = 30;
/** GAD-7 ≥ 10 screens positive (clinical.md §2.4). */
export const GAD7_SCREEN_POSITIVE_AT = 10;

/** Bands are looked up with the value rounded down, so 20.5 % ODI is still "minimal" up to 20.99. */
export function bandOf(bands: readonly Band[], value: number | null): string | null {
  if (value === null) return null;
  const v = Math.floor(value);
  return bands.find((b) => v >= b.min && v <= b.max)?.label ?? null;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Checks answer count and ranges; throws InstrumentInputError naming the item (1-based). */
export function checkAnswers(id: InstrumentId, answers: readonly Answer[]): void {
  const def = INSTRUMENTS[id];
  if (answers.length !== def.itemCount) {
    throw new InstrumentInputError(
      `${id}: expected ${def.itemCount} answers, got ${answers.length}`,
      id,
      Math.min(answers.length, def.itemCount) + 1,
    );
  }
  answers.forEach((a, i) => {
    if (a === null) return;
    const isVas = id === 'eq5d5l' && i === 5;
    const min = isVas ? 0 : def.itemMin;
    const max = isVas ? 100 : def.itemMax;
    if (!Number.isFinite(a) || !Number.isInteger(a) || a < min || a > max) {
      const label = def.itemLabels[i] ?? `item ${i + 1}`;
      throw new InstrumentInputError(
        `${id} item ${i + 1} (${label}): answer ${a} is outside ${min}–${max}`,
        id,
        i + 1,
      );
    }
  });
}

function answeredValues(answers: readonly Answer[]): number[] {
  return answers.filter((a): a is number => a !== null);
}

function sumIfComplete(answers: readonly Answer[]): number | null {
  return answers.some((a) => a === null)
    ? null
    : answeredValues(answers).reduce((s, a) => s + a, 0);
}

function mean(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}

export function scoreNrs(answers: readonly Answer[]): ScoreResult {
  checkAnswers('nrs', answers);
  const v = answers[0] ?? null;
  return {
    instrument: 'nrs',
    total: v,
    band: bandOf(NRS_BANDS, v),
    flags: [],
    valid: v !== null,
    answered: v === null ? 0 : 1,
  };
}

/**
 * Fairbank & Pynsent 2000 (Spine 25:2940-52): with one section missed the denominator is
 * reduced (sum / (5 × 9) × 100); they give no correction for more missed sections, so with two
 * or more missing the index is not calculated here.
 */
export const ODI_MAX_MISSING_SECTIONS = 1;

/**
 * ODI: percent = sum / (5 × answered sections) × 100, scored only with at most
 * ODI_MAX_MISSING_SECTIONS missing (clinical.md §2.4; Fairbank & Pynsent 2000).
 */
export function scoreOdi(answers: readonly Answer[]): ScoreResult {
  checkAnswers('odi', answers);
  const values = answeredValues(answers);
  const missing = answers.length - values.length;
  const scorable = values.length > 0 && missing <= ODI_MAX_MISSING_SECTIONS;
  const sum = values.reduce((s, a) => s + a, 0);
  const percent = scorable ? round((sum / (5 * values.length)) * 100, 1) : null;
  const flags = missing > 0 ? [`missing-sections:${missing}`] : [];
  if (!scorable) flags.push('not-scored');
  return {
    instrument: 'odi',
    total: scorable ? sum : null,
    percent,
    band: bandOf(ODI_BANDS, percent),
    flags,
    valid: scorable,
    answered: values.length,
  };
}

/**
 * BPI-SF: severity = mean of the 4 severity items; interference = mean of the 7 interference
 * items, valid when ≥ 4 are answered (clinical.md §2.4). Severity here needs all 4 items
 * (the rule gives none for missing severity items, so we do not impute). Band from worst pain.
 */
export function scoreBpi(answers: readonly Answer[]): ScoreResult {
  checkAnswers('bpi', answers);
  const severityItems = answers.slice(0, 4);
  const interferenceItems = answeredValues(answers.slice(4));
  const severityComplete = severityItems.every((a) => a !== null);
  const severity = severityComplete ? round(mean(answeredValues(severityItems)), 2) : null;
  const interferenceValid = interferenceItems.length >= 4;
  const interference = interferenceValid ? round(mean(interferenceItems), 2) : null;
  const flags: string[] = [];
  if (!interferenceValid) flags.push('interference-invalid');
  if (!severityComplete) flags.push('severity-incomplete');
  return {
    instrument: 'bpi',
    total: severity,
    severity,
    interference,
    band: bandOf(BPI_WORST_BANDS, answers[0] ?? null),
    flags,
    valid: severityComplete && interferenceValid,
    answered: answeredValues(answers).length,
  };
}

/** PHQ-9: sum 0–27; item 9 > 0 → "item9-positive" (immediate safety assessment; clinical.md §2.4). */
export function scorePhq9(answers: readonly Answer[]): ScoreResult {
  checkAnswers('phq9', answers);
  const total = sumIfComplete(answers);
  const flags: string[] = [];
  const item9 = answers[8] ?? null;
  if (item9 !== null && item9 > 0) flags.push('item9-positive');
  return {
    instrument: 'phq9',
    total,
    band: bandOf(PHQ9_BANDS, total),
    flags,
    valid: total !== null,
    answered: answeredValues(answers).length,
  };
}

/** GAD-7: sum 0–21; ≥ 10 screens positive (clinical.md §2.4). */
export function scoreGad7(answers: readonly Answer[]): ScoreResult {
  checkAnswers('gad7', answers);
  const total = sumIfComplete(answers);
  const flags = total !== null && total >= GAD7_SCREEN_POSITIVE_AT ? ['screen-positive'] : [];
  return {
    instrument: 'gad7',
    total,
    band: bandOf(GAD7_BANDS, total),
    flags,
    valid: total !== null,
    answered: answeredValues(answers).length,
  };
}

// clinical.md §2.4 PCS: rumination 8–11, magnification 6, 7, 13, helplessness 1–5, 12 (1-based).
export const PCS_SUBSCALE_ITEMS: Readonly<
  Record<'rumination' | 'magnification' | 'helplessness', readonly number[]>
> = {
  rumination: [8, 9, 10, 11],
  magnification: [6, 7, 13],
  helplessness: [1, 2, 3, 4, 5, 12],
};

/** PCS: total = sum of 13 items (0–52) and three subscales; > 30 clinically relevant. */
export function scorePcs(answers: readonly Answer[]): ScoreResult {
  checkAnswers('pcs', answers);
  const total = sumIfComplete(answers);
  const subscales: Record<string, number | null> = {};
  for (const [name, items] of Object.entries(PCS_SUBSCALE_ITEMS)) {
    subscales[name] = sumIfComplete(items.map((i) => answers[i - 1] ?? null));
  }
  const flags =
    total !== null && total > PCS_CLINICALLY_RELEVANT_ABOVE ? ['clinically-relevant'] : [];
  return {
    instrument: 'pcs',
    total,
    subscales,
    flags,
    valid: total !== null,
    answered: answeredValues(answers).length,
  };
}

/** PGIC: the value with its anchor text; responder = 1–2 on the NINDS scale (clinical.md §2.4). */
export function scorePgic(
  answers: readonly Answer[],
  anchors: readonly string[] = PGIC_ANCHORS_NINDS,
): ScoreResult {
  checkAnswers('pgic', answers);
  const v = answers[0] ?? null;
  const anchorText = v === null ? null : (anchors[v - 1] ?? null);
  const responder = v !== null && anchors === PGIC_ANCHORS_NINDS && v <= 2;
  return {
    instrument: 'pgic',
    total: v,
    band: anchorText,
    anchorText,
    flags: responder ? ['responder'] : [],
    valid: v !== null,
    answered: v === null ? 0 : 1,
  };
}

/**
 * EQ-5D-5L: the profile string of the 5 levels (e.g. "21143") and the EQ VAS, reported apart
 * (EuroQol FAQ: the descriptive system, the EQ VAS and the index are three different things).
 * The index needs a country value set; value sets are published (EuroQol), but none is
 * bundled yet, so no index is given. `total` is null: neither the VAS nor the profile is a total.
 */
export function scoreEq5d5l(answers: readonly Answer[]): ScoreResult {
  checkAnswers('eq5d5l', answers);
  const dims = answers.slice(0, 5);
  const profile = dims.every((a) => a !== null) ? dims.join('') : null;
  const vas = answers[5] ?? null;
  return {
    instrument: 'eq5d5l',
    total: null,
    profile,
    vas,
    flags: [],
    valid: profile !== null,
    answered: answeredValues(answers).length,
  };
}

export function scoreVas(answers: readonly Answer[]): ScoreResult {
  checkAnswers('vas', answers);
  const v = answers[0] ?? null;
  return {
    instrument: 'vas',
    total: v,
    flags: [],
    valid: v !== null,
    answered: v === null ? 0 : 1,
  };
}

/** DN4 cut-offs (Bouhassira 2005): ≥ 4/10 full; ≥ 3/7 interview items only. */
export const DN4_POSITIVE_AT = 4;
export const DN4_INTERVIEW_POSITIVE_AT = 3;

/**
 * DN4: sum of 10 yes/no items; ≥ 4 screens neuropathic. With the 3 examination items missing
 * and all 7 interview items answered, the DN4-interview (≥ 3/7) is used and flagged.
 */
export function scoreDn4(answers: readonly Answer[]): ScoreResult {
  checkAnswers('dn4', answers);
  const interview = answers.slice(0, 7);
  const full = sumIfComplete(answers);
  if (full !== null)
    return {
      instrument: 'dn4',
      total: full,
      band: full >= DN4_POSITIVE_AT ? 'neuropathic' : 'not neuropathic',
      flags: full >= DN4_POSITIVE_AT ? ['neuropathic'] : [],
      valid: true,
      answered: 10,
    };
  const iv = sumIfComplete(interview);
  if (iv !== null && answers.slice(7).every((a) => a === null))
    return {
      instrument: 'dn4',
      total: iv,
      band:
        iv >= DN4_INTERVIEW_POSITIVE_AT ? 'neuropathic (interview)' : 'not neuropathic (interview)',
      flags: ['interview-only', ...(iv >= DN4_INTERVIEW_POSITIVE_AT ? ['neuropathic'] : [])],
      valid: true,
      answered: 7,
    };
  return {
    instrument: 'dn4',
    total: null,
    band: null,
    flags: ['incomplete'],
    valid: false,
    answered: answeredValues(answers).length,
  };
}

/** S-LANSS item weights and cut-off (Bennett 2005). */
export const S_LANSS_WEIGHTS: readonly number[] = [5, 5, 3, 2, 1, 5, 3];
export const S_LANSS_POSITIVE_AT = 12;

export function scoreSLanss(answers: readonly Answer[]): ScoreResult {
  checkAnswers('s_lanss', answers);
  const complete = answers.every((a) => a !== null);
  const total = complete
    ? answers.reduce<number>((sum, a, i) => sum + (a ?? 0) * (S_LANSS_WEIGHTS[i] ?? 0), 0)
    : null;
  const positive = total !== null && total >= S_LANSS_POSITIVE_AT;
  return {
    instrument: 's_lanss',
    total,
    band: total === null ? null : positive ? 'neuropathic' : 'not neuropathic',
    flags: positive ? ['neuropathic'] : [],
    valid: complete,
    answered: answeredValues(answers).length,
  };
}

export function scoreInstrument(id: InstrumentId, answers: readonly Answer[]): ScoreResult {
  switch (id) {
    case 'nrs':
      return scoreNrs(answers);
    case 'vas':
      return scoreVas(answers);
    case 'dn4':
      return scoreDn4(answers);
    case 's_lanss':
      return scoreSLanss(answers);
    case 'odi':
      return scoreOdi(answers);
    case 'bpi':
      return scoreBpi(answers);
    case 'phq9':
      return scorePhq9(answers);
    case 'gad7':
      return scoreGad7(answers);
    case 'pcs':
      return scorePcs(answers);
    case 'pgic':
      return scorePgic(answers);
    case 'eq5d5l':
      return scoreEq5d5l(answers);
  }
}

/** Scores stored answers, or null when they no longer fit the instrument (never throws). */
export function tryScore(id: InstrumentId, answers: readonly Answer[]): ScoreResult | null {
  try {
    return scoreInstrument(id, answers);
  } catch {
    return null;
  }
}
