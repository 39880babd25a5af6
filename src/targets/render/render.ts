/**
 * The render target's renderer: render.yaml (a Blueprint: the Docker web service running the docker
 * target's image, Render Postgres, Key Value, a disk) and the resources cost prices. The planner adds the
 * docker target's files (Dockerfile, release scripts, release module). Render has no CLI step here: the
 * Blueprint is created from the Dashboard (New → Blueprint) and synced on every push.
 */
import type { DeployConfig } from '../../model/deploy-config.js';
import type { RenderOptions, TargetOutput } from '../../model/plan.js';
import type { Resource } from '../../model/resource.js';
import type { Profile } from '../../scan/profile.js';
import { renderBlueprintYaml } from './blueprint.js';
import { renderModel, type RenderModel } from './model.js';

function resources(m: RenderModel): Resource[] {
  const out: Resource[] = [{ id: 'web', kind: 'render-service', plan: m.plan, count: m.instances, region: m.region, description: `${m.instances} × ${m.plan} web instance` }];
  if (m.disk) out.push({ id: 'disk', kind: 'render-disk', sizeGb: m.disk.sizeGB, description: `${m.disk.sizeGB} GB persistent disk` });
  if (m.database) out.push({ id: 'postgres', kind: 'render-postgres', plan: m.database.plan, storageGb: m.database.storageGb, region: m.region, description: `Render Postgres ${m.database.plan}, ${m.database.storageGb} GB` });
  if (m.keyValue) out.push({ id: 'keyvalue', kind: 'render-keyvalue', plan: m.keyValue.plan, region: m.region, description: `Key Value ${m.keyValue.plan}` });
  out.push({ id: 'egress', kind: 'egress', provider: 'render', region: m.region, description: 'traffic to the internet' });
  return out;
}

export function renderRender(profile: Profile, config: DeployConfig, options: RenderOptions = {}): TargetOutput {
  const m = renderModel(profile, config, options);
  return {
    files: [{ path: 'render.yaml', content: renderBlueprintYaml(m), description: `Render Blueprint: web service ${m.name} (${m.instances} × ${m.plan}, ${m.region})${m.database ? `, Postgres ${m.database.name}` : ''}${m.keyValue ? `, Key Value ${m.keyValue.name}` : ''}` }],
    patches: [],
    resources: resources(m),
    // What the user sets: the values Render asks for (sync: false); Render fills the rest (fromDatabase, fromService, generateValue).
    secrets: m.f.secrets.filter((s) => m.env.some(([k, src]) => k === s.name && 'sync' in src)),
    steps: [],
    notes: [...m.notes, 'Deploy: push the repository, then in the Render Dashboard choose New → Blueprint and select it. Render creates every resource in render.yaml and syncs it on each push.'],
  };
}
