// A table wider than its box turns into cards (fitTables); a card (or a bare table's .table-scroll
// box) still wider than the window — a wide chart, a long unbroken name — scrolls sideways inside
// itself (the page never does).
// Keyboard users must be able to scroll it too, so while it scrolls and holds nothing focusable it
// joins the Tab order (WCAG 2.1.1; axe's scrollable-region-focusable).

const FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])';

/**
 * A table wider than its box becomes a list of cards instead of scrolling sideways: each row a card,
 * each cell labelled with its column's header (`data-label`, shown by app.css), the sortable headers
 * a row of buttons above. The table's roles are set explicitly so it is still read as a table.
 * Measured afresh each time (back to a table first), so a wider window or smaller text brings the
 * table back. Print previews keep their own layout.
 */
export function fitTables(root: ParentNode): void {
  for (const table of root.querySelectorAll<HTMLTableElement>('table.table')) {
    if (table.closest('[data-testid="print-pages"]')) continue;
    const box = table.parentElement;
    if (!box) continue;
    const was = table.classList.contains('stacked');
    if (was) table.classList.remove('stacked');
    // The box's room for content: its width less its padding.
    const style = getComputedStyle(box);
    const room = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const wide = Math.max(table.scrollWidth, table.getBoundingClientRect().width) > room + 1;
    if (wide) stack(table);
    else if (was) unstack(table);
  }
}

function stack(table: HTMLTableElement): void {
  const headers = [...(table.tHead?.rows[table.tHead.rows.length - 1]?.cells ?? [])].map((c) => ({
    span: c.colSpan,
    text: (c.textContent ?? '').replace(/[▲▼]/g, '').trim(),
  }));
  const labels: string[] = headers.flatMap((h) => Array<string>(h.span).fill(h.text));
  table.classList.add('stacked');
  table.setAttribute('role', 'table');
  for (const section of [table.tHead, ...table.tBodies, table.tFoot]) {
    if (!section) continue;
    section.setAttribute('role', 'rowgroup');
    for (const row of section.rows) {
      row.setAttribute('role', 'row');
      let column = 0;
      for (const cell of row.cells) {
        const header = cell.tagName === 'TH';
        cell.setAttribute('role', header ? (section === table.tHead ? 'columnheader' : 'rowheader') : 'cell');
        if (section !== table.tHead) {
          const label = labels[column] ?? '';
          if (label && cell.colSpan === 1) cell.dataset.label = label;
          else delete cell.dataset.label;
        }
        column += cell.colSpan;
      }
    }
  }
}

function unstack(table: HTMLTableElement): void {
  table.removeAttribute('role');
  for (const el of table.querySelectorAll<HTMLElement>('thead, tbody, tfoot, tr, th, td')) {
    el.removeAttribute('role');
    delete el.dataset.label;
  }
}

function update(root: ParentNode): void {
  fitTables(root);
  for (const card of root.querySelectorAll<HTMLElement>('.card, .table-scroll')) {
    const scrolls = card.scrollWidth > card.clientWidth + 1;
    const ours = card.dataset.scrollFocus === 'true';
    if (scrolls && !ours && !card.hasAttribute('tabindex') && !card.querySelector(FOCUSABLE)) {
      card.tabIndex = 0;
      card.dataset.scrollFocus = 'true';
    } else if (!scrolls && ours) {
      card.removeAttribute('tabindex');
      delete card.dataset.scrollFocus;
    }
  }
}

/** Watches the document for cards that start or stop scrolling; returns a function that stops. */
export function keepScrollableCardsReachable(root: HTMLElement = document.body): () => void {
  let pending = 0;
  const schedule = () => {
    if (!pending) pending = requestAnimationFrame(() => ((pending = 0), update(root)));
  };
  const mutations = new MutationObserver(schedule);
  mutations.observe(root, { childList: true, subtree: true, characterData: true });
  // The text size and the language change the widths too.
  mutations.observe(document.documentElement, { attributes: true, attributeFilter: ['data-text-scale', 'lang'] });
  window.addEventListener('resize', schedule);
  schedule();
  return () => {
    mutations.disconnect();
    window.removeEventListener('resize', schedule);
    cancelAnimationFrame(pending);
  };
}
