/**
 * Contacts of a scenario in the one geometry the field solver takes (models/field/contact.ts
 * `ContactGeometry`, centres as a millimetre `Vec3`), their keys, where they sit in the
 * section, and the program's signed weights on them.
 */
import type { StructureFrame } from '../anatomy/shapes.ts';
import { contactGeometry, findLead } from '../devices/index.ts';
import type { ContactGeometry, Vec3, VolumeConductor } from '../field/index.ts';
import type { FieldIssue, Scenario } from '../scenario.ts';

export type { ContactGeometry, Vec3 };

/** A contact of the scenario: its lead and its index on that lead. */
export interface ContactKey {
  leadId: string;
  contactIndex: number;
}

/** Contacts of every lead of the scenario, in lead order then contact order. */
export function scenarioContacts(s: Scenario): {
  contacts: ContactGeometry[];
  keys: ContactKey[];
  issues: FieldIssue[];
} {
  const contacts: ContactGeometry[] = [];
  const keys: ContactKey[] = [];
  const issues: FieldIssue[] = [];
  s.leads.forEach((lead, li) => {
    const entry = findLead(lead.catalogId);
    if (!entry) {
      issues.push({
        path: `leads.${li}.catalogId`,
        message: `unknown lead "${lead.catalogId}" in the catalogue`,
      });
      return;
    }
    for (const c of contactGeometry(entry, lead)) {
      const centreMm = { x: c.centreMm.xMm, y: c.centreMm.yMm, z: c.centreMm.zMm };
      contacts.push(
        c.kind === 'pad'
          ? {
              kind: 'pad',
              centreMm,
              axis: c.axis,
              normal: c.normal,
              lengthMm: c.lengthMm,
              widthMm: c.widthMm ?? c.lengthMm,
            }
          : {
              kind: 'ring',
              centreMm,
              axis: c.axis,
              lengthMm: c.lengthMm,
              diameterMm: c.diameterMm ?? 1.3,
            },
      );
      keys.push({ leadId: lead.id, contactIndex: c.contactIndex });
    }
  });
  return { contacts, keys, issues };
}

/** (u, v) of a point in the structure's cross-section frame. */
export function structureUv(f: StructureFrame, p: Vec3): [number, number] {
  const dx = p.x - f.originMm[0];
  const dy = p.y - f.originMm[1];
  const dz = p.z - f.originMm[2];
  return [f.eU[0] * dx + f.eU[1] * dy + f.eU[2] * dz, f.eV[0] * dx + f.eV[1] * dy + f.eV[2] * dz];
}

/** Position of a point along the structure's axis (w, mm). */
export function structureW(f: StructureFrame, p: Vec3): number {
  return (
    f.eW[0] * (p.x - f.originMm[0]) +
    f.eW[1] * (p.y - f.originMm[1]) +
    f.eW[2] * (p.z - f.originMm[2])
  );
}

/** Checks that every contact lies in tissue inside the model; nothing is solved when issues are returned. */
export function contactPlacementIssues(
  conductor: VolumeConductor,
  contacts: ContactGeometry[],
  keys: ContactKey[],
  leadIndex: (id: string) => number,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  contacts.forEach((c, i) => {
    const p = c.centreMm;
    const [u, v] = structureUv(conductor.frame, p);
    const region = conductor.regionAt(u, v);
    const k = keys[i]!;
    if (region === undefined) {
      issues.push({
        path: `leads.${leadIndex(k.leadId)}.tipMm`,
        message: `contact ${k.contactIndex} of lead "${k.leadId}" at (${p.x.toFixed(1)}, ${p.y.toFixed(1)}, ${p.z.toFixed(1)}) mm lies outside the tissue of the model`,
      });
    } else if (region === 'cord white matter' || region === 'grey matter') {
      issues.push({
        path: `leads.${leadIndex(k.leadId)}.tipMm`,
        message: `contact ${k.contactIndex} of lead "${k.leadId}" lies inside the spinal cord (${region})`,
      });
    }
  });
  return issues;
}

/** Notes on contacts that lie in tissue the simplified section models coarsely. */
export function contactPlacementNotes(
  conductor: VolumeConductor,
  contacts: ContactGeometry[],
  keys: ContactKey[],
  therapy: Scenario['therapy'],
): string[] {
  const notes: string[] = [];
  contacts.forEach((c, i) => {
    const region = conductor.regionAt(...structureUv(conductor.frame, c.centreMm));
    const k = keys[i]!;
    const which = `contact ${k.contactIndex} of lead "${k.leadId}"`;
    if (region === 'vertebra')
      notes.push(
        `${which} lies in bone of the simplified section (uniform along the ${therapy === 'DRG' ? 'root: the canal and foramen openings are not modelled' : 'cord'})`,
      );
    else if (region === 'ganglion') notes.push(`${which} lies inside the ganglion`);
    else if (region === 'CSF' || region === 'dura')
      notes.push(`${which} lies in the ${region}, not in the epidural space`);
  });
  return notes;
}

/**
 * Signed contact currents per mA of program amplitude, cathodes positive (they act as sources
 * of Ve < 0 under a cathodic pulse). Looked up by key, so contacts of a lead that the program
 * does not name stay at 0.
 */
export function programWeights(s: Scenario, keys: ContactKey[]): Float64Array {
  const w = new Float64Array(keys.length);
  const index = new Map(keys.map((k, i) => [`${k.leadId}\u0000${k.contactIndex}`, i]));
  for (const c of s.program.contacts) {
    const i = index.get(`${c.leadId}\u0000${c.contactIndex}`);
    if (i === undefined || c.polarity === 'off') continue;
    w[i] = (c.polarity === 'cathode' ? 1 : -1) * (c.fractionPercent / 100);
  }
  return w;
}
