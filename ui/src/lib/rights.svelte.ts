// What this PC's window offers to change: on a shared council, only the areas its officer's role
// may change (the other PCs refuse the rest anyway); the others are shown to read, with a note.
import { backend, type Area, type Role, type SyncStatus } from '../backend';
import type { Page } from './router.svelte';

export const rights = $state<{ areas: Area[] | null; role: Role | null }>({ areas: null, role: null });

/** Reads this PC's role and areas (after start, after joining, after a sync). */
export async function loadRights(): Promise<void> {
  try {
    applyRights(await backend.syncStatus());
  } catch {
    // Not known: the backend still refuses what the role may not do.
  }
}

/** Takes this PC's role and areas from a sharing status just read. */
export function applyRights(status: SyncStatus): void {
  rights.areas = status.shared ? status.may_edit : null;
  rights.role = status.shared ? (status.role ?? null) : null;
}

/** Whether this PC's window offers changes in `area`. */
export function can(area: Area): boolean {
  return rights.areas === null || rights.areas.includes(area);
}

/** The area a page (and its first sub-path) belongs to; `null` for pages that are not one area. */
export function areaOf(page: Page, rest: string[]): Area | null {
  switch (page) {
    case 'members':
      return rest[0] === 'dues' ? 'dues' : 'roster';
    case 'accounts':
      return 'accounts';
    case 'events':
      return 'events';
    case 'meetings':
      return 'meetings';
    case 'plan':
      return 'plan';
    case 'grants':
    case 'submissions':
      return 'grants';
    default:
      return null;
  }
}
