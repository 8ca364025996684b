/**
 * Issue #17, property-based: generated imports (mutations of a valid case or scenario: a
 * field replaced by any JSON value, removed, or an unknown field added; or the text cut
 * short). Each is either refused with messages that name a field (or the limit, for the file
 * as a whole) and leaves the database exactly as it was, or accepted and read back equal;
 * no exception escapes. 1 000 runs each.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type NeuromodDb } from '../../../src/storage/db.ts';
import { createCase, importCases, loadCase } from '../../../src/storage/cases.ts';
import { loadScenario, saveScenario, StoredScenarioError } from '../../../src/storage/scenarios.ts';
import { decodeScenarioFragment, encodeScenarioFragment } from '../../../src/app/shareLink.ts';
import { caseToJson, parseCaseText } from '../../../models/clinical/index.ts';
import {
  canonicalJson,
  defaultScenario,
  parseScenario,
  type Scenario,
} from '../../../models/scenario.ts';
import { verifyAuditChain } from '../../../src/storage/audit.ts';

const RUNS = 1000;
const caseText = readFileSync('test/fixtures/case-example.json', 'utf8');
const caseDoc = JSON.parse(caseText) as unknown;

type Json = unknown;
/** Every path (array of keys) to a value inside a JSON document. */
function paths(v: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...prefix, i], out));
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out);
  return out;
}

type Mutation =
  | { kind: 'set'; pick: number; value: Json }
  | { kind: 'delete'; pick: number }
  | { kind: 'add'; pick: number; key: string; value: Json };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('set' as const),
    pick: fc.nat(),
    value: fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom(99, -5, 1e6, 1e308, '2025-02-31', '2025-13-45', '', '=HYPERLINK("x")'),
    ),
  }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('add' as const),
    pick: fc.nat(),
    key: fc.string({ minLength: 1, maxLength: 8 }),
    value: fc.jsonValue({ maxDepth: 1 }),
  }),
);

function mutate(doc: Json, ms: readonly Mutation[]): Json {
  let copy = structuredClone(doc);
  for (const m of ms) {
    const all = paths(copy);
    const path = all[m.pick % all.length] as (string | number)[];
    if (path.length === 0) {
      if (m.kind === 'set') copy = m.value;
      continue;
    }
    let parent = copy as Record<string | number, Json>;
    for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, Json>;
    const last = path[path.length - 1] as string | number;
    if (m.kind === 'set') parent[last] = m.value;
    else if (m.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete parent[last];
    } else {
      const target = parent[last];
      if (target && typeof target === 'object' && !Array.isArray(target))
        (target as Record<string, Json>)[m.key] = m.value;
    }
  }
  return copy;
}

const input = (doc: Json) =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .array(mutation, { minLength: 1, maxLength: 3 })
        .map((ms) => JSON.stringify(mutate(doc, ms))),
    },
    {
      weight: 1,
      arbitrary: fc.nat().map((cut) => {
        const t = JSON.stringify(doc);
        return t.slice(0, cut % t.length);
      }),
    },
    { weight: 1, arbitrary: fc.constant(JSON.stringify(doc)) },
  );

/** A refusal names a field, or speaks about the file as a whole (syntax, size, kind). */
function namesAField(issue: { path: string; message: string }) {
  return (
    issue.message.length > 0 &&
    (issue.path !== '' && issue.path !== '(root)'
      ? true
      : /JSON|limit|patient case object|scenario must be a JSON object/.test(issue.message))
  );
}

let db: NeuromodDb;
beforeAll(async () => {
  db = openDatabase(`import-properties-${Date.now()}`);
  await db.open();
  await createCase('Resident-1', db);
  await saveScenario(defaultScenario(), 'scn-resident', db);
});
afterAll(() => db.close());

/** What a refused import must leave as it was: every table's size, the chain head, the resident case. */
async function snapshot() {
  return JSON.stringify([
    await db.cases.count(),
    await db.scenarios.count(),
    await db.audit.count(),
    await db.settings.toArray(),
    await db.cases.orderBy('id').first(),
  ]);
}

describe('generated case imports', () => {
  it(`${RUNS} imports: refused by field with nothing written, or accepted and read back equal`, async () => {
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(input(caseDoc), async (text) => {
        const before = await snapshot();
        const expected = parseCaseText(text);
        const r = await importCases([{ name: 'gen.json', text }], db, { onExisting: 'copy' });
        expect(r.ok).toBe(expected.ok);
        if (!r.ok) {
          refused++;
          expect(r.issues.length).toBeGreaterThan(0);
          for (const i of r.issues) {
            expect(i.file).toBe('gen.json');
            expect(namesAField(i), `${i.path}: ${i.message}`).toBe(true);
          }
          expect(await snapshot()).toBe(before);
          return;
        }
        accepted++;
        if (!expected.ok) return;
        const stored = await loadCase(r.imported[0]!.id, db);
        expect(stored?.value).toEqual({ ...expected.value, id: r.imported[0]!.id });
        // the export of what was stored reads back to the same case
        const again = parseCaseText(caseToJson(stored!.value));
        expect(again.ok && again.value).toEqual(stored!.value);
      }),
      { numRuns: RUNS },
    );
    expect(accepted).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(RUNS / 2);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  }, 60_000);
});

describe('generated scenario imports (file and share link)', () => {
  it(`${RUNS} scenarios: refused by field with nothing written, or stored and read back equal`, async () => {
    const doc = JSON.parse(canonicalJson(defaultScenario())) as Json;
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(input(doc), fc.nat(), async (text, k) => {
        const before = await snapshot();
        let raw: unknown;
        try {
          raw = JSON.parse(text);
        } catch {
          return; // syntax is the case import's concern above; the link path is below
        }
        const expected = parseScenario(raw);
        const id = `scn-gen-${k}`;
        try {
          await saveScenario(raw, id, db);
        } catch (e) {
          expect(e).toBeInstanceOf(StoredScenarioError);
          expect(expected.ok).toBe(false);
          for (const i of (e as StoredScenarioError).issues)
            expect(namesAField(i), `${i.path}: ${i.message}`).toBe(true);
          expect(await snapshot()).toBe(before);
          // the same document as a share link is refused the same way
          const link = decodeScenarioFragment(
            `#s=${encodeScenarioFragment(raw as Scenario).slice(2)}`,
          );
          expect(link?.ok).toBe(false);
          return;
        }
        accepted++;
        expect(expected.ok).toBe(true);
        if (!expected.ok) return;
        expect(await loadScenario(id, db)).toEqual(expected.value);
        expect(decodeScenarioFragment(`#${encodeScenarioFragment(expected.value)}`)).toEqual(
          expected,
        );
        await db.scenarios.delete(id);
      }),
      { numRuns: RUNS },
    );
    expect(accepted).toBeGreaterThan(20);
  }, 60_000);
});
