/**
 * Reading an imported file, with its size checked first: `file.size` is known before any byte
 * is read, so a file above the limit is refused at once (a 50 MB file no longer freezes the
 * tab while it is read and parsed) and nothing else happens.
 */
import { MAX_IMPORT_BYTES, formatBytes } from '../../models/limits.ts';

/** What a file import needs of a File (a test can pass a plain object). */
export interface ReadableFile {
  name: string;
  size: number;
  text(): Promise<string>;
}

export type FileText =
  { ok: true; name: string; text: string } | { ok: false; name: string; message: string };

/** The message for a file above the limit: names the file, its size and the limit. */
export function tooLargeMessage(name: string, size: number, maxBytes = MAX_IMPORT_BYTES): string {
  return `${name} is ${formatBytes(size)}, above the import size limit of ${formatBytes(maxBytes)}; it was not read and nothing was changed.`;
}

/** Reads a file's text unless it is larger than `maxBytes` (checked before reading). */
export async function readFileWithinLimit(
  file: ReadableFile,
  maxBytes = MAX_IMPORT_BYTES,
): Promise<FileText> {
  if (!(file.size <= maxBytes)) {
    return { ok: false, name: file.name, message: tooLargeMessage(file.name, file.size, maxBytes) };
  }
  try {
    return { ok: true, name: file.name, text: await file.text() };
  } catch (e) {
    return {
      ok: false,
      name: file.name,
      message: `${file.name} could not be read: ${(e as Error).message}`,
    };
  }
}
