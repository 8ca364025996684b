import { parseScenario } from '../../../models/scenario.ts';
import { UsageError, readInputText, parseFlags, printJson, type Command } from '../io.ts';

/** `neuromod scenario validate <file>`: prints {valid, issues[]}; exit 1 when invalid. */
export const scenarioCommand: Command = async (argv, io) => {
  const { positionals } = parseFlags(argv, {});
  const [sub, file, ...extra] = positionals;
  if (sub !== 'validate') {
    throw new UsageError(
      sub === undefined
        ? 'missing subcommand: validate'
        : `unknown subcommand "${sub}" (expected: validate)`,
    );
  }
  if (!file) throw new UsageError('missing <scenario.json>');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const text = await readInputText(file, '', io);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    printJson(io, {
      valid: false,
      issues: [{ path: '(root)', message: `not JSON: ${(e as Error).message}` }],
    });
    return 1;
  }
  const r = parseScenario(raw);
  if (r.ok) {
    printJson(io, {
      valid: true,
      schemaVersion: r.value.schemaVersion,
      name: r.value.name,
      therapy: r.value.therapy,
    });
    return 0;
  }
  printJson(io, { valid: false, issues: r.issues });
  return 1;
};
