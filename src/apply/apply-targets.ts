/** The targets apply runs (those with an apply.ts in their folder), in their listed order, and each one's adapter. */
import type { Adapter } from './adapter.js';
import { targetAdapters } from './adapters/index.js';

export const APPLY_TARGETS: readonly string[] = [...targetAdapters].sort((a, b) => a.adapter.order - b.adapter.order).map((e) => e.target);

export class UnsupportedTargetError extends Error {
  constructor(target: string) {
    super(`apply does not run the ${target} target (it only generates files); choose one of: ${APPLY_TARGETS.join(', ')}`);
    this.name = 'UnsupportedTargetError';
  }
}

export function adapterFor(target: string): Adapter {
  const entry = targetAdapters.find((e) => e.target === target);
  if (!entry) throw new UnsupportedTargetError(target);
  return entry.adapter;
}
