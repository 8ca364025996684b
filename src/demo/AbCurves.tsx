import { useMemo } from 'react';
import { recruitmentCurve } from '../../models/coverage.ts';
import type { RunResult } from '../../models/estimate/index.ts';
import { Chart, type ChartSeries } from '../app/Chart.tsx';

// one colour per population; A solid, B dashed, so the sides never rest on colour alone
const POP_COLOURS = ['#0b5cad', '#b4461d', '#2f7d32', '#6a3d9a'];
const B_DASH = [8, 5];

/** Recruitment curves of A and B on one axis, with a marker at each program's amplitude. */
export function AbCurves({
  a,
  b,
  amplitudeAMa,
  amplitudeBMa,
}: {
  a: RunResult;
  b: RunResult;
  amplitudeAMa: number;
  amplitudeBMa: number;
}) {
  const { series, data, description } = useMemo(() => {
    const topMa = Math.max(10, amplitudeAMa * 1.5, amplitudeBMa * 1.5);
    const grid = Array.from({ length: 81 }, (_, i) => (topMa * i) / 80);
    const xs = [...new Set([...grid, amplitudeAMa, amplitudeBMa])].sort((x, y) => x - y);
    const series: ChartSeries[] = [];
    const data: (number | null)[][] = [xs];
    const said: string[] = [];
    const sides = [
      { tag: 'A', result: a, amp: amplitudeAMa, dash: undefined },
      { tag: 'B', result: b, amp: amplitudeBMa, dash: B_DASH },
    ] as const;
    for (const side of sides) {
      side.result.populations.forEach((pop, i) => {
        const stroke = POP_COLOURS[i % POP_COLOURS.length]!;
        const curve = recruitmentCurve(pop.thresholdsMa, xs, pop.windows).map((s) => s * 100);
        series.push({
          label: `${side.tag}: ${pop.name}${side.tag === 'B' ? ' (dashed)' : ''}`,
          stroke,
          ...(side.dash ? { dash: [...side.dash] } : {}),
        });
        data.push(curve);
        series.push({ label: `${side.tag} at ${side.amp} mA`, stroke, pointsOnly: true });
        data.push(xs.map((x, k) => (x === side.amp ? (curve[k] ?? null) : null)));
        const at = curve[xs.indexOf(side.amp)] ?? 0;
        said.push(`${side.tag} ${pop.name} ${at.toFixed(0)} % at ${side.amp} mA`);
      });
    }
    return { series, data, description: said.join('; ') };
  }, [a, b, amplitudeAMa, amplitudeBMa]);
  return (
    <div data-testid="ab-curves">
      <Chart
        title="Recruitment against amplitude: A solid, B dashed; markers at each program's amplitude"
        description={description}
        xLabel="amplitude (mA)"
        yLabel="fibres recruited (%)"
        series={series}
        data={data}
        yRange={[0, 100]}
      />
    </div>
  );
}
