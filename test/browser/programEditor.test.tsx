import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import axe from 'axe-core';
import '../../src/app/app.css';
import { usePlanner } from '../../src/planner/store.ts';
import { ProgramEditor } from '../../src/planner/program/ProgramEditor.tsx';
import { WaveformPreview } from '../../src/planner/program/WaveformPreview.tsx';
import { SafetyPanel } from '../../src/planner/program/SafetyPanel.tsx';

let root: Root | null = null;
let host: HTMLElement | null = null;

function render(node: ReactNode) {
  host = document.createElement('main');
  host.style.width = '720px';
  document.body.append(host);
  root = createRoot(host);
  root.render(node);
}

beforeEach(() => usePlanner.getState().newScenario('SCS'));
afterEach(() => {
  root?.unmount();
  host?.remove();
  root = null;
  host = null;
});

const program = () => usePlanner.getState().scenario.program;

describe('ProgramEditor in Chromium', () => {
  it('refuses 30 mA on the default SCS scenario, naming the 25.5 mA maximum, and keeps 3 mA', async () => {
    render(<ProgramEditor />);
    const amplitude = page.getByLabelText('Amplitude (mA)', { exact: true });
    await expect.element(amplitude).toHaveValue(3);
    await userEvent.fill(amplitude, '30');
    // Generic 16-channel IPG, tonic: 0–25.5 mA (models/devices, clinical.md §3.2)
    const refusal = page.getByRole('alert').filter({ hasText: 'Not applied' });
    await expect
      .element(refusal)
      .toHaveTextContent(
        'Amplitude 30 mA exceeds the 25.5 mA maximum of Generic 16-channel IPG (tonic)',
      );
    await expect.element(amplitude).toHaveAttribute('aria-invalid', 'true');
    // the reason is tied to the field itself (aria-describedby), not only shown somewhere
    await expect.element(amplitude).toHaveAccessibleDescription(/exceeds the 25\.5 mA maximum/);
    expect(program().amplitudeMa).toBe(3);
    // a value inside the envelope is applied and clears the refusal
    await userEvent.fill(amplitude, '4.5');
    await expect.poll(() => program().amplitudeMa).toBe(4.5);
    await expect.poll(() => document.body.textContent?.includes('Not applied')).toBe(false);
  });

  it("takes the user's own generator limit: refused while the program is above it, then checked like the catalogue's", async () => {
    render(<ProgramEditor />);
    await userEvent.click(page.getByText("Your device's limits"));
    const limit = page.getByLabelText('Highest amplitude (mA)', { exact: true });
    // the catalogue's 25.5 mA (Generic 16-channel IPG, tonic) until one is entered
    await expect.element(limit).toHaveValue(25.5);
    // 2 mA under the programmed 3 mA: refused, the program untouched
    await userEvent.fill(limit, '2');
    await expect
      .element(page.getByRole('alert').filter({ hasText: 'Not applied' }))
      .toHaveTextContent(/Amplitude 3 mA exceeds the 2 mA maximum/);
    expect(program().generatorOverrides).toBeUndefined();
    await userEvent.fill(limit, '4');
    await expect.poll(() => program().generatorOverrides?.amplitudeMaxMa).toBe(4);
    // now 4.5 mA is refused against the entered 4 mA, naming it
    const amplitude = page.getByLabelText('Amplitude (mA)', { exact: true });
    await userEvent.fill(amplitude, '4.5');
    await expect
      .element(page.getByRole('alert').filter({ hasText: 'Not applied' }))
      .toHaveTextContent(/Amplitude 4\.5 mA exceeds the 4 mA maximum/);
    expect(program().amplitudeMa).toBe(3);
    await expect
      .element(page.getByTestId('generator-specs').getByText('entered for this plan').first())
      .toBeInTheDocument();
    await userEvent.click(page.getByRole('button', { name: "Back to the catalogue's limits" }));
    await expect.poll(() => program().generatorOverrides).toBeUndefined();
  });

  it('makes a cathode/anode bipole by clicking contacts, and the scenario follows', async () => {
    render(<ProgramEditor />);
    // default: contact 3 cathode, contact 4 anode; move the bipole to 1 (cathode) / 2 (anode)
    // the only anode off would leave only a cathode: refused, the case is not turned on
    await userEvent.click(page.getByRole('button', { name: 'Lead 1 contact 4: anode' }));
    await expect
      .element(page.getByText(/Only cathodes would be left on the leads/))
      .toBeInTheDocument();
    expect(program().caseIsReturn).toBe(false);
    await userEvent.click(page.getByRole('button', { name: 'Lead 1 contact 1: off' })); // → cathode
    await userEvent.click(page.getByRole('button', { name: 'Lead 1 contact 2: off' })); // → cathode
    await userEvent.click(page.getByRole('button', { name: 'Lead 1 contact 2: cathode' })); // → anode
    await userEvent.click(page.getByRole('button', { name: 'Lead 1 contact 3: cathode' })); // → anode
    await userEvent.click(page.getByRole('button', { name: 'Lead 1 contact 3: anode' })); // → off
    await userEvent.click(page.getByRole('button', { name: 'Lead 1 contact 4: anode' })); // → off
    expect(program().caseIsReturn).toBe(false);
    await expect
      .poll(() =>
        program()
          .contacts.map((c) => `${c.contactIndex}:${c.polarity}:${c.fractionPercent}`)
          .sort(),
      )
      .toEqual(['1:cathode:100', '2:anode:100']);
    // keyboard: focus a contact and press Enter to make it a second cathode; shares rebalance
    page.getByRole('button', { name: 'Lead 1 contact 0: off' }).element().focus();
    await userEvent.keyboard('{Enter}');
    await expect
      .poll(() =>
        program()
          .contacts.filter((c) => c.polarity === 'cathode')
          .map((c) => c.fractionPercent),
      )
      .toEqual([50, 50]);
    // editing one share adjusts the other to keep the cathodes at 100 %
    await userEvent.fill(page.getByLabelText('Lead 1 contact 1 cathode share (%)'), '70');
    await expect
      .poll(() =>
        program()
          .contacts.filter((c) => c.polarity === 'cathode')
          .map((c) => [c.contactIndex, c.fractionPercent]),
      )
      .toEqual([
        [1, 70],
        [0, 30],
      ]);
  });

  it('flags a charge density over 30 µC/cm² (12 mA, 1000 µs on a 0.1225 cm² ring) but applies it', async () => {
    render(<ProgramEditor />);
    await userEvent.fill(page.getByLabelText('Pulse width (µs)', { exact: true }), '1000');
    await expect.poll(() => program().pulseWidthUs).toBe(1000);
    await userEvent.fill(page.getByLabelText('Amplitude (mA)', { exact: true }), '12');
    await expect.poll(() => program().amplitudeMa).toBe(12);
    // Q = 12 mA × 1000 µs = 12 µC over π·1.3 mm·3 mm = 0.12252 cm² (clinical.md §3.4) → 97.9 µC/cm²
    const alert = page.getByRole('alert').filter({ hasText: 'Charge safety' });
    await expect.element(alert).toHaveTextContent('Charge density 97.9 µC/cm² on lead-1 contact 3');
    await expect.element(alert).toHaveTextContent('exceeds 30 µC/cm²');
    // k = log10(97.9) + log10(12) = 3.07 ≥ 1.85
    await expect.element(alert).toHaveTextContent('Shannon k 3.07');
  });

  it('switches waveform family and generator through the selects', async () => {
    render(<ProgramEditor />);
    await userEvent.selectOptions(page.getByLabelText('Waveform family'), 'burst');
    await expect.poll(() => program().waveform.kind).toBe('burst');
    await expect.element(page.getByLabelText('Pulses per burst')).toHaveValue(5);
    await userEvent.selectOptions(page.getByLabelText('Generator'), 'generic-hf-ipg');
    // the 10 kHz-capable IPG has no burst mode: the program becomes tonic
    await expect.poll(() => program().generatorId).toBe('generic-hf-ipg');
    expect(program().waveform.kind).toBe('tonic');
    await userEvent.selectOptions(page.getByLabelText('Waveform family'), 'khz');
    await expect.poll(() => program().waveform).toEqual({ kind: 'khz', frequencyHz: 10_000 });
    await expect.element(page.getByLabelText('Frequency (Hz)')).toHaveValue(10_000);
  });
  it('with two leads, names group contacts by lead and keeps contact 3 of one lead apart from the other', async () => {
    const s = usePlanner.getState().scenario;
    const second = {
      ...s.leads[0]!,
      id: 'lead-2',
      label: 'Lead 2',
      tipMm: { ...s.leads[0]!.tipMm, xMm: 3 },
    };
    usePlanner.getState().setScenario({
      ...s,
      leads: [s.leads[0]!, second],
      program: {
        ...s.program,
        generatorId: 'generic-ipg-32',
        contacts: [
          { leadId: 'lead-1', contactIndex: 3, polarity: 'cathode', fractionPercent: 50 },
          { leadId: 'lead-2', contactIndex: 3, polarity: 'cathode', fractionPercent: 50 },
          { leadId: 'lead-1', contactIndex: 4, polarity: 'anode', fractionPercent: 50 },
          { leadId: 'lead-2', contactIndex: 4, polarity: 'anode', fractionPercent: 50 },
        ],
      },
    });
    render(<ProgramEditor />);
    await userEvent.selectOptions(page.getByLabelText('Waveform family'), 'multiplexed');
    const group1 = page.getByRole('group', { name: 'Group 1 contacts' });
    await expect.element(group1.getByLabelText('Lead 2 contact 3')).toBeChecked();
    await userEvent.click(group1.getByLabelText('Lead 2 contact 3'));
    await expect
      .poll(() => {
        const w = program().waveform;
        return w.kind === 'multiplexed' ? w.groups[0]!.contacts : null;
      })
      .toEqual([
        { leadId: 'lead-1', contactIndex: 3 },
        { leadId: 'lead-1', contactIndex: 4 },
        { leadId: 'lead-2', contactIndex: 4 },
      ]);
    await expect.element(group1.getByLabelText('Lead 1 contact 3')).toBeChecked();
    await expect.element(group1.getByLabelText('Lead 2 contact 3')).not.toBeChecked();
    const violations = (await axe.run(host!)).violations.filter(
      (v) => v.impact === 'serious' || v.impact === 'critical',
    );
    expect(violations.map((v) => v.id)).toEqual([]);
  });

  it('sets cycling and dosing: the duty follows, an out-of-range value is refused by name, switching off clears it', async () => {
    render(<ProgramEditor />);
    await userEvent.click(page.getByLabelText('Cycling (on and off in seconds)'));
    await expect.poll(() => program().schedule).toEqual({ cycling: { onS: 60, offS: 60 } });
    await expect
      .element(page.getByTestId('schedule-duty'))
      .toHaveTextContent(/on 50 % of the time/);
    await userEvent.fill(page.getByLabelText('Cycling off (s)'), '180');
    await userEvent.tab();
    await expect.poll(() => program().schedule?.cycling?.offS).toBe(180);
    await expect
      .element(page.getByTestId('schedule-duty'))
      .toHaveTextContent(/on 25 % of the time/);
    await userEvent.click(page.getByLabelText('Pulse dosing (on and off in milliseconds)'));
    await expect
      .element(page.getByTestId('schedule-duty'))
      .toHaveTextContent(/on 12\.5 % of the time/);
    // more than a day on: refused, named, nothing stored changes
    await userEvent.fill(page.getByLabelText('Cycling on (s)'), '100000');
    await userEvent.tab();
    await expect
      .element(page.getByRole('alert').filter({ hasText: 'Not applied' }))
      .toHaveTextContent(
        /cycling on-time is at most 86400 s \(one day\).*program\.schedule\.cycling\.onS/,
      );
    expect(program().schedule?.cycling?.onS).toBe(60);
    await userEvent.click(page.getByLabelText('Cycling (on and off in seconds)'));
    await userEvent.click(page.getByLabelText('Pulse dosing (on and off in milliseconds)'));
    await expect.poll(() => program().schedule).toBeUndefined();
    const violations = (await axe.run(host!)).violations.filter(
      (v) => v.impact === 'serious' || v.impact === 'critical',
    );
    expect(violations.map((v) => v.id)).toEqual([]);
  });

  it('edits multiplexed groups and refuses a closed-loop update rate beyond the envelope', async () => {
    const lead1Contacts34 = [
      { leadId: 'lead-1', contactIndex: 3 },
      { leadId: 'lead-1', contactIndex: 4 },
    ];
    render(
      <>
        <ProgramEditor />
        <WaveformPreview />
      </>,
    );
    await userEvent.selectOptions(page.getByLabelText('Generator'), 'generic-ipg-32');
    await userEvent.selectOptions(page.getByLabelText('Waveform family'), 'multiplexed');
    await userEvent.click(page.getByRole('button', { name: 'Add group' }));
    await userEvent.fill(page.getByLabelText('Group 2 rate (Hz)'), '100');
    await expect
      .poll(() => {
        const w = program().waveform;
        return w.kind === 'multiplexed' ? w.groups.map((g) => [g.contacts, g.rateHz]) : null;
      })
      .toEqual([
        [lead1Contacts34, 50],
        [lead1Contacts34, 100],
      ]);
    await expect
      .element(page.getByRole('img', { name: /multiplexed, 2 groups firing in turn/ }))
      .toBeInTheDocument();
    // Generic 32-channel IPG: up to 4 areas (clinical.md §3.2)
    await userEvent.click(page.getByRole('button', { name: 'Add group' }));
    await userEvent.click(page.getByRole('button', { name: 'Add group' }));
    await expect.element(page.getByRole('button', { name: 'Add group' })).toBeDisabled();

    await userEvent.selectOptions(page.getByLabelText('Generator'), 'generic-ecap-ipg');
    await expect.poll(() => program().waveform.kind).toBe('tonic');
    await userEvent.selectOptions(page.getByLabelText('Waveform family'), 'closed-loop');
    await expect.element(page.getByLabelText('Target ECAP (µV)')).toHaveValue(50);
    await userEvent.fill(page.getByLabelText('Update rate (Hz)'), '300');
    // Evoke-like closed loop: update 10–250 Hz (clinical.md §3.1–3.2)
    await expect
      .element(page.getByRole('alert').filter({ hasText: 'Not applied' }))
      .toHaveTextContent(
        'Update rate 300 Hz exceeds the 250 Hz maximum of Generic closed-loop ECAP IPG (closed-loop)',
      );
    expect(program().waveform).toEqual({ kind: 'closed-loop', targetEcapUv: 50, updateRateHz: 50 });
  });
});

