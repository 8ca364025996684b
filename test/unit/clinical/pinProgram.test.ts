import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../../../models/scenario.ts';
import { parseCase, newCase, newTrial } from '../../../models/clinical/index.ts';
import { programFromScenario, snapshotOf } from '../../../src/records/pinProgram.ts';

describe('pinning a planner program to a programming session', () => {
  it('copies amplitude, pulse width, rate, waveform and contacts from the scenario', () => {
    const sc = defaultScenario('SCS');
    expect(programFromScenario(sc)).toEqual({
      name: sc.program.name,
      waveform: 'tonic',
      amplitudeMa: 3,
      pulseWidthUs: 210,
      rateHz: 50,
      contacts: 'lead-1:E3- lead-1:E4+',
    });
  });
  it('the snapshot survives the case schema (stored with the session)', () => {
    const sc = defaultScenario('SCS');
    const c = newCase('c1', 'Pin-1');
    c.trial = newTrial('SCS', '2026-03-02');
    c.trial.sessions.push({
      id: 's1',
      date: '2026-03-02',
      trialDay: 0,
      program: programFromScenario(sc),
      programSnapshot: snapshotOf('scn-1', sc, new Date('2026-03-02T10:00:00Z')),
      impedancesOhm: [],
      perceptionMa: null,
      comfortMa: null,
      maxMa: null,
      paresthesiaRegions: [],
      nrs: null,
      sideEffects: [],
      notes: '',
    });
    const r = parseCase(c);
    expect(r.ok && r.value.trial?.sessions[0]?.programSnapshot).toMatchObject({
      scenarioId: 'scn-1',
      scenario: { therapy: 'SCS' },
    });
  });
});
