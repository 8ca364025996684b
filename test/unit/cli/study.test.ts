/**
 * Studies: a grid expanded into jobs in a stable order with stable ids and scenario hashes,
 * bad studies refused with the field named, and the JSON-lines store resumable: jobs held are
 * skipped, a last line cut short by a crash is dropped, a malformed line elsewhere refuses the
 * store without touching it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResultStore, StoreError } from '../../../src/cli/study/store.ts';
import { parseRedisUrl } from '../../../src/cli/study/runners.ts';
import {
  StudyError,
  expandStudy,
  jobCount,
  parseStudy,
  scenarioHash,
} from '../../../src/cli/study/study.ts';
import { defaultScenario } from '../../../models/scenario.ts';

const base = () => ({ ...defaultScenario('SCS'), model: { fibresPerPopulation: 10 } });
const study = (axes: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  kind: 'neuromod-study',
  studyVersion: 1,
  name: 'grid',
  base: base(),
  axes,
  ...extra,
});

describe('a study expanded into jobs', () => {
  it('is the Cartesian product of its axes, last axis fastest, each job a valid scenario', () => {
    const s = parseStudy(
      study({
        amplitudeMa: [2, 3, 4],
        pulseWidthUs: [200, 400],
        leadShiftMm: [
          { xMm: 0, yMm: 0, zMm: 0 },
          { xMm: 1, yMm: 0, zMm: -2 },
        ],
        anatomy: [{ dorsalCsfThicknessMm: 3 }, { dorsalCsfThicknessMm: 5 }],
      }),
    );
    expect(jobCount(s)).toBe(24);
    const jobs = [...expandStudy(s)];
    expect(jobs).toHaveLength(24);
    expect(jobs[0]!.id).toBe('j00');
    expect(jobs[23]!.id).toBe('j23');
    // anatomy varies fastest, then lead shift, pulse width, amplitude
    expect(jobs[1]!.at).toEqual({
      amplitudeMa: 2,
      pulseWidthUs: 200,
      leadShiftMm: { xMm: 0, yMm: 0, zMm: 0 },
      anatomy: { dorsalCsfThicknessMm: 5 },
    });
    expect(jobs[1]!.scenario.anatomy).toMatchObject({ kind: 'spine', dorsalCsfThicknessMm: 5 });
    const shifted = jobs[2]!;
    expect(shifted.scenario.leads[0]!.tipMm.xMm).toBeCloseTo(base().leads[0]!.tipMm.xMm + 1, 12);
    expect(shifted.scenario.leads[0]!.tipMm.zMm).toBeCloseTo(base().leads[0]!.tipMm.zMm - 2, 12);
    expect(jobs[23]!.scenario.program).toMatchObject({ amplitudeMa: 4, pulseWidthUs: 400 });
    // hashes: one per distinct scenario, the same on a second expansion
    expect(new Set(jobs.map((j) => j.scenarioHash)).size).toBe(24);
    expect([...expandStudy(s)].map((j) => j.scenarioHash)).toEqual(jobs.map((j) => j.scenarioHash));
    expect(jobs[5]!.scenarioHash).toBe(scenarioHash(jobs[5]!.scenario));
  });

  it('with no axes is the base scenario alone', () => {
    const jobs = [...expandStudy(parseStudy(study({})))];
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.tier).toBe('instant');
  });

  it('refuses a bad study, naming the field', () => {
    expect(() => parseStudy(study({ amplitude: [1] }))).toThrow(/axes.*amplitude/);
    expect(() => parseStudy(study({ amplitudeMa: [] }))).toThrow(/axes\.amplitudeMa/);
    expect(() => parseStudy(study({}, { tier: 'fast' }))).toThrow(/tier/);
    expect(() => parseStudy({ ...study({}), base: { name: 'x' } })).toThrow(/^base\./);
    expect(() => parseStudy({ ...study({}), kind: 'other' })).toThrow(/kind/);
    // a value the scenario refuses names the job, its axis values and the field
    const s = parseStudy(study({ amplitudeMa: [3, -1] }));
    expect(() => [...expandStudy(s)]).toThrow(StudyError);
    expect(() => [...expandStudy(s)]).toThrow(/job j1 .*"amplitudeMa":-1.*program\.amplitudeMa/);
    const csf = parseStudy(study({ anatomy: [{ dorsalCsfThicknessMm: 99 }] }));
    expect(() => [...expandStudy(csf)]).toThrow(/anatomy\.dorsalCsfThicknessMm/);
  });
});

describe('the result store', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'neuromod-store-'));
  const rec = (id: string, extra: Record<string, unknown> = {}) => ({
    jobId: id,
    scenarioHash: `h${id}`,
    at: {},
    result: { v: id },
    ...extra,
  });

  it('skips jobs it holds and appends the others, one canonical line each', () => {
    const path = join(dir(), 'r.jsonl');
    const a = new ResultStore(path);
    expect(a.add(rec('j1'))).toBe(true);
    expect(a.add(rec('j1'))).toBe(false);
    a.add(rec('j2', { error: 'failed' }));
    a.close();
    const b = new ResultStore(path);
    expect(b.has('j1', 'hj1')).toBe(true);
    // same id, other scenario: another job
    expect(b.has('j1', 'other')).toBe(false);
    // a failed job runs again
    expect(b.has('j2', 'hj2')).toBe(false);
    b.add(rec('j2'));
    b.close();
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('{"at":{},"jobId":"j1","result":{"v":"j1"},"scenarioHash":"hj1"}');
  });

  it('drops a last line cut short by a crash and keeps every whole line', () => {
    const path = join(dir(), 'r.jsonl');
    const whole = `${JSON.stringify(rec('j1'))}\n${JSON.stringify(rec('j2'))}\n`;
    writeFileSync(path, `${whole}{"jobId":"j3","scenarioHa`);
    const s = new ResultStore(path);
    expect(s.repaired).toBe(1);
    expect(s.has('j2', 'hj2')).toBe(true);
    expect(s.has('j3', 'hj3')).toBe(false);
    s.add(rec('j3'));
    s.close();
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith(whole)).toBe(true);
    expect(
      text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).jobId),
    ).toEqual(['j1', 'j2', 'j3']);
  });

  it('finishes a last whole line written without its newline', () => {
    const path = join(dir(), 'r.jsonl');
    writeFileSync(path, JSON.stringify(rec('j1')));
    const s = new ResultStore(path);
    expect(s.repaired).toBe(0);
    s.add(rec('j2'));
    s.close();
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('refuses a store with a malformed line before its end, naming the line, and leaves it as it was', () => {
    const path = join(dir(), 'r.jsonl');
    const text = `${JSON.stringify(rec('j1'))}\nnot json\n${JSON.stringify(rec('j2'))}\n`;
    writeFileSync(path, text);
    expect(() => new ResultStore(path)).toThrow(StoreError);
    expect(() => new ResultStore(path)).toThrow(/line 2/);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });
});

describe('queue addresses', () => {
  it('reads redis://host:port[/db] and refuses anything else', () => {
    expect(parseRedisUrl('redis://127.0.0.1:6390')).toEqual({
      host: '127.0.0.1',
      port: 6390,
      db: 0,
    });
    expect(parseRedisUrl('redis://u:p%40ss@queue.local/2')).toMatchObject({
      host: 'queue.local',
      port: 6379,
      db: 2,
      username: 'u',
      password: 'p@ss',
    });
    expect(() => parseRedisUrl('http://x:1')).toThrow(/redis:\/\/host:port/);
    expect(() => parseRedisUrl('127.0.0.1:6379')).toThrow(/redis:\/\/host:port/);
  });
});
