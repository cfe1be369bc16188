import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../backend';
import { applyEvent, fixHref, requestFromHash, sizeText } from './submissions';

function entry(id: string, created: string, state: OutboxEntry['state'] = { state: 'waiting' }): OutboxEntry {
  return {
    package_id: id,
    purpose: 'performance_report',
    title: { ja: '実績報告（令和7年度）', en: 'Performance report (令和7年度)' },
    fiscal_year: 2025,
    file_name: `performance-report_2025_${id}.zip`,
    size: 2048,
    sha256: 'ab',
    created_at: created,
    state,
    attempts: 0,
    copies: [],
  };
}

describe('fixHref', () => {
  it('sends a grant item to the part of the application where it is fixed', () => {
    expect(fixHref('settlement', 'app1')).toBe('#/grants/app1/settlement');
    expect(fixHref('receipts_reviewed', 'app1')).toBe('#/grants/app1/expenses');
    expect(fixHref('completed_on', 'app1')).toBe('#/grants/app1/edit');
    expect(fixHref('budget', 'app1')).toBe('#/grants/app1/budget');
  });

  it('sends a council item to its screen, and has nothing for what the app cannot fix', () => {
    expect(fixHref('officers', null)).toBe('#/members/officers');
    expect(fixHref('general_meeting_minutes', 'app1')).toBe('#/meetings');
    expect(fixHref('document_4', 'app1')).toBeNull();
    expect(fixHref('budget', null)).toBeNull();
  });
});

describe('applyEvent', () => {
  it('replaces a changed package in place of its old record and keeps newest first', () => {
    const list = [entry('b', '2026-11-23T02:00:00Z'), entry('a', '2026-11-23T01:00:00Z')];
    const delivered = entry('a', '2026-11-23T01:00:00Z', {
      state: 'delivered',
      at: '2026-11-23T03:00:00Z',
      location: 'http://127.0.0.1/x.zip',
      already_there: false,
    });
    const next = applyEvent(list, { event: 'changed', entry: delivered });
    expect(next.map((e) => e.package_id)).toEqual(['b', 'a']);
    expect(next[1]?.state.state).toBe('delivered');
    const added = applyEvent(next, { event: 'changed', entry: entry('c', '2026-11-23T04:00:00Z') });
    expect(added.map((e) => e.package_id)).toEqual(['c', 'b', 'a']);
    expect(applyEvent(added, { event: 'removed', package_id: 'b' }).map((e) => e.package_id)).toEqual(['c', 'a']);
    expect(applyEvent(added, { event: 'progress', package_id: 'c', sent: 1, total: 2 })).toBe(added);
  });
});

describe('requestFromHash and sizeText', () => {
  it('reads the purpose and application from a link', () => {
    expect(requestFromHash('#/submissions?purpose=claim&id=0190-ab')).toEqual({ purpose: 'claim', id: '0190-ab' });
    expect(requestFromHash('#/submissions')).toEqual({ purpose: null, id: null });
  });

  it('says sizes as people read them', () => {
    expect(sizeText(512)).toBe('512 B');
    expect(sizeText(2048)).toBe('2.0 KB');
    expect(sizeText(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});
