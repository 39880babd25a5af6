/** The plan as JSON (`plan --json`): no file contents, no secret values (there are none to show). */
import type { Estimate } from '../cost/types.js';
import type { PlanPreview } from '../plan/preview.js';

export function previewJson(p: PlanPreview, estimate: Estimate) {
  return {
    target: p.plan.target,
    files: p.plan.files.map((f) => {
      const w = p.writes.find((x) => x.path === f.path);
      return { path: f.path, description: f.description, mode: (f.mode ?? 0o644).toString(8), action: w?.action ?? 'create', reason: w?.reason ?? '', diff: w?.diff ?? '' };
    }),
    patches: p.patches.map((x) => ({ id: x.id, file: x.file, description: x.description, status: x.status, diff: x.diff })),
    secrets: p.plan.secrets,
    resources: p.plan.resources,
    steps: p.plan.steps,
    notes: p.plan.notes,
    preflight: p.preflight,
    estimate: { target: estimate.target, currency: estimate.currency, items: estimate.items, monthly: estimate.monthly, assumptions: estimate.assumptions },
  };
}
