/**
 * The threshold table of a full-tier result in Chromium: the definition of a threshold, fibres
 * with a window named beside their population, and the window's amplitudes in the statement.
 * The result is the shape runScenario returns (models/pipeline.ts RunResult); its numbers are
 * those of the 8.7 µm fibre 0.1 mm from a 1 ms cathode (NEURON, mrg-near.jsonl).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { createRoot, type Root } from 'react-dom/client';
import axe from 'axe-core';
import '../../src/app/app.css';
import '../../src/planner/planner.css';
import { ThresholdTable } from '../../src/planner/ResultsPanel.tsx';
import type { RunResult } from '../../models/estimate/index.ts';

let root: Root | null = null;
let host: HTMLElement | null = null;
afterEach(() => {
  root?.unmount();
  host?.remove();
});

function result(): RunResult {
  return {
    kind: 'neuromod-result',
    resultVersion: 1,
    scenarioName: 'near-electrode',
    therapy: 'PNS',
    tier: 'full',
    populations: [
      {
        id: 'fascicle-1',
        name: 'fascicle 1',
        fibreType: 'Aβ',
        fibreCount: 2,
        thresholdsMa: [0.00335, 0.0061],
        windows: [{ quietFromMa: 0.021, firesAgainMa: 0.33 }, null],
        windowScanToMa: 10.2,
        activated: [false, true],
        shareActivated: 0.5,
        amplitudeMa: 0.1,
      },
    ],
    field: {
      solver: '2.5-D finite volume',
      gridNodes: 1,
      wavenumbers: 1,
      contacts: 1,
      elapsedMs: 0,
      cacheKey: 'k',
      fromCache: true,
    },
    notes: [],
    provenance: {
      model: 'm',
      settings: {} as RunResult['provenance']['settings'],
      appVersion: 't',
      time: new Date(0).toISOString(),
    },
  };
}

describe('ThresholdTable in Chromium', () => {
  it('names the fibre with a window and states where it is quiet and fires again', async () => {
    host = document.createElement('main');
    host.style.width = '380px';
    document.body.append(host);
    root = createRoot(host);
    root.render(<ThresholdTable result={result()} />);
    await expect.element(page.getByTestId('window-count')).toHaveTextContent('1 with a window');
    const definition = page.getByTestId('threshold-definition');
    await expect.element(definition).toHaveTextContent(/lowest amplitude that fires/);
    await expect
      .element(definition)
      .toHaveTextContent(/fires from 0\.00335 mA, quiet from 0\.021 mA/);
    await expect.element(definition).toHaveTextContent(/fires again from 0\.33 mA/);
    await page.screenshot({ path: '../../test-results/screenshots/threshold-table-window.png' });
    const violations = (await axe.run(host)).violations.filter(
      (v) => v.impact === 'serious' || v.impact === 'critical',
    );
    expect(violations).toEqual([]);
  });
});
