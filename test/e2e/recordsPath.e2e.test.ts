/**
 * The path past the trial end to end in real Chromium against the built app: an imported
 * case with a finished trial → an impedance "abc" refused with the field named → trial leads
 * removed → permanent implant (devices, leads, levels, CPT codes, MR status, infection
 * checklist) → a 1-month follow-up with the baseline instruments repeated (relief 62.5 % from
 * baseline NRS 8 to 3) → an adverse event with a CTCAE grade and a revision → the report with
 * what a payer needs → a FHIR bundle that validates with @medplum → an imported impedance
 * "abc" refused at its path.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkA11y, openApp, screenshot, type AppSession } from './harness.ts';
import { fhirValidator } from '../unit/clinical/fhirValidator.ts';

let s: AppSession;
let page: Page;
beforeAll(async () => {
  s = await openApp('/patients');
  page = s.page;
});
afterAll(async () => {
  await s?.close();
});

const CASE_ID = 'case-example-0001';

async function saved() {
  await page.getByTestId('save-status').filter({ hasText: 'All changes saved' }).waitFor();
}
async function section(name: string) {
  await page
    .getByRole('navigation', { name: 'Case sections' })
    .getByRole('link', { name, exact: true })
    .click();
}
async function select(label: string, option: string) {
  await page.getByLabel(label, { exact: true }).selectOption({ label: option });
}
async function fill(label: string, value: string | number) {
  await page.getByLabel(label, { exact: true }).fill(String(value));
}
async function a11y(name: string) {
  const v = await checkA11y(page);
  expect(v, `axe serious/critical violations on ${name}`).toEqual([]);
}
async function addInstrument(
  name: string,
  answers: number[],
  prefix: string,
  date: string,
  month: string,
) {
  await select('Instrument', name);
  await fill('Date', date);
  await select('Context', 'follow up');
  await select('Months after the implant', month);
  for (const [i, a] of answers.entries()) {
    const item = page.getByLabel(new RegExp(`^${prefix} item ${i + 1}:`));
    const tag = await item.evaluate((el) => el.tagName);
    if (tag === 'SELECT') await item.selectOption(String(a));
    else await item.fill(String(a));
  }
  await page.getByRole('button', { name: `Add ${name}` }).click();
}

describe('patient record past the trial: implant, follow-up, complications', () => {
  it('walks trial removal → implant → follow-up → adverse event → report → FHIR', async () => {
    const fixture = readFileSync('test/fixtures/case-example.json', 'utf8');
    await page.getByRole('heading', { name: 'Patients', level: 1 }).waitFor();
    await page
      .getByLabel('Import case files (JSON, any schema version)')
      .setInputFiles([
        { name: 'case.json', mimeType: 'application/json', buffer: Buffer.from(fixture) },
      ]);
    await expect
      .poll(() => page.getByTestId('import-status').textContent())
      .toContain('Imported 1 case(s): Heron-54');
    await page.goto(new URL(`/patients/${CASE_ID}/trial`, s.baseURL).toString());
    await saved();

    // Impedance "abc": refused with the field named; the stored values stay
    const imp = page.getByLabel('Session 1 impedances (Ω, comma-separated)', { exact: true });
    const before = await imp.inputValue();
    expect(before).toBe('620, 580, 560, 610, 640, 590, 575, 600');
    await imp.fill('620, abc');
    const impAlert = page.getByRole('alert').filter({ hasText: 'Session 1 impedances' });
    await impAlert.waitFor();
    expect(await impAlert.textContent()).toBe(
      'Session 1 impedances: entry 2 ("abc") is not a number of ohms; the stored impedances were kept.',
    );
    expect(await imp.getAttribute('aria-invalid')).toBe('true');
    await impAlert.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await screenshot(page, 'records-path-00-impedance-refused');
    await a11y('trial with a refused impedance');
    await imp.fill('620, 585, 560, 610');
    await expect.poll(() => impAlert.count()).toBe(0);

    // Trial removal and the repeat-trial limit
    expect(await page.getByTestId('repeat-trial-limit').textContent()).toContain(
      'Repeat-trial limit: at most 2 trials (1 repeat). First trial.',
    );
    await fill('Trial leads removed on', '2026-03-09');
    await fill('Removal note', 'Leads removed intact in clinic.');
    await saved();
    await a11y('trial with removal');

    // Decision
    await section('Evaluation');
    await select('Decision', 'implant');
    await fill('Decided on', '2026-03-09');
    await saved();

    // Permanent implant
    await section('Implant');
    await page.getByRole('heading', { name: 'Permanent implant', level: 2 }).waitFor();
    await fill('Implant date', '2026-04-06');
    await page.getByRole('button', { name: 'Record the permanent implant' }).click();
    await page.getByLabel('Generator manufacturer', { exact: true }).waitFor();
    // leads and levels come from the trial
    expect(await page.getByLabel('Implant lead 1 top level', { exact: true }).inputValue()).toBe(
      'T8',
    );
    expect(await page.getByLabel('Implant lead 2 label', { exact: true }).inputValue()).toBe(
      'Right lead',
    );
    await fill('Implanting surgeon', 'Dr A. Okafor');
    await fill('Generator manufacturer', 'Example Neuro');
    await fill('Generator model', 'IPG-16 (nominal)');
    await fill('Generator serial number', 'SN-0001');
    await fill('Generator location', 'left upper buttock');
    await select('Rechargeable generator', 'yes');
    for (const n of [1, 2]) {
      await fill(`Implant lead ${n} manufacturer`, 'Example Neuro');
      await fill(`Implant lead ${n} model`, '8-contact percutaneous (nominal)');
      await fill(`Implant lead ${n} serial number`, `L-000${n}`);
    }
    await select(
      'MR status of this system (generator and leads, as labelled)',
      'MR Conditional, full body',
    );
    await select('Implant infection prevention: antibiotic prophylaxis given', 'yes');
    await fill('Implant infection prevention: antibiotic and dose', 'cefazolin 2 g IV');
    await select('Implant infection prevention: skin preparation', 'chlorhexidine alcohol');
    await fill('Implant infection prevention: blood glucose (mg/dL)', 112);
    await select('Implant infection prevention: tobacco stopped (or never smoked)', 'yes');
    // a malformed CPT code is refused with the field named
    const cpt = page.getByLabel('Procedure codes billed (CPT, comma-separated)', { exact: true });
    await cpt.fill('63650, 6368');
    const cptAlert = page.getByRole('alert').filter({ hasText: 'Procedure codes' });
    await cptAlert.waitFor();
    expect(await cptAlert.textContent()).toContain(
      'Procedure codes: entry 2 ("6368") is not a 5-character CPT code',
    );
    await cpt.fill('');
    await expect.poll(() => cptAlert.count()).toBe(0);
    expect(await page.getByTestId('implant-cpt').textContent()).toMatch(/^Derived: 63650.*63685/);
    await saved();
    await screenshot(page, 'records-path-01-implant', true);
    await a11y('implant');

    // Follow-up at 1 month with the baseline instruments
    await section('Follow-up');
    await select('Follow-up month', '1 month');
    await page.getByRole('button', { name: 'Add follow-up visit' }).click();
    await expect
      .poll(() => page.getByLabel('1-month follow-up date', { exact: true }).inputValue())
      .toBe('2026-05-06'); // one calendar month after the implant
    await select('1-month follow-up: program changed', 'no');
    await fill('1-month follow-up: device check', 'impedances normal; battery 80 %');
    await saved();
    await page.getByRole('link', { name: 'Instruments', exact: true }).first().click();
    await addInstrument(
      'Numeric rating scale of pain (0–10)',
      [3],
      'NRS',
      '2026-05-06',
      '1 months',
    );
    await addInstrument(
      'Oswestry Disability Index v2.1a',
      [2, 1, 1, 2, 2, 1, 1, 1, 1, 1],
      'ODI',
      '2026-05-06',
      '1 months',
    );
    await saved();
    await section('Follow-up');
    const fu = page.getByTestId('follow-up-1');
    await expect.poll(() => fu.locator('caption').textContent()).toContain('pain relief 62.5 %'); // (8 − 3) / 8
    expect(await fu.textContent()).toContain('26 %'); // ODI 13/50 at 1 month (baseline 54 %)
    expect(await page.getByText(/^Not yet recorded at 1 month:/).textContent()).toContain(
      'Patient Health Questionnaire-9',
    );
    await screenshot(page, 'records-path-02-follow-up', true);
    await a11y('follow-up');

    // Adverse event with a grade, then a revision for it
    await section('Complications');
    // keyboard only: the button takes Enter, the grade select takes arrow keys
    await page.getByRole('button', { name: 'Add adverse event' }).focus();
    await page.keyboard.press('Enter');
    await page.getByLabel('Adverse event 1 grade (CTCAE v5.0)', { exact: true }).focus();
    await page.keyboard.press('ArrowDown');
    await expect
      .poll(() =>
        page.getByLabel('Adverse event 1 grade (CTCAE v5.0)', { exact: true }).inputValue(),
      )
      .toBe('2');
    await fill('Adverse event 1 date', '2026-06-01');
    await select('Adverse event 1 phase', 'follow up');
    await select('Adverse event 1 kind', 'lead migration');
    await select('Adverse event 1 grade (CTCAE v5.0)', '2 moderate');
    await select('Adverse event 1 outcome', 'resolved');
    await select('Adverse event 1 action taken', 'revision');
    await fill(
      'Adverse event 1 description',
      'Loss of back coverage; caudal migration of the left lead on X-ray.',
    );
    await page.getByRole('button', { name: 'Add revision or explant' }).click();
    const reasonAlert = page.getByRole('alert').filter({ hasText: 'Revision 1 reason' });
    await reasonAlert.waitFor();
    await fill('Revision 1 date', '2026-06-15');
    await fill('Revision 1 reason', 'Left lead migration');
    await expect.poll(() => reasonAlert.count()).toBe(0);
    expect(
      await page.getByLabel('Revision 1 for adverse event', { exact: true }).inputValue(),
    ).not.toBe('');
    await saved();
    await screenshot(page, 'records-path-03-complications', true);
    await a11y('complications');

    // Report: what a payer submission needs
    await page.getByRole('link', { name: 'Trial report' }).click();
    await page.getByRole('heading', { name: /trial report: Heron-54/ }).waitFor();
    const care = (await page.getByTestId('report-care').textContent()) ?? '';
    expect(care).toContain('gabapentin');
    expect(care).toContain('1800 mg/day');
    expect(care).toContain('161 weeks in total');
    expect(await page.getByTestId('report-screens').textContent()).toMatch(
      /Patient Health Questionnaire-9 \(.*\): total 10 · moderate/,
    );
    expect(await page.getByTestId('report-psych').textContent()).toContain('cleared');
    expect(await page.getByTestId('report-verdict').textContent()).toBeTruthy();
    expect(await page.getByTestId('report-trial-removal').textContent()).toContain(
      'removed on 2026-03-09',
    );
    const implant = (await page.getByTestId('report-implant').textContent()) ?? '';
    expect(implant).toContain('CPT): 63650, 63685');
    expect(implant).toContain('MR Conditional, full body');
    expect(implant).toContain('cefazolin 2 g IV');
    expect(await page.getByTestId('report-follow-ups').textContent()).toContain('62.5 %');
    expect(await page.getByTestId('report-adverse-events').textContent()).toContain(
      'lead migration, CTCAE grade 2',
    );
    await a11y('report with implant');
    await screenshot(page, 'records-path-04-report', true);

    // FHIR export of the complete case validates
    await page.goto(new URL(`/patients/${CASE_ID}/complications`, s.baseURL).toString());
    await saved();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'FHIR R4' }).click(),
    ]);
    const bundle = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
      entry: { resource: { resourceType: string; code?: { text?: string } } }[];
    };
    const validate = await fhirValidator();
    expect(validate(bundle)).toEqual([]);
    const types = new Set(bundle.entry.map((e) => e.resource.resourceType));
    for (const t of ['Device', 'Procedure', 'Encounter', 'AdverseEvent', 'MedicationStatement'])
      expect(types).toContain(t);
    expect(bundle.entry.some((e) => e.resource.code?.text === 'SCS trial lead removal')).toBe(true);

    expect(s.consoleErrors).toEqual([]);
    expect(s.foreignRequests).toEqual([]);
  });

  it('an imported case with impedance "abc" is refused with the field named, and nothing is written', async () => {
    const file = JSON.parse(readFileSync('test/fixtures/case-example.json', 'utf8')) as {
      case: { id: string; trial: { sessions: { impedancesOhm: unknown[] }[] } };
    };
    file.case.id = 'case-bad-impedance';
    file.case.trial.sessions[0]!.impedancesOhm[0] = 'abc';
    await page.goto(new URL('/patients', s.baseURL).toString());
    await expect.poll(() => page.locator('table caption').textContent()).toMatch(/^Cases \(\d+\)$/);
    const rowsBefore = await page.locator('table tbody tr').count();
    await page.getByLabel('Import case files (JSON, any schema version)').setInputFiles([
      {
        name: 'bad-impedance.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(file)),
      },
    ]);
    const status = page.getByTestId('import-status');
    await expect.poll(() => status.textContent()).toContain('Import refused');
    expect(await status.textContent()).toContain(
      'bad-impedance.json: case.trial.sessions.0.impedancesOhm.0',
    );
    expect(await status.textContent()).toContain('an impedance is a number of ohms');
    expect(await page.locator('table tbody tr').count()).toBe(rowsBefore);
    expect(s.consoleErrors).toEqual([]);
  });
});
