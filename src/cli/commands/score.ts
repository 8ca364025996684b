import {
  INSTRUMENT_IDS,
  InstrumentInputError,
  OPIOID_AGENTS,
  isOpioidAgent,
  mmePerDay,
  scoreInstrument,
  type InstrumentId,
  type OpioidDose,
} from '../../../models/clinical/index.ts';
import { UsageError, numberValue, parseFlags, printJson, type Command } from '../io.ts';

/** our limit: above any prescribed daily dose (the MME table's agents, models/clinical) */
const MAX_DOSE = 100_000;

/** Splits "--answers 1,2,,4": an empty entry is a missing answer; anything else must be an integer. */
export function parseAnswers(instrument: string, text: string): (number | null)[] {
  return text.split(',').map((raw, i) => {
    const s = raw.trim();
    if (s === '') return null;
    const n = Number(s);
    if (!Number.isInteger(n))
      throw new UsageError(`${instrument} item ${i + 1}: "${raw}" is not a whole number`);
    return n;
  });
}

/**
 * `neuromod score <instrument> --answers a,b,c` prints the score JSON (total, percent for
 * ODI, band, flags, subscales for PCS, severity/interference/valid for BPI).
 * `neuromod score mme --drug oxycodone:30 --drug fentanyl-transdermal:25` prints mmePerDay.
 */
export const scoreCommand: Command = async (argv, io) => {
  const { positionals, values } = parseFlags(argv, {
    answers: { type: 'string' },
    drug: { type: 'string', multiple: true },
  });
  const [name, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  if (name === 'mme') {
    const drugs = values.drug ?? [];
    if (drugs.length === 0)
      throw new UsageError(
        'at least one --drug agent:dose is required (mg/day; µg/h for fentanyl-transdermal)',
      );
    const doses: OpioidDose[] = drugs.map((d) => {
      const [agent = '', dose, ...more] = d.split(':');
      if (more.length || dose === undefined)
        throw new UsageError(`--drug must be agent:dose, got "${d}"`);
      if (!isOpioidAgent(agent))
        throw new UsageError(
          `--drug: unknown opioid "${agent}" (expected one of ${OPIOID_AGENTS.join(', ')})`,
        );
      const n = numberValue(`--drug ${agent} dose`, dose, {
        min: 0,
        max: MAX_DOSE,
        unit: 'mg/day (µg/h for fentanyl-transdermal)',
      });
      return { agent, dose: n };
    });
    printJson(io, mmePerDay(doses));
    return 0;
  }
  if (name === undefined || !(INSTRUMENT_IDS as readonly string[]).includes(name)) {
    throw new UsageError(
      `${name === undefined ? 'missing instrument' : `unknown instrument "${name}"`}: expected one of ${[...INSTRUMENT_IDS, 'mme'].join(', ')}`,
    );
  }
  const id = name as InstrumentId;
  if (values.answers === undefined) throw new UsageError('--answers a,b,c,... is required');
  const answers = parseAnswers(id, values.answers);
  try {
    printJson(io, scoreInstrument(id, answers));
  } catch (e) {
    if (e instanceof InstrumentInputError) throw new UsageError(e.message);
    throw e;
  }
  return 0;
};
