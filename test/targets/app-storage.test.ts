/**
 * Where a Phoenix app writes at run time lands on persistent storage, and every generated file still
 * passes its validator: the Fly volume (`[[mounts]]`, the path's env var pointed onto it), systemd's
 * StateDirectory / ReadWritePaths under the hardened unit, Kubernetes volumes, Compose named volumes.
 * The app is the example app storing uploads where `UPLOADS_DIR` says (default /var/lib/hello/uploads),
 * as `Plug.Upload` handlers do; a second variant also keeps exports in a folder fixed in its code.
 */
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/plan/config.js';
import { previewPlan } from '../../src/plan/preview.js';
import { extractDockerfile } from '../../src/scan/extract/deploy-files.js';
import { scan } from '../../src/scan/index.js';
import type { TargetId } from '../../src/model/ids.js';
import { makeProject, replace, type Edits } from '../helpers/project.js';
import { validateShell, validateToml, validateYaml } from '../helpers/validate.js';
import { hasBinary, kustomizeBuild, parseSystemdUnit, systemdAnalyzeVerify, validateCompose, validateK8sObject } from '../helpers/validate-more.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

const PROD = 'if config_env() == :prod do\n';

const UPLOADS_CONFIG = `
  config :hello_phoenix, :uploads_dir, System.get_env("UPLOADS_DIR", "/var/lib/hello/uploads")
`;

const UPLOADS = `defmodule HelloPhoenix.Uploads do
  @moduledoc false

  def store(%Plug.Upload{path: tmp, filename: name}) do
    dir = Application.fetch_env!(:hello_phoenix, :uploads_dir)
    File.mkdir_p!(dir)
    dest = Path.join(dir, name)
    File.cp!(tmp, dest)
    dest
  end
end
`;

const EXPORTS = `defmodule HelloPhoenix.Exports do
  @moduledoc false

  def write(name, csv) do
    File.mkdir_p!("/srv/hello/exports")
    File.write!(Path.join("/srv/hello/exports", name), csv)
  end
end
`;

const withUploads: Edits = {
  'config/runtime.exs': replace(PROD, `${PROD}${UPLOADS_CONFIG}\n`),
  'lib/hello_phoenix/uploads.ex': UPLOADS,
};

async function render(target: TargetId, edits: Edits) {
  const dir = makeProject(edits);
  const profile = await scan(dir);
  const preview = await previewPlan(dir, profile, defaultConfig(profile), target);
  const file = (suffix: string) => {
    const f = preview.plan.files.find((x) => x.path.endsWith(suffix));
    expect(f, `${target} writes *${suffix}`).toBeDefined();
    return f?.content ?? '';
  };
  const errors = preview.preflight.filter((i) => i.severity === 'error').map((i) => i.message);
  return { profile, preview, file, errors, files: new Map(preview.plan.files.map((f) => [f.path, f.content])) };
}

