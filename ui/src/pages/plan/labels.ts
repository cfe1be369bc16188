// Small labels the plan's screens share.
import { language } from '../../lib/i18n.svelte';

/** `第2版` / `Version 2`. */
export function versionLabel(n: number): string {
  return language() === 'en' ? `Version ${n}` : `第${n}版`;
}
