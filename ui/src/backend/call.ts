// How the UI calls the backend: one `invoke` per command (the generated `commands.ts` calls this),
// and errors turned into `BackendError` carrying the `{ code, message, problems }` payload.
import { invoke } from '@tauri-apps/api/core';
import type { ErrorCode, ErrorPayload } from './bindings';

/** An error from the backend, with the code the UI acts on. */
export class BackendError extends Error {
  readonly payload: ErrorPayload;

  constructor(payload: ErrorPayload) {
    super(payload.message.en);
    this.name = 'BackendError';
    this.payload = payload;
  }

  get code(): ErrorCode {
    return this.payload.code;
  }
}

function isPayload(value: unknown): value is ErrorPayload {
  return (
    typeof value === 'object' &&
    value !== null &&
    'code' in value &&
    'message' in value &&
    typeof (value as { message: unknown }).message === 'object'
  );
}

/** Turns whatever an invoke rejected with into a `BackendError`. */
export function toBackendError(reason: unknown): BackendError {
  if (reason instanceof BackendError) return reason;
  if (isPayload(reason)) return new BackendError({ ...reason, problems: reason.problems ?? [] });
  const detail = reason instanceof Error ? reason.message : String(reason);
  return new BackendError({
    code: 'storage',
    message: {
      ja: `アプリの内部でエラーが起きました（${detail}）。アプリを再起動してください。`,
      en: `Something went wrong inside the app (${detail}). Restart the app.`,
    },
    problems: [],
  });
}

/** Invokes `command` with its arguments; a rejection becomes a `BackendError`. */
export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toBackendError(reason);
  }
}
