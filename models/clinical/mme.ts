/**
 * Morphine milligram equivalents per day, CDC 2022 Clinical Practice Guideline conversion
 * table (clinical.md §2.4 "MME"): MME/day = Σ daily dose × factor. Doses are mg/day except
 * transdermal fentanyl, which is µg/h. Buprenorphine has no factor, so no MME is computed for it.
 */

export const OPIOID_AGENTS = [
  'codeine',
  'fentanyl-transdermal',
  'hydrocodone',
  'hydromorphone',
  'methadone',
  'morphine',
  'oxycodone',
  'oxymorphone',
  'tapentadol',
  'tramadol',
  'buprenorphine',
] as const;
export type OpioidAgent = (typeof OPIOID_AGENTS)[number];

/** CDC 2022 factors (clinical.md §2.4 table; medscape 987410, globalrph MME calculator). */
export const MME_FACTORS: Readonly<Record<Exclude<OpioidAgent, 'buprenorphine'>, number>> = {
  codeine: 0.15,
  'fentanyl-transdermal': 2.4, // per µg/h
  hydrocodone: 1.0,
  hydromorphone: 5.0,
  methadone: 4.7,
  morphine: 1.0,
  oxycodone: 1.5,
  oxymorphone: 3.0,
  tapentadol: 0.4,
  tramadol: 0.2,
};

/** The unit the dose of each agent is entered in. */
export function doseUnitOf(agent: OpioidAgent): 'ug/h' | 'mg/day' {
  return agent === 'fentanyl-transdermal' ? 'ug/h' : 'mg/day';
}

/** CDC cautions shown with every MME figure (clinical.md §2.4). */
export const MME_CAUTIONS: readonly string[] = [
  'MME is an estimate; do not use it to convert doses for opioid rotation.',
  'Take extra care with methadone and transdermal fentanyl.',
];

// clinical.md §1.5 `mme_per_day`: ≥ 50 → INFO (CDC caution); > 120 → WARN (SENZA-PDN exclusion).
export const MME_CDC_CAUTION_AT = 50;
export const MME_STUDY_EXCLUSION_ABOVE = 120;

export interface OpioidDose {
  agent: OpioidAgent;
  /** mg/day, or µg/h for transdermal fentanyl; null = the dose is not recorded */
  dose: number | null;
  /** route; undefined or null = not recorded (oral assumed, with a caution) */
  route?: string | null;
}

/**
 * The CDC 2022 table gives factors for oral opioids and for the transdermal fentanyl patch
 * only (CDC 2022 Clinical Practice Guideline, conversion table footnotes): any other route
 * (IV, IM, SC, buccal, intrathecal) has no factor here.
 */
export function tableRouteOf(agent: OpioidAgent): 'oral' | 'transdermal' {
  return agent === 'fentanyl-transdermal' ? 'transdermal' : 'oral';
}

export interface MmeResult {
  /** null when no agent could be converted */
  mmePerDay: number | null;
  perDrug: {
    agent: OpioidAgent;
    dose: number;
    unit: string;
    factor: number | null;
    mmePerDay: number | null;
  }[];
  cautions: string[];
  /** agents without a CDC factor (buprenorphine, a non-table route, no dose): never converted */
  notConverted: OpioidAgent[];
  /** true when some opioid could not be converted, so the total is incomplete */
  incomplete: boolean;
}

export function isOpioidAgent(name: string): name is OpioidAgent {
  return (OPIOID_AGENTS as readonly string[]).includes(name);
}

export function mmePerDay(doses: readonly OpioidDose[]): MmeResult {
  const perDrug: MmeResult['perDrug'] = [];
  const notConverted: OpioidAgent[] = [];
  const cautions = new Set<string>(MME_CAUTIONS);
  let total = 0;
  let converted = 0;
  let unconvertible = 0;
  for (const { agent, dose, route } of doses) {
    const unit = doseUnitOf(agent);
    if (dose === null) {
      notConverted.push(agent);
      unconvertible += 1;
      cautions.add(`${agent}: no daily dose recorded, so MME/day is unknown.`);
      perDrug.push({ agent, dose: NaN, unit, factor: null, mmePerDay: null });
      continue;
    }
    if (!Number.isFinite(dose) || dose < 0)
      throw new RangeError(`${agent}: dose must be a number ≥ 0, got ${dose}`);
    const tableRoute = tableRouteOf(agent);
    if (route !== undefined && route !== null && route !== tableRoute) {
      notConverted.push(agent);
      unconvertible += 1;
      cautions.add(
        `${agent} by the ${route.replaceAll('_', '/')} route: the CDC 2022 factors are for oral opioids and the fentanyl patch, so it is not converted.`,
      );
      perDrug.push({ agent, dose, unit, factor: null, mmePerDay: null });
      continue;
    }
    if (agent === 'buprenorphine') {
      notConverted.push(agent);
      cautions.add(
        'Buprenorphine has no CDC 2022 MME factor; it is not included in the MME total.',
      );
      perDrug.push({ agent, dose, unit, factor: null, mmePerDay: null });
      continue;
    }
    if (route === undefined || route === null)
      cautions.add(`${agent}: route not recorded; the ${tableRoute} factor is assumed.`);
    const factor = MME_FACTORS[agent];
    const mme = Math.round(dose * factor * 100) / 100;
    total += mme;
    converted += 1;
    perDrug.push({ agent, dose, unit, factor, mmePerDay: mme });
  }
  // Buprenorphine is left out by the CDC table itself; a missing dose or another route is not.
  const incomplete = unconvertible > 0;
  // An opioid that cannot be converted leaves the total unknown, never silently lower.
  const mmeTotal = converted === 0 || incomplete ? null : Math.round(total * 100) / 100;
  if (mmeTotal !== null && mmeTotal >= MME_CDC_CAUTION_AT)
    cautions.add(
      `${mmeTotal} MME/day is at or above ${MME_CDC_CAUTION_AT} MME/day (CDC 2022 caution).`,
    );
  return { mmePerDay: mmeTotal, perDrug, cautions: [...cautions], notConverted, incomplete };
}
