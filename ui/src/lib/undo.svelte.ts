// The undo after a delete: one offer at a time ("「春の一斉清掃」を削除しました — 元に戻す"), shown at the
// bottom of every screen until it is used, dismissed, or replaced by the next delete.

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

export function dismissUndo(): void {
  undo.message = '';
  undo.run = null;
  undo.done = '';
}
