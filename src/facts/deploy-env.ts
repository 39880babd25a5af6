/** Where the deploy files already in the repository set an env var: a prod Dockerfile ENV, fly.toml [env], rel/env.sh.eex. */
import { dockerEnvPairs } from '../scan/extract/deploy-files.js';
import type { Evidence, Profile } from '../scan/profile.js';
import { computedBy } from './computed.js';
import { prodDockerfiles } from './dockerfile.js';

export interface DeployEnvSet {
  /** Where it is set: a prod Dockerfile ENV, fly.toml [env], or rel/env.sh.eex. */
  source: 'dockerfile' | 'fly.toml' | 'env.sh.eex';
  value: string;
  evidence: Evidence;
}

/** Places the deploy files in the repo set an env var (values are returned for literal checks only; never print them). */
export const deployEnvSets = computedBy((p: Profile, name: string): readonly DeployEnvSet[] => {
  const out: DeployEnvSet[] = [];
  for (const d of prodDockerfiles(p)) {
    for (const i of d.instructions) {
      const value = i.keyword === 'ENV' ? dockerEnvPairs(i.args)[name] : undefined;
      if (value !== undefined) out.push({ source: 'dockerfile', value, evidence: { file: d.file, line: i.line } });
    }
  }
  for (const f of p.facts.flyTomls) {
    const value = f.data?.env?.[name];
    if (value !== undefined) out.push({ source: 'fly.toml', value: String(value), evidence: { file: f.file, line: f.lines[`env.${name}`] ?? f.lines.env ?? 1 } });
  }
  const tpl = p.facts.relEnvTemplate;
  if (tpl) {
    const assignment = new RegExp(`^\\s*(?:export\\s+)?${name}=(.*)$`);
    tpl.text.split(/\r?\n/).forEach((raw, i) => {
      const value = assignment.exec(raw)?.[1];
      if (value !== undefined) out.push({ source: 'env.sh.eex', value: value.trim().replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1'), evidence: { file: tpl.file, line: i + 1 } });
    });
  }
  return out;
});
