/**
 * A small CSV reader (RFC 4180 quoting: `"3,1500,4"`, `""` for a quote inside quotes). Blank
 * lines and lines starting with `#` are skipped; every row keeps its line number for messages.
 */
import { UsageError } from './io.ts';

export interface CsvRow {
  /** line number in the file (1 = the header) */
  line: number;
  cells: string[];
}

function splitLine(text: string, line: number, file: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === ',') {
      cells.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  if (quoted) throw new UsageError(`${file} line ${line}: a quoted value is not closed`);
  cells.push(cell.trim());
  return cells;
}

/** The header and the data rows of a CSV text. */
export function parseCsv(text: string, file: string): { header: string[]; rows: CsvRow[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let header: string[] | undefined;
  const rows: CsvRow[] = [];
  lines.forEach((raw, i) => {
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    const cells = splitLine(raw, i + 1, file);
    if (!header) header = cells;
    else rows.push({ line: i + 1, cells });
  });
  if (!header) throw new UsageError(`${file}: empty (expected a header line naming the columns)`);
  return { header, rows };
}
