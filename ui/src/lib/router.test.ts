import { describe, expect, it } from 'vitest';
import { href, pageFromHash, pages, restFromHash } from './router.svelte';

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

describe('restFromHash', () => {
  it('returns the segments after the page', () => {
    expect(restFromHash('#/members/0190-ab')).toEqual(['0190-ab']);
    expect(restFromHash('#/members/new?x=1')).toEqual(['new']);
    expect(restFromHash('#/members')).toEqual([]);
  });

  it('round-trips segments through href', () => {
    expect(restFromHash(href('members', 'a b/c'))).toEqual(['a b/c']);
  });
});
