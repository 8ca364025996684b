/**
 * Issue #17 item 3: a file above the import limit is refused by its size, before any byte is
 * read, with a message naming the file, its size and the limit (models/limits.ts: 8 MB).
 */
import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES } from '../../../models/limits.ts';
import { readFileWithinLimit } from '../../../src/storage/fileRead.ts';

function fakeFile(name: string, size: number, content = '{}') {
  const file = {
    name,
    size,
    reads: 0,
    text: async () => {
      file.reads++;
      return content;
    },
  };
  return file;
}

describe('readFileWithinLimit', () => {
  it('a 50 MB file is refused without being read, the limit named', async () => {
    const f = fakeFile('huge-case.json', 50 * 1024 * 1024);
    const r = await readFileWithinLimit(f);
    expect(r).toEqual({
      ok: false,
      name: 'huge-case.json',
      message:
        'huge-case.json is 50.0 MB, above the import size limit of 8.0 MB; it was not read and nothing was changed.',
    });
    expect(f.reads).toBe(0);
  });

  it('exactly the limit is read; one byte more is refused', async () => {
    const at = fakeFile('at.json', MAX_IMPORT_BYTES, '{"a":1}');
    expect(await readFileWithinLimit(at)).toEqual({ ok: true, name: 'at.json', text: '{"a":1}' });
    const over = fakeFile('over.json', MAX_IMPORT_BYTES + 1);
    expect((await readFileWithinLimit(over)).ok).toBe(false);
    expect(over.reads).toBe(0);
  });

  it('a smaller limit is named as given', async () => {
    const r = await readFileWithinLimit(fakeFile('demo.json', 3 * 1024 * 1024), 1024 * 1024);
    expect(r.ok === false && r.message).toMatch(/3\.0 MB, above the import size limit of 1\.0 MB/);
  });

  it('a size that is not a number is refused (never read)', async () => {
    const f = fakeFile('odd.json', Number.NaN);
    expect((await readFileWithinLimit(f)).ok).toBe(false);
    expect(f.reads).toBe(0);
  });

  it('a read failure becomes a message, not an exception', async () => {
    const f = {
      name: 'gone.json',
      size: 10,
      text: () => Promise.reject(new Error('NotReadableError')),
    };
    expect(await readFileWithinLimit(f)).toEqual({
      ok: false,
      name: 'gone.json',
      message: 'gone.json could not be read: NotReadableError',
    });
  });
});
