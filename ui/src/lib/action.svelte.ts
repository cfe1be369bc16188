// One form's round trip to the backend: busy while it runs, the message said once it is done, or the
// backend's error and the problems to show beside the fields.
import { BackendError, type FieldProblem } from '../backend';
import { tr } from './i18n.svelte';

export class FormAction {
  busy = $state(false);
  message = $state<string | null>(null);
  error = $state<string | null>(null);
  problems = $state<FieldProblem[]>([]);

  /** The problem reported for `field`, if any. */
  problem = (field: string) => this.problems.find((p) => p.field === field)?.message;

  /** Runs `action`; says `done` when it succeeded, or shows why it did not (and answers `undefined`). */
  async run<T>(action: () => Promise<T>, done: string): Promise<T | undefined> {
    this.busy = true;
    this.message = null;
    this.error = null;
    this.problems = [];
    try {
      const result = await action();
      this.message = done;
      return result;
    } catch (e) {
      if (!(e instanceof BackendError)) throw e;
      this.error = tr(e.payload.message);
      this.problems = e.payload.problems;
      return undefined;
    } finally {
      this.busy = false;
    }
  }
}