describe('WaveformPreview and SafetyPanel in Chromium', () => {
  it('draws the waveform with uPlot and describes it; the panel shows charge, density and battery', async () => {
    render(
      <>
        <ProgramEditor />
        <WaveformPreview />
        <SafetyPanel />
      </>,
    );
    const img = page.getByRole('img', { name: /Waveform preview: tonic/ });
    await expect.element(img).toBeInTheDocument();
    await expect.poll(() => img.element().querySelector('canvas') !== null).toBe(true);
    await expect
      .element(img)
      .toHaveAccessibleName(
        'Waveform preview: tonic biphasic cathodic first, 3 mA, 210 µs, 50 Hz; 2 pulses in 40 ms; current at the cathodes, cathodic negative.',
      );
    // 3 mA × 210 µs = 0.63 µC per phase; × 50 /s = 31.5 µC/s (clinical.md §3.4)
    const panel = page.getByRole('region', { name: 'Charge and safety' });
    await expect.element(panel).toHaveTextContent('Charge per phase0.63 µC');
    await expect.element(panel).toHaveTextContent('Charge per second31.5 µC/s');
    await expect.element(panel).toHaveTextContent(/Battery life[\d.]+ days/);
    await expect.element(panel).toHaveTextContent('estimate from nominal figures');
    // the preview follows the program
    await userEvent.fill(page.getByLabelText('Amplitude (mA)', { exact: true }), '5');
    await expect.element(img).toHaveAccessibleName(/, 5 mA, 210 µs/);
  });

  it('has no serious or critical axe violations (WCAG 2.1 AA, colour contrast included)', async () => {
    render(
      <>
        <ProgramEditor />
        <WaveformPreview />
        <SafetyPanel />
      </>,
    );
    await expect.element(page.getByRole('img', { name: /Waveform preview/ })).toBeInTheDocument();
    // with a refusal and a density alert on screen too
    await userEvent.fill(page.getByLabelText('Pulse width (µs)', { exact: true }), '1000');
    await userEvent.fill(page.getByLabelText('Amplitude (mA)', { exact: true }), '12');
    await userEvent.fill(page.getByLabelText('Rate (Hz)', { exact: true }), '1200');
    await expect.element(page.getByRole('alert').filter({ hasText: 'Not applied' })).toBeVisible();
    const result = await axe.run(host!, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    const bad = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(bad).toEqual([]);
    // the contrast rule did run on the rendered text
    expect(result.passes.some((r) => r.id === 'color-contrast')).toBe(true);
  });
});
