import {
  caseToCsv,
  caseToFhirBundle,
  caseToJson,
  csvDataDictionary,
  DEIDENTIFICATION,
  deidentifyCase,
  evaluateSelection,
  evaluateTrial,
  parseCaseText,
} from '../../../models/clinical/index.ts';
import { UsageError, readInputText, parseFlags, printJson, type Command } from '../io.ts';

const FORMATS = ['fhir', 'csv', 'json'] as const;

/**
 * `neuromod case validate <file>`: prints {valid, issues[] | summary}; exit 1 when invalid.
 * `neuromod case export <file> --format fhir|csv|json [--deidentified] [--dictionary]`:
 * prints the export on stdout (CSV with --dictionary prints the REDCap data dictionary).
 */
export const caseCommand: Command = async (argv, io) => {
  const { positionals, values } = parseFlags(argv, {
    format: { type: 'string' },
    deidentified: { type: 'boolean' },
    dictionary: { type: 'boolean' },
  });
  const [sub, file, ...extra] = positionals;
  if (sub !== 'validate' && sub !== 'export') {
    throw new UsageError(
      sub === undefined
        ? 'missing subcommand: validate or export'
        : `unknown subcommand "${sub}" (expected: validate, export)`,
    );
  }
  if (!file) throw new UsageError('missing <case.json>');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const text = await readInputText(file, '', io);
  const parsed = parseCaseText(text);
  if (sub === 'validate') {
    if (!parsed.ok) {
      printJson(io, { valid: false, issues: parsed.issues });
      return 1;
    }
    const c = parsed.value;
    const sel = evaluateSelection(c);
    const ev = evaluateTrial(c);
    printJson(io, {
      valid: true,
      schemaVersion: c.schemaVersion,
      migratedFrom: parsed.migratedFrom,
      id: c.id,
      pseudonym: c.pseudonym,
      verdict: sel.verdict,
      reliefPct: ev.reliefPct,
      meetsReliefRule: ev.meetsReliefRule,
      decision: c.evaluation.decision,
    });
    return 0;
  }
  const format = values.format;
  if (format === undefined) throw new UsageError('--format is required (fhir, csv or json)');
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got "${format}"`);
  }
  if (!parsed.ok) {
    io.err(parsed.issues.map((i) => `${file}: ${i.path || '(file)'}: ${i.message}`).join('\n'));
    return 1;
  }
  const deid = values.deidentified === true;
  const c = deid ? deidentifyCase(parsed.value) : parsed.value;
  if (format === 'fhir') printJson(io, caseToFhirBundle(c, { deidentified: deid }));
  else if (format === 'json')
    io.out(caseToJson(c, new Date(), deid ? DEIDENTIFICATION : undefined));
  else io.out(values.dictionary ? csvDataDictionary() : caseToCsv(c));
  return 0;
};