describe('the app writes uploads where UPLOADS_DIR says', () => {
  it('the scan sees the folder and the variable', async () => {
    const { profile } = await render('docker', withUploads);
    expect(profile.runtime.writablePaths.map((w) => [w.path, w.env])).toEqual(expect.arrayContaining([['/var/lib/hello/uploads', 'UPLOADS_DIR']]));
  });

  it('fly: one volume mounted at the folder, handed to nobody at start', async () => {
    const { file, errors, preview } = await render('fly', withUploads);
    expect(errors).toEqual([]);
    const toml = await validateToml(file('fly.toml'), 'fly.toml');
    const mounts = toml.mounts as Obj[];
    expect(mounts.map((m) => m.destination)).toEqual(['/var/lib/hello/uploads']);
    expect(preview.plan.resources.some((r) => r.kind === 'fly-volume')).toBe(true);
    // The image hands the volume (mounted root-owned) to nobody before starting.
    const doc = extractDockerfile('Dockerfile', file('Dockerfile'), []);
    const cmd = doc.instructions.filter((i) => i.keyword === 'CMD').at(-1);
    expect(JSON.parse(cmd?.args ?? '[]')[2]).toMatch(/^chown nobody \/var\/lib\/hello\/uploads && exec setpriv/);
  });

  it('fly: two folders without a common parent share one volume at /data, the variable points onto it', async () => {
    const { file, errors, preview } = await render('fly', {
      ...withUploads,
      'config/runtime.exs': replace(PROD, `${PROD}${UPLOADS_CONFIG}  config :hello_phoenix, :media_dir, System.get_env("MEDIA_DIR", "/media")\n`),
    });
    expect(errors).toEqual([]);
    const toml = await validateToml(file('fly.toml'), 'fly.toml');
    expect((toml.mounts as Obj[]).map((m) => m.destination)).toEqual(['/data']);
    expect(toml.env).toMatchObject({ UPLOADS_DIR: '/data/uploads', MEDIA_DIR: '/data/media' });
    expect(preview.plan.notes.some((n) => n.startsWith('UPLOADS_DIR is set to /data/uploads, on the volume'))).toBe(true);
    const doc = extractDockerfile('Dockerfile', file('Dockerfile'), []);
    const start = JSON.parse(doc.instructions.filter((i) => i.keyword === 'CMD').at(-1)?.args ?? '[]')[2] as string;
    expect(start).toMatch(/^mkdir -p \/data\/media \/data\/uploads && chown nobody \/data \/data\/media \/data\/uploads && exec setpriv/);
    await validateShell(`#!/bin/sh\n${start}\n`, 'start command');
  });

  it('systemd: UPLOADS_DIR goes into the StateDirectory; a folder fixed in the code gets ReadWritePaths and is created by setup', async () => {
    const { file, errors, preview } = await render('systemd', { ...withUploads, 'lib/hello_phoenix/exports.ex': EXPORTS });
    expect(errors).toEqual([]);
    const app = preview.plan.files.find((f) => f.path.endsWith('.service'))?.path.split('/').pop()?.replace('.service', '') ?? '';
    const unitText = file('.service');
    const unit = parseSystemdUnit(unitText).Service ?? {};
    expect(unit.StateDirectory).toEqual([app]);
    expect(unit.ReadWritePaths?.[0]?.split(' ')).toEqual([`/var/lib/${app}`, '-/srv/hello/exports']);
    expect(file('.env.example')).toMatch(new RegExp(`^UPLOADS_DIR=/var/lib/${app}/uploads$`, 'm'));
    const deploy = file('deploy.sh');
    expect(deploy).toContain("install -d -o \"$APP_USER\" -g \"$APP_USER\" -m 0750 '/srv/hello/exports'");
    await validateShell(deploy, 'deploy.sh');
    if (hasBinary('systemd-analyze')) {
      const exes = [unit.ExecStart?.[0] ?? '', (unit.ExecStop?.[0] ?? '').split(' ')[0] ?? ''];
      await systemdAnalyzeVerify(unitText, `${app}.service`, exes, [`/etc/${app}/${app}.env`]);
    }
  });

  it('k8s: the folder is a volume of the pod (emptyDir, with a note), and the overlays build', async () => {
    const { files, errors, preview } = await render('k8s', withUploads);
    expect(errors).toEqual([]);
    const built = kustomizeBuild(files, 'deploy/k8s/overlays/production');
    const deployment = built.objects.find((o) => o.kind === 'Deployment') as Obj;
    for (const o of built.objects) await validateK8sObject(o, `${o.kind}`);
    const pod = deployment.spec.template.spec;
    const mount = pod.containers[0].volumeMounts.find((m: Obj) => m.mountPath === '/var/lib/hello/uploads');
    expect(mount).toBeDefined();
    expect(pod.volumes.find((v: Obj) => v.name === mount.name)).toMatchObject({ emptyDir: {} });
    expect(preview.plan.notes.some((n) => n.startsWith('UPLOADS_DIR defaults to /var/lib/hello/uploads') && n.includes('PersistentVolumeClaim'))).toBe(true);
  });

  it('compose: a named volume mounted at the folder', async () => {
    const { file, errors } = await render('compose', withUploads);
    expect(errors).toEqual([]);
    const text = file('compose.yaml');
    const [doc] = (await validateYaml(text, 'compose.yaml')) as Obj[];
    expect(validateCompose(doc as Obj, text)).toEqual(expect.any(Array));
    expect(doc?.services.app.volumes).toContain('files-uploads:/var/lib/hello/uploads');
    expect(Object.keys(doc?.volumes ?? {})).toContain('files-uploads');
  });
});
