// The undo after a delete: one offer at a time ("「春の一斉清掃」を削除しました — 元に戻す"), shown at the
// bottom of every screen until it is used, dismissed, or replaced by the next delete.

import { backend } from '../backend';
import { deletedName, t } from './i18n.svelte';

export const undo = $state<{ message: string; run: (() => Promise<void>) | null; done: string }>({
  message: '',
  run: null,
  done: '',
});

/** Offers to undo what was just deleted. */
export function offerUndo(message: string, run: () => Promise<void>): void {
  undo.message = message;
  undo.run = run;
  undo.done = '';
}

/** Offers to bring back the record `id` just deleted, from 「削除した記録」, then runs `after`. */
export async function offerRestore(id: string, after: () => Promise<void> | void): Promise<void> {
  const entry = (await backend.deletedHouseholds()).find((d) => d.entity_id === id);
  if (!entry) return;
  offerUndo(`${deletedName(entry)}${t('undo.deleted')}`, async () => {
    await backend.restoreHousehold(entry.seq);
    await after();
  });
}

export function dismissUndo(): void {
  undo.message = '';
  undo.run = null;
  undo.done = '';
}
