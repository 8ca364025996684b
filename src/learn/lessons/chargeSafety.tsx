import { useMemo, useState } from 'react';
import { LEAD_CATALOGUE, findLead } from '../../../models/devices/leads.ts';
import { contactAreaCm2 } from '../../../models/devices/geometry.ts';
import {
  CHARGE_DENSITY_LIMIT_UC_PER_CM2,
  SHANNON_K_LIMIT,
  chargeDensityUcPerCm2,
  chargePerPhaseUc,
  densityMaxChargeUc,
  maxSafeContactCurrentMa,
  shannonK,
  shannonMaxChargeUc,
} from '../../../models/stimulation/charge.ts';
import { Chart } from '../../app/Chart.tsx';
import { Slider } from '../components/Slider.tsx';
import type { Lesson } from './types.ts';

const Q_GRID_UC = Array.from({ length: 61 }, (_, i) => 10 ** (-2 + (i * 3) / 60)); // 0.01–10 µC

function Body() {
  const [leadId, setLeadId] = useState('perc-8-4mm');
  const [amplitudeMa, setAmplitude] = useState(5);
  const [pulseWidthUs, setPw] = useState(300);
  const entry = findLead(leadId) ?? LEAD_CATALOGUE[0]!;
  const areaCm2 = contactAreaCm2(entry.geometry);
  const q = chargePerPhaseUc(amplitudeMa, pulseWidthUs);
  const d = chargeDensityUcPerCm2(q, areaCm2);
  const k = shannonK(q, d);
  const qDensity = densityMaxChargeUc(areaCm2);
  const qShannon = shannonMaxChargeUc(areaCm2);
  const maxMa = maxSafeContactCurrentMa(areaCm2, pulseWidthUs);
  const data = useMemo(
    () => [
      Q_GRID_UC,
      Q_GRID_UC.map((x) => 10 ** SHANNON_K_LIMIT / x), // log D = k − log Q
      Q_GRID_UC.map(() => CHARGE_DENSITY_LIMIT_UC_PER_CM2),
      Q_GRID_UC.map((x) => x / areaCm2), // this contact: D = Q / A
      Q_GRID_UC.map((x, i) => {
        const prev = Q_GRID_UC[i - 1];
        return prev !== undefined && prev < q && x >= q ? d : null;
      }),
    ],
    [areaCm2, q, d],
  );
  const binding = qShannon < qDensity ? 'Shannon k = 1.85' : '30 µC/cm²';
  return (
    <>
      <section className="explain">
        <p>
          Every phase pushes a charge Q = I·PW through each contact; divided by the contact's
          geometric area it is the <strong>charge density</strong> D. Vendor programmers warn at{' '}
          <strong>30 µC/cm² per phase</strong>. Shannon fitted the boundary between damaging and
          safe stimulation in cat cortex as log D = k − log Q, with damage seen from{' '}
          <strong>k = 1.85</strong>: the larger the charge, the lower the density it tolerates. For
          large contacts Shannon's line binds first; for small contacts the density limit does.
          Shannon's data came from 50 pps, 400 µs pulses on platinum discs over hours, so k is a
          guide, not a validated limit for SCS.
        </p>
      </section>
      <section className="controls" aria-label="Lesson controls">
        <label>
          Lead (nominal contact geometry){' '}
          <select value={leadId} onChange={(e) => setLeadId(e.currentTarget.value)}>
            {LEAD_CATALOGUE.map((l) => (
              <option key={l.id} value={l.id}>
                {l.displayName}
              </option>
            ))}
          </select>
        </label>
        <Slider
          label="Contact current"
          unit="mA"
          value={amplitudeMa}
          min={0.1}
          max={25}
          step={0.1}
          onChange={setAmplitude}
        />
        <Slider
          label="Pulse width"
          unit="µs"
          value={pulseWidthUs}
          min={20}
          max={1000}
          step={10}
          digits={0}
          onChange={setPw}
        />
      </section>
      <Chart
        title="Charge against charge density with the two limits"
        description={`This contact: Q ${q.toFixed(2)} µC, D ${d.toFixed(1)} µC/cm², k ${k.toFixed(2)}.`}
        xLabel="charge per phase Q (µC)"
        yLabel="density D (µC/cm²)"
        xLog
        yLog
        series={[
          { label: 'Shannon k = 1.85', stroke: '#a4161a' },
          { label: '30 µC/cm²', stroke: '#8a5a00', dash: [6, 4] },
          { label: 'this contact (D = Q/A)', stroke: '#0b5d8c', width: 1 },
          { label: 'operating point', stroke: '#14212b', pointsOnly: true },
        ]}
        data={data}
      />
      <table className="numbers" data-testid="charge-table">
        <caption>{entry.displayName}</caption>
        <tbody>
          <tr>
            <th scope="row">Contact area (nominal)</th>
            <td>
              {(areaCm2 * 100).toFixed(2)} mm² ({areaCm2.toFixed(4)} cm²)
            </td>
          </tr>
          <tr>
            <th scope="row">Charge per phase</th>
            <td>{q.toFixed(3)} µC</td>
          </tr>
          <tr>
            <th scope="row">Charge density</th>
            <td className={d >= CHARGE_DENSITY_LIMIT_UC_PER_CM2 ? 'bad' : ''}>
              {d.toFixed(1)} µC/cm²{' '}
              {d >= CHARGE_DENSITY_LIMIT_UC_PER_CM2 ? '— at or over 30 µC/cm²' : ''}
            </td>
          </tr>
          <tr>
            <th scope="row">Shannon k</th>
            <td className={k >= SHANNON_K_LIMIT ? 'bad' : ''}>
              {k.toFixed(2)} {k >= SHANNON_K_LIMIT ? '— at or over 1.85' : ''}
            </td>
          </tr>
          <tr>
            <th scope="row">Largest charge under each limit</th>
            <td>
              {qDensity.toFixed(2)} µC (30 µC/cm²), {qShannon.toFixed(2)} µC (k 1.85): {binding}{' '}
              binds first
            </td>
          </tr>
          <tr>
            <th scope="row">Largest current at this pulse width</th>
            <td>{maxMa.toFixed(1)} mA</td>
          </tr>
        </tbody>
      </table>
    </>
  );
}

