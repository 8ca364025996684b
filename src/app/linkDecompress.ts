/**
 * Decompression of the URI-safe lz-string encoding used by share and demo links, with a cap on
 * the output. lz-string's own decoder has none: each code can add one character to the longest
 * phrase so far, so a crafted 65 KB link unpacks to hundreds of millions of characters and
 * freezes the tab. This decoder reads the same format (LZW-style codes of growing width, six
 * bits per URI character, codes 0/1 = literal 8/16-bit character, 2 = end of stream) and stops
 * as soon as the output would pass `maxChars`.
 */

/** The 64 characters of lz-string's URI-safe alphabet, in value order. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
const VALUE = new Map([...ALPHABET].map((c, i) => [c, i] as const));
const BITS_PER_CHAR = 6;

export type LinkDecompress =
  { ok: true; text: string } | { ok: false; reason: 'too-large' | 'corrupt'; message: string };

export function decompressLinkPayload(packed: string, maxChars: number): LinkDecompress {
  const corrupt = (message: string): LinkDecompress => ({ ok: false, reason: 'corrupt', message });
  if (packed.length === 0) return corrupt('the link holds no data');
  for (const ch of packed) {
    if (!VALUE.has(ch)) return corrupt(`the link holds a character ("${ch}") a link never has`);
  }
  let index = 0;
  let value = VALUE.get(packed[0] as string) as number;
  let position = 1 << (BITS_PER_CHAR - 1);
  const readBits = (count: number): number => {
    let bits = 0;
    for (let power = 0; power < count; power++) {
      const bit = value & position;
      position >>= 1;
      if (position === 0) {
        position = 1 << (BITS_PER_CHAR - 1);
        index++;
        // past the end reads as zero bits, as lz-string's decoder does
        value = index < packed.length ? (VALUE.get(packed[index] as string) as number) : 0;
      }
      if (bit) bits |= 1 << power;
    }
    return bits;
  };

  const dictionary: string[] = ['', '', ''];
  let dictSize = 4;
  let numBits = 3;
  let enlargeIn = 4;
  const first = readBits(2);
  if (first === 2) return { ok: true, text: '' };
  if (first !== 0 && first !== 1) return corrupt('the link does not start like a link');
  let w = String.fromCharCode(readBits(first === 0 ? 8 : 16));
  dictionary[3] = w;
  const parts: string[] = [w];
  let total = w.length;
  for (;;) {
    if (index >= packed.length) return corrupt('the link is truncated');
    let code = readBits(numBits);
    if (code === 0 || code === 1) {
      dictionary[dictSize] = String.fromCharCode(readBits(code === 0 ? 8 : 16));
      code = dictSize++;
      enlargeIn--;
    } else if (code === 2) return { ok: true, text: parts.join('') };
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
    let entry: string;
    const known = dictionary[code];
    if (known !== undefined && code < dictSize) entry = known;
    else if (code === dictSize) entry = w + w.charAt(0);
    else return corrupt('the link is damaged (an unknown code)');
    total += entry.length;
    if (total > maxChars) {
      return {
        ok: false,
        reason: 'too-large',
        message: `the link unpacks to more than ${maxChars.toLocaleString('en-GB')} characters (the limit for a link)`,
      };
    }
    parts.push(entry);
    dictionary[dictSize++] = w + entry.charAt(0);
    enlargeIn--;
    w = entry;
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
  }
}
