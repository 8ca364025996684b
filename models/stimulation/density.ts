/**
 * Charge density per contact: each contact carries its share of the program current
 * (groups.ts), over its own geometric area (models/devices contactGeometry, overrides applied),
 * checked against 30 µC/cm² and Shannon k = 1.85 (charge.ts).
 */
import type { LeadPlacement, Program } from '../scenario.ts';
import { contactGeometry, findLead, type LeadCatalogue } from '../devices/index.ts';
import {
  CHARGE_DENSITY_LIMIT_UC_PER_CM2,
  SHANNON_K_LIMIT,
  chargeDensityUcPerCm2,
  chargePerPhaseUc,
  shannonK,
} from './charge.ts';
import { contactGroups, type ActivePolarity } from './groups.ts';

export interface ContactChargeReport {
  leadId: string;
  contactIndex: number;
  polarity: ActivePolarity;
  groupIndex: number;
  currentMa: number;
  /** charge per primary phase through this contact, µC */
  chargeUc: number;
  areaCm2: number;
  densityUcPerCm2: number;
  shannonK: number;
  exceedsDensityLimit: boolean;
  exceedsShannonLimit: boolean;
  /** the area rests on nominal (not verified) dimensions */
  areaIsNominal: boolean;
}

export interface UnresolvedContact {
  leadId: string;
  contactIndex: number;
  reason: string;
}

/**
 * Per-contact charge, density and Shannon k for every active contact of every group. Contacts
 * whose lead or catalogue entry cannot be found are returned in `unresolved`.
 */
export function contactChargeDensities(
  program: Program,
  leads: readonly LeadPlacement[],
  catalogue?: LeadCatalogue,
): { contacts: ContactChargeReport[]; unresolved: UnresolvedContact[] } {
  const contacts: ContactChargeReport[] = [];
  const unresolved: UnresolvedContact[] = [];
  const geometryCache = new Map<string, ReturnType<typeof contactGeometry> | string>();
  const geometryOf = (leadId: string) => {
    const cached = geometryCache.get(leadId);
    if (cached !== undefined) return cached;
    const placement = leads.find((l) => l.id === leadId);
    let value: ReturnType<typeof contactGeometry> | string;
    if (!placement) value = `no lead "${leadId}" in the scenario`;
    else {
      const entry = findLead(placement.catalogId, catalogue);
      value = entry
        ? contactGeometry(entry, placement)
        : `lead "${leadId}" names unknown catalogue id "${placement.catalogId}"`;
    }
    geometryCache.set(leadId, value);
    return value;
  };
  for (const group of contactGroups(program)) {
    for (const c of group.contacts) {
      const geometry = geometryOf(c.leadId);
      if (typeof geometry === 'string') {
        unresolved.push({ leadId: c.leadId, contactIndex: c.contactIndex, reason: geometry });
        continue;
      }
      const contact = geometry[c.contactIndex];
      if (!contact) {
        unresolved.push({
          leadId: c.leadId,
          contactIndex: c.contactIndex,
          reason: `lead "${c.leadId}" has ${geometry.length} contacts (0–${geometry.length - 1})`,
        });
        continue;
      }
      const chargeUc = chargePerPhaseUc(c.currentMa, program.pulseWidthUs);
      const densityUcPerCm2 = chargeDensityUcPerCm2(chargeUc, contact.areaCm2);
      const k = shannonK(chargeUc, densityUcPerCm2);
      const dimensionFields = ['contactLengthMm', 'diameterMm', 'contactWidthMm'];
      contacts.push({
        leadId: c.leadId,
        contactIndex: c.contactIndex,
        polarity: c.polarity,
        groupIndex: group.groupIndex,
        currentMa: c.currentMa,
        chargeUc,
        areaCm2: contact.areaCm2,
        densityUcPerCm2,
        shannonK: k,
        exceedsDensityLimit: densityUcPerCm2 >= CHARGE_DENSITY_LIMIT_UC_PER_CM2,
        exceedsShannonLimit: k >= SHANNON_K_LIMIT,
        areaIsNominal: contact.nominalFields.some((f) => dimensionFields.includes(f)),
      });
    }
  }
  return { contacts, unresolved };
}
