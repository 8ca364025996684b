/**
 * A demo as a link or a file: two scenarios (A and B), canonical JSON, lz-string in the URL
 * fragment (`#demo=…`; the fragment never reaches a server). Both parse through
 * `parseScenario`, so a bad link names the bad field and loads nothing.
 */
import { compressToEncodedURIComponent } from 'lz-string';
import { MAX_LINK_TEXT_CHARS, announceRefusedLink, unpackLinkJson } from '../app/shareLink.ts';
import {
  canonicalJson,
  parseScenario,
  type FieldIssue,
  type Scenario,
} from '../../models/scenario.ts';

export const DEMO_FILE_KIND = 'neuromod-demo';
export const DEMO_FILE_VERSION = 1;

export interface DemoPair {
  a: Scenario;
  b: Scenario;
}

export interface DemoFile extends DemoPair {
  kind: typeof DEMO_FILE_KIND;
  version: typeof DEMO_FILE_VERSION;
  /** result hashes at export, for comparison on replay */
  hashes?: { a?: string; b?: string };
}

export type DemoParse = { ok: true; value: DemoPair } | { ok: false; issues: FieldIssue[] };

export interface DemoLinkOptions {
  /** open in presentation mode (large-screen layout): `&present=1` */
  present?: boolean;
}

export function encodeDemoFragment(pair: DemoPair, options: DemoLinkOptions = {}): string {
  const packed = `demo=${compressToEncodedURIComponent(canonicalJson({ a: pair.a, b: pair.b }))}`;
  return options.present ? `${packed}&present=1` : packed;
}

export function demoUrl(pair: DemoPair, base: string, options: DemoLinkOptions = {}): string {
  const url = new URL('/learn/demo', base);
  url.hash = encodeDemoFragment(pair, options);
  return url.toString();
}

export type PresentParse = { present: boolean; issue?: FieldIssue };

/**
 * Reads the `present` parameter of a demo fragment: `1` or `0`; absent means off. Any other
 * value is named in an issue and falls back to off (the pair itself still loads).
 */
export function decodePresentParam(hash: string): PresentParse {
  const raw = new URLSearchParams(hash.replace(/^#/, '')).get('present');
  if (raw === null || raw === '0') return { present: false };
  if (raw === '1') return { present: true };
  const shown = raw.length > 20 ? `${raw.slice(0, 20)}…` : raw;
  return {
    present: false,
    issue: {
      path: 'present',
      message: `expected 1 or 0, got "${shown}"; the demo opens without presentation mode`,
    },
  };
}

export function parseDemoObject(raw: unknown): DemoParse {
  if (typeof raw !== 'object' || raw === null) {
    return { ok: false, issues: [{ path: '(root)', message: 'a demo must be a JSON object' }] };
  }
  const o = raw as Record<string, unknown>;
  const issues: FieldIssue[] = [];
  const a = parseScenario(o.a);
  const b = parseScenario(o.b);
  if (!a.ok) issues.push(...a.issues.map((i) => ({ ...i, path: `a.${i.path}` })));
  if (!b.ok) issues.push(...b.issues.map((i) => ({ ...i, path: `b.${i.path}` })));
  if (!a.ok || !b.ok) return { ok: false, issues };
  return { ok: true, value: { a: a.value, b: b.value } };
}

/** Reads a demo from a URL fragment; null when the fragment holds none. */
export function decodeDemoFragment(hash: string): DemoParse | null {
  const packed = new URLSearchParams(hash.replace(/^#/, '')).get('demo');
  if (packed === null) return null;
  // a demo holds two scenarios
  const json = unpackLinkJson(packed, 2 * MAX_LINK_TEXT_CHARS);
  const result = json.ok ? parseDemoObject(json.value) : json;
  if (!result.ok) announceRefusedLink('demo link', result.issues);
  return result;
}

export function demoFileText(pair: DemoPair, hashes?: DemoFile['hashes']): string {
  const file: DemoFile = {
    kind: DEMO_FILE_KIND,
    version: DEMO_FILE_VERSION,
    ...pair,
    ...(hashes ? { hashes } : {}),
  };
  return `${canonicalJson(file)}\n`;
}

export function parseDemoFile(text: string): DemoParse {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, issues: [{ path: '(file)', message: 'the file is not valid JSON' }] };
  }
  const o = raw as Record<string, unknown> | null;
  if (!o || o.kind !== DEMO_FILE_KIND) {
    return { ok: false, issues: [{ path: 'kind', message: `expected "${DEMO_FILE_KIND}"` }] };
  }
  if (o.version !== DEMO_FILE_VERSION) {
    return {
      ok: false,
      issues: [{ path: 'version', message: `expected version ${DEMO_FILE_VERSION}` }],
    };
  }
  return parseDemoObject(o);
}
