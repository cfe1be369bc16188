import { describe, expect, it } from 'vitest';
import { href, pageFromHash, pages } from './router.svelte';

describe('pageFromHash', () => {
  it('opens the named page', () => {
    expect(pageFromHash('#/members')).toBe('members');
    expect(pageFromHash('#/settings?tab=data')).toBe('settings');
    expect(pageFromHash('#/grants/123')).toBe('grants');
  });

  it('falls back to Home for an empty or unknown hash', () => {
    expect(pageFromHash('')).toBe('home');
    expect(pageFromHash('#/nope')).toBe('home');
  });

  it('round-trips every page through its link', () => {
    for (const p of pages) expect(pageFromHash(href(p))).toBe(p);
  });
});
