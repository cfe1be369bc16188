import { describe, expect, it } from 'vitest';
import { BackendError, toBackendError } from './index';

describe('toBackendError', () => {
  it('keeps the payload of a backend error', () => {
    const payload = {
      code: 'validation' as const,
      message: { ja: '名称を入力してください。', en: 'Enter the name.' },
      problems: [{ field: 'name', message: { ja: 'x', en: 'y' } }],
    };
    const e = toBackendError(payload);
    expect(e).toBeInstanceOf(BackendError);
    expect(e.code).toBe('validation');
    expect(e.payload.problems[0]?.field).toBe('name');
  });

  it('wraps anything else as a storage error that says to restart', () => {
    const e = toBackendError('command app_state not found');
    expect(e.code).toBe('storage');
    expect(e.payload.message.ja).toContain('command app_state not found');
    expect(e.payload.message.en).toContain('Restart the app');
  });
});
