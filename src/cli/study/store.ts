/**
 * The result store of a study: JSON lines, one finished job per line (study.ts StudyRecord).
 * Resumable: opening an existing store reads the jobs it holds (by id and scenario hash), so a
 * rerun appends only the missing ones. A last line cut short (a crash mid-write) is dropped
 * from the file before anything is appended; a malformed line elsewhere is an error that names
 * its line, and the file is left as it was.
 */
import { closeSync, existsSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';
import type { StudyRecord } from './study.ts';
import { recordLine } from './study.ts';

export class StoreError extends Error {}

export class ResultStore {
  /** jobs held, by `${jobId}:${scenarioHash}` (successes only: a failed job runs again) */
  readonly done = new Set<string>();
  /** lines dropped when opening: a last line cut short */
  readonly repaired: number;
  private fd: number;

  constructor(readonly path: string) {
    let repaired = 0;
    if (existsSync(path)) {
      const text = readFileSync(path, 'utf8');
      const lines = text.split('\n');
      let keepBytes = 0;
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i]!;
        const last = i === lines.length - 1;
        if (line === '') {
          if (!last) keepBytes += 1;
          continue;
        }
        let rec: StudyRecord;
        try {
          rec = JSON.parse(line) as StudyRecord;
          if (typeof rec.jobId !== 'string' || typeof rec.scenarioHash !== 'string')
            throw new Error('no jobId or scenarioHash');
        } catch (e) {
          // only the very last line may be cut short (no newline after it)
          if (last) {
            repaired = 1;
            break;
          }
          throw new StoreError(
            `${path}: line ${i + 1} is not a study record (${(e as Error).message})`,
          );
        }
        if (last) {
          // a complete record without its newline: keep it, finish the line
          keepBytes += Buffer.byteLength(line);
          truncateSync(path, keepBytes);
          writeFileEnd(path, '\n');
          keepBytes += 1;
        } else keepBytes += Buffer.byteLength(line) + 1;
        if (rec.error === undefined) this.done.add(`${rec.jobId}:${rec.scenarioHash}`);
      }
      if (repaired) truncateSync(path, keepBytes);
    }
    this.repaired = repaired;
    this.fd = openSync(path, 'a');
  }

  has(jobId: string, scenarioHash: string): boolean {
    return this.done.has(`${jobId}:${scenarioHash}`);
  }

  /** Appends a record (one write per line) unless its job is already held. */
  add(r: StudyRecord): boolean {
    if (r.error === undefined && this.has(r.jobId, r.scenarioHash)) return false;
    writeSync(this.fd, `${recordLine(r)}\n`);
    if (r.error === undefined) this.done.add(`${r.jobId}:${r.scenarioHash}`);
    return true;
  }

  close(): void {
    closeSync(this.fd);
  }
}

function writeFileEnd(path: string, text: string) {
  const fd = openSync(path, 'a');
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}
