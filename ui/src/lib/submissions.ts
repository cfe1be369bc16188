// What the 提出 page works out from the backend's records: where to fix a checklist item, a
// package's size in words, the outbox list after an event, and the request a link carries.
import type { OutboxEntry, OutboxEvent } from '../backend';
import { href } from './router.svelte';

/** The screen where a missing checklist item is fixed (`record`: the grant application, if any). */
export function fixHref(key: string, record: string | null): string | null {
  const council: Record<string, string> = {
    officers: href('members', 'officers'),
    president: href('members', 'officers'),
    events: href('events'),
    event_photos: href('events'),
    meetings: href('meetings'),
    general_meeting_minutes: href('meetings'),
    plan_review: href('plan'),
  };
  if (record) {
    const grant: Record<string, string> = {
      status: href('grants', record),
      budget: href('grants', record, 'budget'),
      budget_change: href('grants', record, 'budget'),
      completed_on: href('grants', record, 'edit'),
      expenses: href('grants', record, 'expenses'),
      receipt_files: href('grants', record, 'expenses'),
      receipts_reviewed: href('grants', record, 'expenses'),
      settlement: href('grants', record, 'settlement'),
    };
    if (key in grant) return grant[key] ?? null;
  }
  return council[key] ?? null;
}

/** Bytes as people read them: `12.3 KB`, `4.5 MB`. */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The outbox list after an event: a changed entry replaces its old record (or is added, newest
 * first); a removed one goes. Progress events leave the list as it is. */
export function applyEvent(list: OutboxEntry[], event: OutboxEvent): OutboxEntry[] {
  if (event.event === 'changed') {
    const rest = list.filter((e) => e.package_id !== event.entry.package_id);
    return [event.entry, ...rest].sort((a, b) => b.created_at.localeCompare(a.created_at));
  }
  if (event.event === 'removed') return list.filter((e) => e.package_id !== event.package_id);
  return list;
}

/** The purpose and application a link asks for: `#/submissions?purpose=performance_report&id=…`. */
export function requestFromHash(hash: string): { purpose: string | null; id: string | null } {
  const query = new URLSearchParams(hash.split('?')[1] ?? '');
  return { purpose: query.get('purpose'), id: query.get('id') };
}
