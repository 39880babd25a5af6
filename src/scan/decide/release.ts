/** The release-time migration module, and the deployment files already present. */
import type { Decider } from './types.js';

export const decideReleaseModule: Decider<'releaseModule'> = ({ facts }) => {
  const r = facts.releaseModules[0];
  return { value: r ? { file: r.file, module: r.module } : null, evidence: { releaseModule: r?.evidence } };
};

export const decideDeployFiles: Decider<'deployFiles'> = ({ facts, relOverlays }) => ({
  value: {
    dockerfiles: facts.dockerfiles.map((d) => d.file),
    flyTomls: facts.flyTomls.map((f) => f.file),
    k8s: [...new Set(facts.k8s.map((k) => k.file))],
    workflows: facts.workflows.map((w) => w.file),
    relOverlays,
    ...(facts.notDeployment.length ? { notDeployment: facts.notDeployment } : {}),
  },
});
