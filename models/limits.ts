/**
 * Limits on what crosses an edge (file import, share link, IndexedDB read, CLI input), checked
 * before and after schema parsing: the size of a text, the nesting depth of its JSON, and the
 * keys a schema does not know. Every refusal is a FieldIssue naming the field or the limit.
 * Pure functions, no recursion over untrusted input deeper than MAX_JSON_DEPTH.
 */

export interface LimitIssue {
  /** dotted path of the offending field ("" / "(file)" for the whole text) */
  path: string;
  message: string;
}

/**
 * Largest case or scenario file read: a 60-day trial (clinical.md §2.1 upper bound) with a
 * daily session each carrying a pinned scenario snapshot (≈ 10 KB canonical JSON) is ≈ 1 MB;
 * 8 MB leaves room for long notes and many cases per file while refusing a 50 MB paste at once.
 */
export const MAX_IMPORT_BYTES = 8 * 1024 * 1024;

/**
 * Deepest JSON nesting accepted. A case document nests 6 levels (case → trial → sessions → i →
 * programSnapshot → scenario → program → waveform → groups → i → contacts → i ≈ 12 at most);
 * 64 is far above any document this app writes and far below the engine's recursion limit.
 */
export const MAX_JSON_DEPTH = 64;

/** Longest single string kept in a record (a clinical note of ~30 pages of text). */
export const MAX_TEXT_CHARS = 100_000;

function byteLength(text: string): number {
  // UTF-8 length without allocating the encoded copy
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** The deepest bracket nesting of a JSON text, scanned without parsing (strings skipped). */
export function jsonNestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c)
        i++; // backslash: skip the escaped character
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x7b || ch === 0x5b) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (ch === 0x7d || ch === 0x5d) depth--;
  }
  return deepest;
}

export interface TextLimits {
  maxBytes?: number;
  maxDepth?: number;
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; issues: LimitIssue[] };

/**
 * Parses JSON text after checking its size and nesting depth, so that a huge or deeply nested
 * text is refused with the limit named instead of freezing the page or overflowing the stack.
 */
export function parseJsonWithinLimits(text: string, limits: TextLimits = {}): JsonParse {
  const maxBytes = limits.maxBytes ?? MAX_IMPORT_BYTES;
  const maxDepth = limits.maxDepth ?? MAX_JSON_DEPTH;
  // a JS string of n UTF-16 units holds at least n bytes of UTF-8: skip the count when far over
  const bytes = text.length > maxBytes ? text.length : byteLength(text);
  if (bytes > maxBytes) {
    return {
      ok: false,
      issues: [
        {
          path: '',
          message: `the file is ${formatBytes(bytes)}, above the import size limit of ${formatBytes(maxBytes)}`,
        },
      ],
    };
  }
  const depth = jsonNestingDepth(text);
  if (depth > maxDepth) {
    return {
      ok: false,
      issues: [
        {
          path: '',
          message: `the JSON nests ${depth} levels deep, above the nesting limit of ${maxDepth}`,
        },
      ],
    };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return {
      ok: false,
      issues: [{ path: '', message: `not valid JSON: ${(e as Error).message}` }],
    };
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Keys present in `raw` that the schema dropped from `parsed` (zod strips unknown keys
 * silently). A value the schema passed through unchanged (same reference: an opaque field)
 * is not looked into. Depth is bounded by the caller's MAX_JSON_DEPTH check.
 */
export function unknownKeys(raw: unknown, parsed: unknown, prefix = ''): LimitIssue[] {
  const out: LimitIssue[] = [];
  const visit = (r: unknown, p: unknown, path: string, depth: number) => {
    if (r === p || depth > MAX_JSON_DEPTH) return;
    if (Array.isArray(r) && Array.isArray(p)) {
      const n = Math.min(r.length, p.length);
      for (let i = 0; i < n; i++) visit(r[i], p[i], path ? `${path}.${i}` : String(i), depth + 1);
    } else if (isPlainObject(r) && isPlainObject(p)) {
      for (const key of Object.keys(r)) {
        const child = path ? `${path}.${key}` : key;
        if (!Object.prototype.hasOwnProperty.call(p, key)) {
          out.push({
            path: child,
            message: 'unknown field: this version of the app does not know it (it would be lost)',
          });
        } else visit(r[key], p[key], child, depth + 1);
      }
    }
  };
  visit(raw, parsed, prefix, 0);
  return out;
}

/** Every string longer than MAX_TEXT_CHARS, by path. */
export function overlongStrings(value: unknown, maxChars = MAX_TEXT_CHARS): LimitIssue[] {
  const out: LimitIssue[] = [];
  const visit = (v: unknown, path: string, depth: number) => {
    if (depth > MAX_JSON_DEPTH) return;
    if (typeof v === 'string') {
      if (v.length > maxChars)
        out.push({
          path,
          message: `text of ${v.length} characters is above the limit of ${maxChars}`,
        });
    } else if (Array.isArray(v))
      v.forEach((x, i) => visit(x, path ? `${path}.${i}` : String(i), depth + 1));
    else if (isPlainObject(v))
      for (const [k, x] of Object.entries(v)) visit(x, path ? `${path}.${k}` : k, depth + 1);
  };
  visit(value, '', 0);
  return out;
}

/** Depth of an already parsed value (for objects that did not come from text, e.g. IndexedDB). */
export function valueDepth(value: unknown, stopAt = MAX_JSON_DEPTH + 1): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop() as [unknown, number];
    if (d > deepest) deepest = d;
    if (deepest >= stopAt) return deepest + 1;
    if (v !== null && typeof v === 'object') {
      const children = Array.isArray(v) ? v : Object.values(v);
      for (const c of children) if (c !== null && typeof c === 'object') stack.push([c, d + 1]);
    }
  }
  return deepest + (value !== null && typeof value === 'object' ? 1 : 0);
}
