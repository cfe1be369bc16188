// A card (or a bare table's .table-scroll box) whose table is wider than the window scrolls sideways
// inside itself (the page never does).
// Keyboard users must be able to scroll it too, so while it scrolls and holds nothing focusable it
// joins the Tab order (WCAG 2.1.1; axe's scrollable-region-focusable).

const FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])';

function update(root: ParentNode): void {
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
  window.addEventListener('resize', schedule);
  schedule();
  return () => {
    mutations.disconnect();
    window.removeEventListener('resize', schedule);
    cancelAnimationFrame(pending);
  };
}
