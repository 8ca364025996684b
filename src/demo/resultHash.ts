import { canonicalJson } from '../../models/scenario.ts';

/** SHA-256 (hex) of the canonical JSON of a value: equal content, equal hash, on any machine. */
export async function contentHash(value: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(canonicalJson(value));
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The first 16 hex digits, grouped for reading aloud. */
export function shortHash(hex: string): string {
  return (hex.slice(0, 16).match(/.{4}/g) ?? []).join(' ');
}
