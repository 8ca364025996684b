import { parseScenario, type FieldIssue, type Scenario } from '../../models/scenario.ts';
import { appDb, describeStorageError, type NeuromodDb, type ScenarioRecord } from './db.ts';
import { appendAudit } from './audit.ts';

export class StoredScenarioError extends Error {
  constructor(
    message: string,
    readonly issues: FieldIssue[],
  ) {
    super(message);
    this.name = 'StoredScenarioError';
  }
}

function newId(): string {
  return `scn-${crypto.randomUUID()}`;
}

/**
 * Validates and stores a scenario; returns its id. Nothing is written when validation fails.
 * The save is audited (attributed, hash-chained) in the same transaction.
 */
export async function saveScenario(
  scenario: unknown,
  id: string = newId(),
  db: NeuromodDb = appDb(),
): Promise<string> {
  const parsed = parseScenario(scenario);
  if (!parsed.ok) {
    throw new StoredScenarioError(
      `Scenario not saved: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      parsed.issues,
    );
  }
  const record: ScenarioRecord = {
    id,
    name: parsed.value.name,
    therapy: parsed.value.therapy,
    updatedAt: Date.now(),
    scenario: parsed.value,
  };
  try {
    await db.transaction('rw', db.scenarios, db.audit, db.settings, async () => {
      const before = await db.scenarios.get(id);
      await db.scenarios.put(record);
      await appendAudit(db, [
        {
          at: record.updatedAt,
          caseId: '',
          scenarioId: id,
          field: '(scenario)',
          oldValue: before ? `saved as "${before.name}"` : '(none)',
          newValue: `saved as "${record.name}"`,
        },
      ]);
    });
  } catch (e) {
    throw new Error(`Scenario not saved: ${describeStorageError(e)}`, { cause: e });
  }
  return id;
}

export interface ScenarioSummary {
  id: string;
  name: string;
  therapy: Scenario['therapy'];
  updatedAt: number;
}

export async function listScenarios(db: NeuromodDb = appDb()): Promise<ScenarioSummary[]> {
  const rows = await db.scenarios.orderBy('updatedAt').reverse().toArray();
  return rows.map(({ id, name, therapy, updatedAt }) => ({ id, name, therapy, updatedAt }));
}

/** Reads a stored scenario back through the schema: a corrupted record is reported by field. */
export async function loadScenario(id: string, db: NeuromodDb = appDb()): Promise<Scenario> {
  const row = await db.scenarios.get(id);
  if (!row) throw new StoredScenarioError(`No saved scenario with id ${id}`, []);
  const parsed = parseScenario(row.scenario);
  if (!parsed.ok) {
    throw new StoredScenarioError(
      `Saved scenario "${row.name}" is damaged: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      parsed.issues,
    );
  }
  return parsed.value;
}

/** Deletes a stored scenario; the deletion is audited in the same transaction. */
export async function deleteScenario(id: string, db: NeuromodDb = appDb()): Promise<void> {
  try {
    await db.transaction('rw', db.scenarios, db.audit, db.settings, async () => {
      const before = await db.scenarios.get(id);
      if (!before) return;
      await db.scenarios.delete(id);
      await appendAudit(db, [
        {
          at: Date.now(),
          caseId: '',
          scenarioId: id,
          field: '(scenario)',
          oldValue: `saved as "${before.name}"`,
          newValue: 'deleted',
        },
      ]);
    });
  } catch (e) {
    throw new Error(`Scenario not deleted: ${describeStorageError(e)}`, { cause: e });
  }
}

/** The audit rows of one scenario, oldest first. */
export async function scenarioAudit(id: string, db: NeuromodDb = appDb()) {
  return db.audit.where('scenarioId').equals(id).sortBy('seq');
}
