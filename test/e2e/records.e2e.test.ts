/**
 * Patients area end to end in real Chromium against the built app: a patient with a pain map
 * and conservative care → instruments → checklist verdict (with a HARD-rule override) → a
 * trial with two programming sessions and seven diary days → evaluation (relief 58.9 %, from
 * baseline NRS 8 and diary mean 23/7; clinical.md §2.2) → printed report → FHIR export that
 * validates → everything still there after a reload.
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

async function saved() {
  await page.getByTestId('save-status').filter({ hasText: 'All changes saved' }).waitFor();
}
async function section(name: string) {
  await page
    .getByRole('navigation', { name: 'Case sections' })
    .getByRole('link', { name, exact: true })
    .click();
}
async function select(label: string | RegExp, option: string) {
  await page
    .getByLabel(label, { exact: typeof label === 'string' })
    .selectOption({ label: option });
}
async function fill(label: string | RegExp, value: string | number) {
  await page.getByLabel(label, { exact: typeof label === 'string' }).fill(String(value));
}
async function a11y(name: string) {
  const v = await checkA11y(page);
  expect(v, `axe serious/critical violations on ${name}`).toEqual([]);
}
async function addInstrument(
  name: string,
  context: string,
  answers: (number | null)[],
  prefix: string,
) {
  await select('Instrument', name);
  await select('Context', context);
  for (const [i, a] of answers.entries()) {
    if (a === null) continue;
    const item = page.getByLabel(new RegExp(`^${prefix} item ${i + 1}:`));
    const tag = await item.evaluate((el) => el.tagName);
    if (tag === 'SELECT') await item.selectOption(String(a));
    else await item.fill(String(a));
  }
  await page.getByRole('button', { name: `Add ${name}` }).click();
}

describe('patient record from selection to implant decision', () => {
  it('runs the whole path and keeps it after a reload', async () => {
    // Create
    await page.getByRole('heading', { name: 'Patients', level: 1 }).waitFor();
    await a11y('patient list');
    await fill('Pseudonym for a new patient', 'Kestrel-47');
    await page.getByRole('button', { name: 'Create patient' }).click();
    await page.waitForURL(/\/patients\/case-[^/]+\/demographics$/);
    const caseUrl = page.url().replace(/\/demographics$/, '');

    // Demographics, diagnoses, pain map
    await fill('Age (years)', 47);
    await select('Sex', 'female');
    await select('Pain phenotype', 'neuropathic');
    await fill('Pain duration (months)', 30);
    await select('Add a diagnosis', 'PSPS / FBSS (post-laminectomy syndrome) (M96.1)');
    const map = page.locator('.body-map').first();
    await fill('Intensity for new regions (NRS 0–10)', 7);
    await map.locator('[data-region="back-low-back"]').click();
    await fill('Intensity for new regions (NRS 0–10)', 8);
    await map.locator('[data-region="back-posterior-thigh-left"]').click();
    await map.locator('[data-region="back-calf-left"]').focus();
    await page.keyboard.press('Enter'); // keyboard-usable regions
    await expect.poll(() => map.locator('g[aria-pressed="true"]').count()).toBe(3);
    await saved();
    await screenshot(page, 'records-01-pain-map', true);
    await a11y('demographics');

    // Conservative care
    await section('Conservative care');
    for (const [k, m] of [
      ['gabapentinoid', 'gabapentin', 1800, 30, 'ineffective'],
      ['SNRI', 'duloxetine', 60, 16, 'partial'],
      ['opioid', 'oxycodone', 30, 52, 'partial'],
    ].entries()) {
      const n = k + 1;
      await page.getByRole('button', { name: 'Add medication' }).click();
      await select(`Class (medication ${n})`, String(m[0]));
      await select(`Agent (medication ${n})`, String(m[1]));
      await fill(new RegExp(`^Dose \\(medication ${n}\\)`), m[2]!);
      await fill(new RegExp(`^Duration \\(medication ${n}\\)`), m[3]!);
      await select(`Outcome (medication ${n})`, String(m[4]));
    }
    await page.getByRole('listitem', { name: 'Medication 3' }).getByLabel('Taken now').check();
    await page.getByRole('button', { name: 'Add non-drug care' }).click();
    await fill(/^Duration \(care 1\)/, 12);
    await expect.poll(() => page.locator('.mme-box').textContent()).toContain('45 MME/day'); // 30 mg oxycodone × 1.5
    await saved();
    await a11y('conservative care');

    // Instruments
    await section('Instruments');
    await addInstrument('Numeric rating scale of pain (0–10)', 'baseline', [8], 'NRS');
    await addInstrument(
      'Oswestry Disability Index v2.1a',
      'baseline',
      [4, 2, 3, 3, 3, 2, 3, 2, 3, 2],
      'ODI',
    );
    await addInstrument(
      'Patient Health Questionnaire-9',
      'baseline',
      [1, 1, 2, 2, 1, 1, 1, 1, 0],
      'PHQ9',
    );
    await addInstrument(
      'Generalized Anxiety Disorder-7',
      'baseline',
      [1, 1, 1, 1, 1, 0, 1],
      'GAD7',
    );
    await addInstrument(
      'Pain Catastrophizing Scale',
      'baseline',
      [2, 2, 1, 2, 1, 2, 1, 2, 2, 2, 1, 2, 2],
      'PCS',
    );
    await addInstrument(
      'Oswestry Disability Index v2.1a',
      'end of trial',
      [2, 1, 2, 2, 2, 1, 1, 1, 2, 1],
      'ODI',
    );
    await addInstrument('Patient Global Impression of Change', 'end of trial', [2], 'PGIC');
    // bad input: an ODI answer of 6 is refused with the item named
    await select('Instrument', 'Oswestry Disability Index v2.1a');
    await fill(/^ODI item 1:/, 6);
    await page.getByRole('button', { name: 'Add Oswestry Disability Index v2.1a' }).click();
    const instrumentAlert = page.locator('form[aria-label="Record an instrument"] [role="alert"]');
    await instrumentAlert.waitFor();
    expect(await instrumentAlert.textContent()).toContain(
      'odi item 1 (Pain intensity): answer 6 is outside 0–5',
    );
    await expect
      .poll(() => page.locator('tr[data-instrument="odi"] td.score').first().textContent())
      .toContain('54 %');
    await saved();
    await a11y('instruments');

    // Checklist: "not yet" with reasons, then eligible once fields are recorded and one HARD rule is overridden
    await section('Checklist');
    const verdict = page.getByTestId('verdict');
    await expect.poll(() => verdict.textContent()).toContain('Not yet');
    expect(await verdict.textContent()).toMatch(/Missing: .*\[/);
    await select('Coverage framework', 'Generic commercial policy (Aetna/BCBS-type)');
    for (const [label, v] of [
      ['Multidisciplinary assessment done', 'yes'],
      ['Active psychosis', 'no'],
      ['Active suicidality', 'no'],
      ['Severe cognitive deficit', 'no'],
      ['Active untreated substance use disorder', 'no'],
      ['Litigation or workers’ compensation', 'no'],
      ['Education and disclosure done; expectations realistic', 'yes'],
      ['Acceptable surgical candidate', 'yes'],
      ['Active infection', 'no'],
      ['Smoker', 'no'],
      ['Psychological evaluation', 'cleared'],
      ['Can operate and charge the device', 'yes'],
      ['Foreseeable MRI', 'none'],
      ['Pregnancy', 'no'],
    ] as const)
      await select(label, v);
    await expect.poll(() => verdict.textContent()).toContain('Antithrombotic use not recorded');
    await page
      .getByRole('button', { name: 'Override: Anticoagulants / antiplatelets managed' })
      .click();
    await page.getByRole('button', { name: 'Save override' }).click();
    const overrideAlert = page.locator('.override-form [role="alert"]');
    await overrideAlert.waitFor();
    expect(await overrideAlert.textContent()).toContain('needs a documented reason');
    await fill(
      'Reason for overriding “Anticoagulants / antiplatelets managed”',
      'No antithrombotics per GP letter; lab check pending',
    );
    await page.getByRole('button', { name: 'Save override' }).click();
    await overrideAlert.waitFor();
    expect(await overrideAlert.textContent()).toContain('name of the clinician');
    await fill('Clinician making the override', 'Dr A. Okafor');
    await page.getByRole('button', { name: 'Save override' }).click();
    await expect.poll(() => verdict.textContent()).toContain('Eligible for trial');
    expect(await verdict.textContent()).toContain(
      'Overridden: Anticoagulants / antiplatelets managed, by Dr A. Okafor on',
    );
    expect(await verdict.textContent()).toContain('reason: No antithrombotics per GP letter');
    await saved();
    await screenshot(page, 'records-02-checklist', true);
    await a11y('checklist');

    // Trial: plan, two sessions, seven diary days
    await section('Trial');
    await fill('Trial start date', '2026-03-02');
    await page.getByRole('button', { name: 'Plan a trial' }).click();
    await expect.poll(() => page.getByLabel('End date').inputValue()).toBe('2026-03-09'); // default 7 days
    for (const n of [1, 2]) {
      await page.getByRole('button', { name: 'Add lead' }).click();
      await fill(`Lead ${n} model`, 'Octrode 8-contact (nominal)');
    }
    const sessions = [
      {
        amp: 4.2,
        pw: 210,
        rate: 40,
        contacts: 'L2- L3+ L4-',
        perc: 2.6,
        comf: 4.2,
        max: 6.8,
        nrs: 5,
        regions: ['back-posterior-thigh-left', 'back-calf-left'],
      },
      {
        amp: 4.8,
        pw: 300,
        rate: 50,
        contacts: 'L1- L2+ L3- R2- R3+',
        perc: 2.9,
        comf: 4.8,
        max: 7.1,
        nrs: 3,
        regions: ['back-low-back', 'back-posterior-thigh-left', 'back-calf-left'],
      },
    ];
    for (const [k, x] of sessions.entries()) {
      const n = k + 1;
      await page.getByRole('button', { name: 'Add programming session' }).click();
      await fill(`Session ${n} amplitude (mA)`, x.amp);
      await fill(`Session ${n} pulse width (µs)`, x.pw);
      await fill(`Session ${n} rate (Hz)`, x.rate);
      await fill(`Session ${n} electrode configuration`, x.contacts);
      await fill(`Session ${n} impedances (Ω, comma-separated)`, '620, 580, 560, 610');
      await fill(`Session ${n} perception threshold (mA)`, x.perc);
      await fill(`Session ${n} comfort level (mA)`, x.comf);
      await fill(`Session ${n} maximum tolerable (mA)`, x.max);
      await fill(`Session ${n} NRS`, x.nrs);
      const card = page.getByRole('listitem', { name: `Session ${n}` });
      for (const r of x.regions) await card.locator(`[data-region="${r}"]`).click();
    }
    await expect.poll(() => page.getByTestId('overlap-2').textContent()).toContain('100 %');
    const avg = [4, 3, 3, 4, 3, 3, 3];
    const oxy = [30, 20, 20, 15, 15, 10, 10];
    for (let d = 1; d <= 7; d++) {
      await page.getByRole('button', { name: 'Add diary day' }).click();
      await fill(`Day ${d} average NRS`, avg[d - 1]!);
      await fill(`Day ${d} worst NRS`, avg[d - 1]! + 2);
      await fill(`Day ${d} sleep hours`, 6);
      // A new diary day records no opioid until the patient reports one.
      expect(await page.getByLabel(`Day ${d} opioid`, { exact: true }).inputValue()).toBe('');
      await select(`Day ${d} opioid`, 'oxycodone');
      await fill(`Day ${d} opioid dose (mg/day)`, oxy[d - 1]!);
    }
    await fill('Day 7 PGIC', 2);
    await saved();
    await screenshot(page, 'records-03-trial', true);
    await a11y('trial');

    // Evaluation
    await section('Evaluation');
    await expect.poll(() => page.getByTestId('relief').textContent()).toBe('58.9 %');
    await select('Patient preference', 'wants implant');
    await page.getByRole('button', { name: 'Use the suggestion' }).click();
    await expect
      .poll(() => page.getByLabel('Decision', { exact: true }).inputValue())
      .toBe('implant');
    await saved();
    await a11y('evaluation');

    // Report: print media, screenshot, PDF
    await page.getByRole('link', { name: 'Trial report' }).click();
    await page.getByRole('heading', { name: /trial report: Kestrel-47/ }).waitFor();
    await page.locator('.uplot').first().waitFor();
    expect(await page.getByTestId('report-relief').textContent()).toBe('58.9 %');
    expect(await page.getByTestId('report-decision').textContent()).toContain('implant');
    // what a payer needs: conservative care, the psychological screen, overrides with who and when
    expect(await page.getByTestId('report-care').textContent()).toContain('30 mg/day');
    expect(await page.getByTestId('report-screens').textContent()).toContain(
      'Patient Health Questionnaire-9',
    );
    expect(await page.getByTestId('report-overrides').textContent()).toMatch(
      /Anticoagulants \/ antiplatelets managed: overridden by Dr A\. Okafor on \d{4}-\d{2}-\d{2}T.*reason: No antithrombotics per GP letter/,
    );
    await a11y('report');
    await page.evaluate(() => {
      (window as unknown as { __printed: number }).__printed = 0;
      window.print = () => void ((window as unknown as { __printed: number }).__printed += 1);
    });
    await page.getByRole('button', { name: 'Print / PDF' }).click();
    expect(await page.evaluate(() => (window as unknown as { __printed: number }).__printed)).toBe(
      1,
    );
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.top-nav').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print / PDF' }).isVisible()).toBe(false);
    await screenshot(page, 'records-04-report-print', true);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });

    // FHIR export validates
    await page.goto(`${caseUrl}/evaluation`);
    await saved();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'FHIR R4' }).click(),
    ]);
    const path = await download.path();
    const bundle = JSON.parse(readFileSync(path, 'utf8')) as {
      resourceType: string;
      entry: { resource: { resourceType: string } }[];
    };
    const validate = await fhirValidator();
    expect(validate(bundle)).toEqual([]);
    expect(new Set(bundle.entry.map((e) => e.resource.resourceType))).toEqual(
      new Set([
        'Patient',
        'Condition',
        'MedicationStatement',
        'QuestionnaireResponse',
        'Observation',
        'Device',
        'Procedure',
        'Provenance',
      ]),
    );

    // De-identified export: no pseudonym, dates shifted, still a valid case file
    await page.getByLabel('De-identified').check();
    const [deid] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'JSON' }).click(),
    ]);
    const deidText = readFileSync(await deid.path(), 'utf8');
    expect(deidText).not.toContain('Kestrel-47');
    expect(deidText).not.toContain('2026-03-02');
    expect(JSON.parse(deidText)).toMatchObject({
      kind: 'neuromod-planner/case',
      case: { pseudonym: expect.stringMatching(/^DEID-/) },
    });

    // Reload: all still there
    await page.reload();
    await saved();
    await expect.poll(() => page.getByTestId('relief').textContent()).toBe('58.9 %');
    expect(await page.getByLabel('Decision', { exact: true }).inputValue()).toBe('implant');
    await section('Trial');
    expect(await page.locator('table.diary tbody tr').count()).toBe(7);
    expect(await page.getByRole('listitem', { name: /^Session \d$/ }).count()).toBe(2);
    await section('Audit log');
    await expect
      .poll(() => page.locator('table.audit').textContent())
      .toContain('No antithrombotics per GP letter');

    expect(s.consoleErrors).toEqual([]);
    expect(s.foreignRequests).toEqual([]);
  });
  it('imports with field-level errors, and two tabs see each other and never overwrite silently', async () => {
    const good = readFileSync('test/fixtures/case-example.json', 'utf8');
    const bad = JSON.parse(good) as {
      case: { trial: { diary: { avgNrs: number }[]; endDate: string } };
    };
    bad.case.trial.diary[0]!.avgNrs = 11;
    bad.case.trial.endDate = '2026-02-01';
    await page.goto(new URL('/patients', s.baseURL).toString());
    await expect.poll(() => page.locator('table caption').textContent()).toMatch(/^Cases \(\d+\)$/);
    const rowsBefore = await page.locator('table tbody tr').count();
    const input = page.getByLabel('Import case files (JSON, any schema version)');
    await input.setInputFiles([
      { name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(good) },
      { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) },
    ]);
    const status = page.getByTestId('import-status');
    await expect.poll(() => status.textContent()).toContain('Import refused');
    const text = (await status.textContent()) ?? '';
    expect(text).toContain('bad.json: case.trial.diary.0.avgNrs');
    expect(text).toContain('the trial ends (2026-02-01) before it starts (2026-03-02)');
    expect(await page.locator('table tbody tr').count()).toBe(rowsBefore); // nothing written
    await input.setInputFiles([
      { name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(good) },
    ]);
    await expect.poll(() => status.textContent()).toContain('Imported 1 case(s): Heron-54');
    await screenshot(page, 'records-05-list-import');
    await a11y('patient list after import');

    // Two tabs on the same case
    const url = new URL('/patients/case-example-0001/demographics', s.baseURL).toString();
    await page.goto(url);
    await saved();
    const tabB = await s.newPage(url);
    await tabB.getByTestId('save-status').filter({ hasText: 'All changes saved' }).waitFor();
    // A's change appears in B
    await page.getByLabel('Age (years)', { exact: true }).fill('55');
    await saved();
    await expect
      .poll(() => tabB.getByLabel('Age (years)', { exact: true }).inputValue())
      .toBe('55');
    // Both edit at once: B's autosave lands first, so A's edit is refused, never silently merged or lost
    await Promise.all([
      tabB.getByLabel('Age (years)', { exact: true }).fill('60'),
      page.getByLabel('Pain duration (months)', { exact: true }).fill('40'),
    ]);
    // whichever autosave lands second is refused: that tab keeps its edit and says so
    const conflictBanner = (p: Page) =>
      p.getByRole('alert').filter({ hasText: /changed (in another tab|elsewhere)/ });
    await expect
      .poll(async () => (await conflictBanner(page).count()) + (await conflictBanner(tabB).count()))
      .toBe(1);
    const aLost = (await conflictBanner(page).count()) === 1;
    const [loser, winner] = aLost ? [page, tabB] : [tabB, page];
    const [field, value, otherField, otherValue] = aLost
      ? ['Pain duration (months)', '40', 'Age (years)', '55']
      : ['Age (years)', '60', 'Pain duration (months)', '39'];
    await screenshot(loser, 'records-06-conflict');
    expect(await loser.getByLabel(field, { exact: true }).inputValue()).toBe(value);
    await winner.getByTestId('save-status').filter({ hasText: 'All changes saved' }).waitFor();
    // the loser deliberately keeps its version; the winner, with nothing unsaved, follows
    await loser.getByRole('button', { name: 'Keep my version (overwrite theirs)' }).click();
    await loser.getByTestId('save-status').filter({ hasText: 'All changes saved' }).waitFor();
    await expect.poll(() => winner.getByLabel(field, { exact: true }).inputValue()).toBe(value);
    expect(await winner.getByLabel(otherField, { exact: true }).inputValue()).toBe(otherValue);
    await tabB.close();
    expect(s.consoleErrors).toEqual([]);
  });
});
