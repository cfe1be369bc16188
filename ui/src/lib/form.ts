// Helpers for forms that show the backend's validation problems beside their fields.
import type { FieldProblem, Text } from '../backend/bindings';

/** The problem reported for `field`, if any. */
export function problemFor(problems: readonly FieldProblem[], field: string): Text | undefined {
  return problems.find((p) => p.field === field)?.message;
}
