/**
 * The plan's files and patches with their diffs, for the HTML report: what `generate` would do to each
 * file on this disk, a new file shown whole as an all-added diff. Every diff is redacted (generated files
 * hold placeholders, but a diff of the user's own file may hold a value).
 */
import { unifiedDiff } from '../../plan/diff.js';
import type { PlanPreview } from '../../plan/preview.js';
import { redactText } from '../../scan/redact.js';
import { writeActionLabel } from '../write-action.js';

export interface PlanDiff {
  path: string;
  /** create, update, unchanged, skip (you edited it)…, or a patch's status. */
  action: string;
  description: string;
  diff: string;
}

export function planDiffs(p: PlanPreview): { files: PlanDiff[]; patches: PlanDiff[] } {
  const files = p.writes.map((w) => {
    const f = p.plan.files.find((x) => x.path === w.path);
    const diff = w.action === 'create' && f ? redactText(unifiedDiff(w.path, null, f.content)) : w.diff;
    return { path: w.path, action: writeActionLabel(w.action), description: f?.description ?? '', diff };
  });
  const patches = p.patches.map((x) => ({ path: x.file, action: x.status === 'applies' ? 'patch applies' : x.status === 'already-applied' ? 'patch already applied' : 'patch is stale', description: `${x.id}: ${x.description}`, diff: x.diff }));
  return { files, patches };
}
