// Every screen but Home is its own file, loaded the first time it is opened: the window starts with
// only the code Home needs (on an old office PC, reading the code of every screen before the first one
// is shown takes longer than that screen's data), and the rest load in the background while Home is
// shown (`preloadScreens`), so opening any of them later does not wait.

import type { ComponentProps } from 'svelte';

const loaders = {
  members: () => import('../pages/members/Members.svelte'),
  accounts: () => import('../pages/accounts/Accounts.svelte'),
  events: () => import('../pages/events/Events.svelte'),
  meetings: () => import('../pages/meetings/Meetings.svelte'),
  plan: () => import('../pages/plan/Plan.svelte'),
  grants: () => import('../pages/grants/Grants.svelte'),
  submissions: () => import('../pages/submissions/Submissions.svelte'),
  settings: () => import('../pages/Settings.svelte'),
  print: () => import('../pages/print/Print.svelte'),
  welcome: () => import('../pages/Welcome.svelte'),
};

export type Screen = keyof typeof loaders;
type Loaded<S extends Screen> = Awaited<ReturnType<(typeof loaders)[S]>>;
/** What the screen's component takes. */
export type ScreenProps<S extends Screen> = ComponentProps<Loaded<S>['default']>;

const loading = new Map<Screen, Promise<unknown>>();

/** The screen's module: loaded once, then the same (already settled) promise every time. */
export function screen<S extends Screen>(name: S): Promise<Loaded<S>> {
  let module = loading.get(name);
  if (!module) {
    module = loaders[name]();
    // A failed load is tried again the next time the screen is opened.
    module.catch(() => loading.delete(name));
    loading.set(name, module);
  }
  return module as Promise<Loaded<S>>;
}

/** Loads every screen's code, one after another, without blocking the window. */
export async function preloadScreens(): Promise<void> {
  for (const name of Object.keys(loaders) as Screen[]) {
    await screen(name).catch(() => undefined);
  }
}
