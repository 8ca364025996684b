import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.ts';

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err, json: () => JSON.parse(out) as Record<string, unknown> };
}

describe('neuromod score', () => {
  it('ODI with a missing section: total 20 over 9 sections → 44.4 % (clinical.md §2.4)', async () => {
    const r = await run('score', 'odi', '--answers', '4,2,3,3,3,2,3,,0,0');
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ total: 20, percent: 44.4, band: 'severe disability' });
  });
  it('PHQ-9 with item 9 above 0 flags item9-positive', async () => {
    const r = await run('score', 'phq9', '--answers', '1,1,1,1,1,1,1,1,2');
    expect(r.json()).toMatchObject({ total: 10, band: 'moderate', flags: ['item9-positive'] });
  });
  it('BPI prints severity, interference and valid', async () => {
    const r = await run('score', 'bpi', '--answers', '9,5,8,7,7,6,7,8,5,7,7');
    expect(r.json()).toMatchObject({ severity: 7.25, interference: 6.71, valid: true });
  });
  it('PCS prints subscales', async () => {
    const r = await run('score', 'pcs', '--answers', '1,1,1,1,1,2,2,3,3,3,3,1,2');
    expect(r.json()).toMatchObject({
      total: 24,
      subscales: { rumination: 12, magnification: 6, helplessness: 6 },
    });
  });
  it('MME: oxycodone 30 mg/day + fentanyl 25 µg/h = 105 (CDC 2022 factors 1.5 and 2.4)', async () => {
    const r = await run(
      'score',
      'mme',
      '--drug',
      'oxycodone:30',
      '--drug',
      'fentanyl-transdermal:25',
    );
    expect(r.json().mmePerDay).toBe(105);
  });
  it('NRS 11 and ODI answer 6 exit 2 with a message naming the item', async () => {
    const nrs = await run('score', 'nrs', '--answers', '11');
    expect(nrs.code).toBe(2);
    expect(nrs.err).toMatch(/nrs item 1 .*11 is outside 0–10/);
    const odi = await run('score', 'odi', '--answers', '0,0,6,0,0,0,0,0,0,0');
    expect(odi.code).toBe(2);
    expect(odi.err).toMatch(/odi item 3 \(Lifting\)/);
  });
});

describe('neuromod case', () => {
  it('validates the example case', async () => {
    const r = await run('case', 'validate', 'test/fixtures/case-example.json');
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({
      valid: true,
      verdict: 'eligible',
      reliefPct: 58.9,
      decision: 'implant',
    });
  });
  it('exports FHIR, CSV and JSON', async () => {
    const fhir = await run('case', 'export', 'test/fixtures/case-example.json', '--format', 'fhir');
    expect(fhir.json().resourceType).toBe('Bundle');
    const csv = await run('case', 'export', 'test/fixtures/case-example.json', '--format', 'csv');
    expect(csv.out.split('\n')[0]).toMatch(
      /^record_id,redcap_repeat_instrument,redcap_repeat_instance,/,
    );
    const json = await run('case', 'export', 'test/fixtures/case-example.json', '--format', 'json');
    expect(json.json().kind).toBe('neuromod-planner/case');
  });
  it('refuses an unknown format with exit 2', async () => {
    const r = await run('case', 'export', 'test/fixtures/case-example.json', '--format', 'xml');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--format must be one of fhir, csv, json/);
  });
});
