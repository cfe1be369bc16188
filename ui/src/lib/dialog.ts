// A question asked inside the page (sign the minutes? close the year? restore this backup?) behaves
// as a dialog: it takes the focus when it opens (its first button), Escape closes it, and the focus
// goes back to the control that opened it (found by its data-testid: the page may have drawn it anew).

interface Dialog {
  /** Closes the dialog (Escape). */
  close: () => void;
  /** The data-testid of the control the focus goes back to. */
  returnTo: string;
}

/** Svelte action: `<div role="alertdialog" use:inlineDialog={{ close, returnTo: 'minutes-advance' }}>`. */
export function inlineDialog(node: HTMLElement, dialog: Dialog) {
  let current = dialog;
  if (!node.contains(document.activeElement)) {
    (node.querySelector<HTMLElement>('button:not([disabled])') ?? node).focus();
  }
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopPropagation();
    current.close();
  };
  node.addEventListener('keydown', onKey);
  return {
    update(next: Dialog) {
      current = next;
    },
    destroy() {
      node.removeEventListener('keydown', onKey);
      const returnTo = current.returnTo;
      // After the page has drawn what replaces the dialog; unless the focus went somewhere on purpose.
      setTimeout(() => {
        if (document.activeElement && document.activeElement !== document.body) return;
        document.querySelector<HTMLElement>(`[data-testid="${returnTo}"]`)?.focus();
      });
    },
  };
}
