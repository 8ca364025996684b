import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import {
  canonicalJson,
  parseScenario,
  type ParseResult,
  type Scenario,
} from '../../models/scenario.ts';

/** URL fragment key of a shared scenario: `#s=<lz-string, URI-safe>`. The fragment never reaches a server. */
const KEY = 's';

export function encodeScenarioFragment(scenario: Scenario): string {
  return `${KEY}=${compressToEncodedURIComponent(canonicalJson(scenario))}`;
}

export function shareUrl(scenario: Scenario, base: string): string {
  const url = new URL(base);
  url.hash = encodeScenarioFragment(scenario);
  return url.toString();
}

/** Reads a scenario from a fragment; null when the fragment holds none. */
export function decodeScenarioFragment(hash: string): ParseResult<Scenario> | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const packed = params.get(KEY);
  if (packed === null) return null;
  const text = decompressFromEncodedURIComponent(packed.replace(/ /g, '+'));
  if (!text) {
    return {
      ok: false,
      issues: [{ path: '(link)', message: 'the link is truncated or not a scenario link' }],
    };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return {
      ok: false,
      issues: [{ path: '(link)', message: 'the link does not hold valid JSON' }],
    };
  }
  return parseScenario(raw);
}
