/** How a plan's file write is named in the text and HTML reports. */
const LABELS: Record<string, string> = {
  create: 'create',
  update: 'update',
  unchanged: 'unchanged',
  'skip-user-edited': 'skip (you edited it)',
  'skip-not-owned': 'skip (not written by phoenix-ops)',
  'overwrite-forced': 'overwrite (--force)',
};

/** The label of a write action (create, skip (you edited it)…), or the action itself when it has none. */
export const writeActionLabel = (action: string): string => LABELS[action] ?? action;
