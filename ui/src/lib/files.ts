// Reading a file the officer chose for an import: a file larger than any roster or plan (the
// backend's limit) is refused here, before its bytes are read into the window.
import { MAX_IMPORT_BYTES } from '../backend';
import { t } from './i18n.svelte';

/** The file's bytes, or the message to show when it is too large to be an import. */
export async function readImportFile(file: File): Promise<{ bytes: number[] } | { error: string }> {
  if (file.size > MAX_IMPORT_BYTES) {
    return {
      error: t('import.tooLarge')
        .replace('{name}', file.name)
        .replace('{mb}', String(Math.ceil(file.size / 2 ** 20)))
        .replace('{limit}', String(MAX_IMPORT_BYTES / 2 ** 20)),
    };
  }
  return { bytes: Array.from(new Uint8Array(await file.arrayBuffer())) };
}