export const chargeSafetyLesson: Lesson = {
  meta: {
    slug: 'charge-density',
    title: 'Charge density and safety limits',
    summary: 'Q = I·PW, D = Q/A, the 30 µC/cm² warning and Shannon’s k = 1.85.',
    sources: [
      {
        citation:
          'Shannon RV. A model of safe levels for electrical stimulation. IEEE TBME 1992;39:424',
        note: 'models.md §8',
      },
      { citation: 'Vendor programmer warning at 30 µC/cm² per phase', note: 'clinical.md §3.4' },
      {
        citation: 'Wesselink/Holsheimer: 39.1 µC/cm² at DC threshold on a 0.7 mm² contact (model)',
        note: 'leads.md §5',
      },
      {
        citation: 'Contact areas π·Ø·L (rings), W·L (pads) from nominal dimensions',
        note: 'leads.md §0, models/devices',
      },
    ],
    questions: [
      {
        id: 'cd-pw',
        prompt: 'Doubling the pulse width at the same current…',
        options: [
          {
            id: 'double',
            text: 'doubles charge and charge density, and raises k by log10(4) ≈ 0.6',
          },
          {
            id: 'same',
            text: 'leaves the charge density unchanged',
            feedback:
              'Charge density is charge per area, D = I × PW / A. The area is unchanged, so doubling the pulse width doubles D (and Q with it).',
          },
          {
            id: 'half',
            text: 'halves the charge density',
            feedback:
              'Only a shorter pulse or a larger contact would lower the density. With the same current and area, a longer pulse puts more charge through each cm², so D = I × PW / A doubles.',
          },
        ],
        correctId: 'double',
        hint: "Charge per phase is Q = I × PW, charge density is D = Q / A, and Shannon's k = log10(D) + log10(Q).",
        explanation: 'Q and D both scale with PW; k = log D + log Q rises by 2·log10(2).',
      },
      {
        id: 'cd-small',
        prompt: 'At the same current, a contact with a quarter of the area has…',
        options: [
          { id: 'four', text: 'four times the charge density' },
          {
            id: 'quarter',
            text: 'a quarter of the charge density',
            feedback:
              'That inverts D = Q / A. The same charge through a smaller area is more concentrated, so the density rises, here fourfold.',
          },
          {
            id: 'same',
            text: 'the same charge density',
            feedback:
              'The charge per phase is the same, but density is charge per unit area. A quarter of the area means four times the density.',
          },
        ],
        correctId: 'four',
        hint: 'With the same current and pulse width, the charge per phase is the same. Density divides that charge by the contact area.',
        explanation: 'D = Q / A. Small DRG or paddle contacts reach the limits at lower currents.',
      },
      {
        id: 'cd-binds',
        prompt:
          'For a large percutaneous ring contact (about 12 mm²), which limit is reached first as current rises?',
        options: [
          { id: 'shannon', text: 'Shannon k = 1.85' },
          {
            id: 'density',
            text: '30 µC/cm²',
            feedback:
              "For a 12 mm² (0.12 cm²) contact, 30 µC/cm² allows 3.6 µC per phase, but Shannon's k = 1.85 is already reached at √(10^1.85 × 0.12) ≈ 2.9 µC. The density limit is reached first only on contacts smaller than about 7.9 mm².",
          },
        ],
        correctId: 'shannon',
        hint: 'Write each limit as a maximum charge per phase. The density limit gives Q = 30 µC/cm² × A, and Shannon gives Q = √(10^1.85 × A). Compare the two for A = 0.12 cm².',
        explanation:
          'Q_max = √(10^1.85·A) is below 30·A when A > 0.079 cm² (7.9 mm²): select the lead and read the table.',
      },
    ],
  },
  Body,
};
