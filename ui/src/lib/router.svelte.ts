// A small hash router: `#/members` opens Members. Hash links keep every screen addressable (Home's
// entries link to where each thing is handled) without a server.

export const pages = ['home', 'members', 'events', 'meetings', 'plan', 'grants', 'submissions', 'settings'] as const;
export type Page = (typeof pages)[number];

/** The page a hash names; anything unknown opens Home. */
export function pageFromHash(hash: string): Page {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return (pages as readonly string[]).includes(name) ? (name as Page) : 'home';
}

export const route = $state<{ page: Page }>({
  page: typeof location === 'undefined' ? 'home' : pageFromHash(location.hash),
});

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => {
    route.page = pageFromHash(location.hash);
  });
}

export function href(page: Page): string {
  return `#/${page}`;
}
