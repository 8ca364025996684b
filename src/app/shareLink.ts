import { compressToEncodedURIComponent } from 'lz-string';
import {
  canonicalJson,
  parseScenario,
  type FieldIssue,
  type ParseResult,
  type Scenario,
} from '../../models/scenario.ts';
import { parseJsonWithinLimits } from '../../models/limits.ts';
import { reportStorageProblem } from '../storage/db.ts';
import { decompressLinkPayload } from './linkDecompress.ts';

/**
 * Longest link payload read (URI characters). Browsers keep URLs up to 2 MB (Chromium's
 * kMaxURLChars); a scenario with 5 000 characters of notes packs to ≈ 20 000 characters.
 */
export const MAX_LINK_CHARS = 100_000;
/**
 * Most characters a link may unpack to: a scenario at every schema maximum (4 leads, 128
 * contacts, 64 pain regions, 5 000 characters of notes) is < 32 000 characters of JSON.
 */
export const MAX_LINK_TEXT_CHARS = 64_000;

/**
 * Unpacks a link payload (share or demo) to JSON, within the size limits; the issue names the
 * limit a hostile or damaged link breaks.
 */
export function unpackLinkJson(
  packed: string,
  maxTextChars = MAX_LINK_TEXT_CHARS,
): { ok: true; value: unknown } | { ok: false; issues: FieldIssue[] } {
  if (packed.length > MAX_LINK_CHARS) {
    return {
      ok: false,
      issues: [
        {
          path: '(link)',
          message: `the link is ${packed.length.toLocaleString('en-GB')} characters long, above the limit of ${MAX_LINK_CHARS.toLocaleString('en-GB')}`,
        },
      ],
    };
  }
  const unpacked = decompressLinkPayload(packed.replace(/ /g, '+'), maxTextChars);
  if (!unpacked.ok) return { ok: false, issues: [{ path: '(link)', message: unpacked.message }] };
  if (unpacked.text === '')
    return {
      ok: false,
      issues: [{ path: '(link)', message: 'the link is truncated or holds no data' }],
    };
  const json = parseJsonWithinLimits(unpacked.text);
  if (!json.ok) {
    return {
      ok: false,
      issues: json.issues.map((i) => ({
        path: '(link)',
        message: i.message.startsWith('not valid JSON')
          ? 'the link does not hold valid JSON'
          : i.message,
      })),
    };
  }
  return json;
}

/** Says app-wide (whatever panel is open) that a link was refused and why. */
export function announceRefusedLink(what: string, issues: readonly FieldIssue[]): void {
  const first = issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`);
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  reportStorageProblem({
    kind: 'link-refused',
    message: `The ${what} was not loaded, nothing was changed: ${first.join('; ')}${more}.`,
  });
}

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

/**
 * Reads a scenario from a fragment; null when the fragment holds none. A refused link is also
 * announced app-wide, so the message shows whichever planner panel is open.
 */
export function decodeScenarioFragment(hash: string): ParseResult<Scenario> | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const packed = params.get(KEY);
  if (packed === null) return null;
  const json = unpackLinkJson(packed);
  const result: ParseResult<Scenario> = json.ok ? parseScenario(json.value) : json;
  if (!result.ok) announceRefusedLink('share link', result.issues);
  return result;
}
