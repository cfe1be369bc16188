// A small hash router: `#/members` opens Members. Hash links keep every screen addressable (Home's
// entries link to where each thing is handled) without a server.

export const pages = ['home', 'members', 'accounts', 'events', 'meetings', 'plan', 'grants', 'submissions', 'settings'] as const;

/** Pages outside the menu (print views fill the window without the frame). */
export const hiddenPages = ['print'] as const;
export type Page = (typeof pages)[number] | (typeof hiddenPages)[number];

/** The page a hash names; anything unknown opens Home. */
export function pageFromHash(hash: string): Page {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return [...pages, ...hiddenPages].includes(name as Page) ? (name as Page) : 'home';
}

/** The path segments after the page name: `#/members/abc` → `['abc']`. */
export function restFromHash(hash: string): string[] {
  const path = hash.replace(/^#\/?/, '').split('?')[0] ?? '';
  return path.split('/').slice(1).filter(Boolean).map(decodeURIComponent);
}

const initial = typeof location === 'undefined' ? '' : location.hash;
export const route = $state<{ page: Page; rest: string[] }>({
  page: pageFromHash(initial),
  rest: restFromHash(initial),
});

/** Unsaved changes: a form marked `data-guard` that was typed in and not yet saved (`dirty`), and the
 * address the user tried to open meanwhile (`pending`), held until they choose to leave or stay. */
export const guard = $state<{ dirty: boolean; pending: string | null }>({ dirty: false, pending: null });

/** The form typed in: a form closed without saving (「やめる」, a row's edit put away) is gone from the
 * page, and its changes were dropped on purpose, so leaving then asks nothing. */
let dirtyForm: Element | null = null;

/** Marks `form` as typed in and not saved. */
export function markDirty(form: Element): void {
  dirtyForm = form;
  guard.dirty = true;
}

/** Whether the page holds typed, unsaved changes still on screen. */
export function unsaved(): boolean {
  return guard.dirty && (dirtyForm === null || dirtyForm.isConnected);
}

let current = initial;

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => {
    if (unsaved() && location.hash !== current) {
      // Put the address back (no second hashchange) and ask first.
      guard.pending = location.hash;
      history.replaceState(history.state, '', current || '#/');
      return;
    }
    current = location.hash;
    guard.dirty = false;
    route.page = pageFromHash(location.hash);
    route.rest = restFromHash(location.hash);
  });
}

/** Leaves for the held address, dropping the unsaved changes. */
export function leaveAnyway(): void {
  const to = guard.pending;
  guard.dirty = false;
  guard.pending = null;
  if (to !== null) location.hash = to;
}

/** Stays on the page with the unsaved changes. */
export function stay(): void {
  guard.pending = null;
}

export function href(page: Page, ...rest: string[]): string {
  return `#/${[page, ...rest.map(encodeURIComponent)].join('/')}`;
}

export function go(page: Page, ...rest: string[]): void {
  location.hash = href(page, ...rest);
}
