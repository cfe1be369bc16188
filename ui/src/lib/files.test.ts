import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES } from '../backend/bindings';
import { readImportFile } from './files';

describe('readImportFile', () => {
  it('reads a file within the limit', async () => {
    const read = await readImportFile(new File([new Uint8Array([0x41, 0x2c, 0x42])], 'roster.csv'));
    expect(read).toEqual({ bytes: [0x41, 0x2c, 0x42] });
  });

  it('refuses a file larger than the backend reads, naming the file and the limit, without reading it', async () => {
    const big = new File([new Uint8Array(8)], 'huge.xlsx');
    Object.defineProperty(big, 'size', { value: MAX_IMPORT_BYTES + 1 });
    Object.defineProperty(big, 'arrayBuffer', {
      value: () => {
        throw new Error('read a file that was too large');
      },
    });
    const read = await readImportFile(big);
    expect('error' in read && read.error).toContain('huge.xlsx');
    expect('error' in read && read.error).toContain(`${MAX_IMPORT_BYTES / 2 ** 20} MB`);
  });
});
