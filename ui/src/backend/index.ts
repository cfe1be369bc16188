// The one module through which the UI talks to the Rust backend: the commands generated from the
// command list (`commands.ts`), their types (`bindings.ts`), and the errors they reject with.
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type { OutboxEvent } from './bindings';
import { commands } from './commands';

export type * from './bindings';
export { BackendError, toBackendError } from './call';
export { MAX_IMPORT_BYTES } from './bindings';

/** The backend's commands, one typed function each (generated: `make bindings`). */
export const backend = commands;

/** Calls `handler` with every change of the outbox and the upload's progress, as the background
 * delivery reports them; returns the function that stops listening. */
export function onOutboxEvent(handler: (event: OutboxEvent) => void): Promise<UnlistenFn> {
  return listen<OutboxEvent>('outbox', (e) => handler(e.payload));
}
