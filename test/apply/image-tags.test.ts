/**
 * A unique image tag per build (issue 20): two applies of different trees build two differently tagged
 * images, and the deploy step of every target that builds one runs that tag — not `latest`, which Cloud Run
 * does not redeploy (`services replace` of an unchanged spec makes no revision) and Kubernetes does not pull
 * again. Generated files never hold the tag: they are the same bytes for the same input.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildContextDigest, chooseImageTag } from '../../src/apply/image-tag.js';
import { makeProject } from '../helpers/project.js';
import { replan, runApply, runDestroy, StubWorld, targetProject, type TargetProject } from './harness.js';

const TAG = /^(git|src)-[0-9a-f]{12}$/;

/** A change to the app's code: a new tree, so a new build. */
function editCode(p: TargetProject): void {
  appendFileSync(join(p.dir, 'mix.exs'), '\n# a change\n');
}

/** The tag of every `docker build --tag <ref>` call, in order. */
function builtTags(w: StubWorld): string[] {
  return w
    .calls()
    .filter((c) => c.tool === 'docker' && c.argv[0] === 'build')
    .map((c) => {
      const ref = c.argv[c.argv.indexOf('--tag') + 1] ?? '';
      return ref.slice(ref.lastIndexOf(':') + 1);
    });
}

async function twoApplies(p: TargetProject, env: Record<string, string> = {}) {
  const w = new StubWorld();
  const first = await runApply(w, p, { env });
  expect(first.run.outcome, first.output).toBe('applied');
  const ledger1 = w.ledger();
  editCode(p);
  const second = await runApply(w, p, { env });
  expect(second.run.outcome, second.output).toBe('applied');
  return { w, ledger1, ledger2: w.ledger() };
}

describe('image tags chosen at apply time', { timeout: 120_000 }, () => {
  it('a clean git checkout is tagged with its commit; a changed tree with a digest of what docker build sends', async () => {
    const dir = makeProject({ '.dockerignore': 'test\n_build\n' });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: dir, encoding: 'utf8' }).trim();
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'init');
    expect(await chooseImageTag(dir)).toBe(`git-${git('rev-parse', '--short=12', 'HEAD')}`);
    // apply's own state folder is not a change; any other untracked file is.
    mkdirSync(join(dir, '.phoenix-ops', 'state'), { recursive: true });
    writeFileSync(join(dir, '.phoenix-ops', 'state', 'fly.json'), '{}');
    expect(await chooseImageTag(dir)).toBe(`git-${git('rev-parse', '--short=12', 'HEAD')}`);
    writeFileSync(join(dir, 'notes.txt'), 'x');
    expect(await chooseImageTag(dir)).toMatch(/^src-[0-9a-f]{12}$/);
    const digest = await buildContextDigest(dir);
    // A file the .dockerignore keeps out of the build context does not change the digest; one it lets through does.
    mkdirSync(join(dir, 'test'), { recursive: true });
    writeFileSync(join(dir, 'test', 'extra_test.exs'), 'x');
    expect(await buildContextDigest(dir)).toBe(digest);
    appendFileSync(join(dir, 'mix.exs'), '\n# changed\n');
    expect(await buildContextDigest(dir)).not.toBe(digest);
  });

  it('aws: Terraform gets -var image_tag, ECR gets that tag, and a changed tree gets another', async () => {
    const p = await targetProject('aws', 'version: 1\napp: hello-phoenix\ntargets: [aws]\naws: { region: us-east-1 }\n');
    const { w, ledger1, ledger2 } = await twoApplies(p);
    const tags = builtTags(w);
    expect(tags).toHaveLength(2);
    for (const t of tags) expect(t).toMatch(TAG);
    expect(tags[0]).not.toBe(tags[1]);
    const varOf = (l: Record<string, unknown>) => Object.values((l.terraform as { states: Record<string, { vars: Record<string, string> }> }).states)[0]?.vars.image_tag;
    expect(varOf(ledger1)).toBe(tags[0]);
    expect(varOf(ledger2)).toBe(tags[1]);
    expect(w.calls().filter((c) => c.tool === 'docker' && c.argv[0] === 'push').map((c) => c.argv[1]?.split(':').pop())).toEqual(tags);
  });

  it('cloudrun: the service and the job run the built tag, so a changed tree is a new revision; service.yaml keeps its image', async () => {
    const p = await targetProject('cloudrun', 'version: 1\napp: hello-phoenix\ntargets: [cloudrun]\nregion: us-central1\ncloudrun: { project: acme-prod-123 }\n');
    const serviceYaml = readFileSync(join(p.dir, 'deploy/cloudrun/service.yaml'), 'utf8');
    const { w, ledger1, ledger2 } = await twoApplies(p, { DATABASE_URL: 'ecto://app:pg-pass-7d1e2f3a@localhost/app?socket_dir=/cloudsql/x' });
    const tags = builtTags(w);
    expect(tags[0]).not.toBe(tags[1]);
    type Gcp = { services: Record<string, { image: string; generation: number }>; jobs: Record<string, { image: string }> };
    const svc = (l: Record<string, unknown>) => Object.values((l.gcp as Gcp).services)[0];
    const job = (l: Record<string, unknown>) => Object.values((l.gcp as Gcp).jobs)[0];
    expect(svc(ledger1)?.image).toBe(`us-central1-docker.pkg.dev/acme-prod-123/hello-phoenix/hello-phoenix:${tags[0]}`);
    expect(svc(ledger2)?.image.endsWith(`:${tags[1]}`)).toBe(true);
    expect(job(ledger2)?.image.endsWith(`:${tags[1]}`)).toBe(true);
    expect(svc(ledger2)?.generation).toBe((svc(ledger1)?.generation ?? 0) + 1);
    expect(readFileSync(join(p.dir, 'deploy/cloudrun/service.yaml'), 'utf8')).toBe(serviceYaml);
  });

  it('k8s: the Deployment and a migration Job named after it run the built tag; the overlay keeps its own', async () => {
    const p = await targetProject('k8s', 'version: 1\napp: hello-phoenix\ntargets: [k8s]\nk8s: { image: registry.example.test/acme/hello-phoenix:1.4.2 }\n');
    const overlay = readFileSync(join(p.dir, 'deploy/k8s/overlays/production/kustomization.yaml'), 'utf8');
    const { w, ledger2 } = await twoApplies(p, { DATABASE_URL: 'ecto://app:k8s-pass-9c8b7a6d@db.internal/app' });
    const tags = builtTags(w);
    expect(tags[0]).not.toBe(tags[1]);
    type Obj = { kind: string; name: string; images?: string[] };
    const objects = Object.values((ledger2.k8s as { objects: Record<string, Obj> }).objects);
    const deployment = objects.find((o) => o.kind === 'Deployment');
    expect(deployment?.images).toEqual([`registry.example.test/acme/hello-phoenix:${tags[1]}`]);
    // The first apply's Job was deleted; the second's is named after its image.
    expect(objects.filter((o) => o.kind === 'Job').map((o) => [o.name, o.images])).toEqual([[`hello-phoenix-migrate-${tags[1]}`, [`registry.example.test/acme/hello-phoenix:${tags[1]}`]]]);
    expect(readFileSync(join(p.dir, 'deploy/k8s/overlays/production/kustomization.yaml'), 'utf8')).toBe(overlay);
  });

  it('compose: the containers run the built tag (PHOENIX_OPS_IMAGE_TAG), and destroy removes that image', async () => {
    const env = 'SECRET_KEY_BASE=compose-local-skb-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\nPOSTGRES_PASSWORD=compose-local-pw-55aa\n';
    const p = await targetProject('compose', 'version: 1\napp: hello-phoenix\ntargets: [compose]\n', { 'compose.env': env });
    const { ledger1, ledger2, w } = await twoApplies(p);
    type Docker = { containers: Record<string, { Service: string; Image: string }>; images: Record<string, unknown> };
    const appImage = (l: Record<string, unknown>) => Object.values((l.docker as Docker).containers).find((c) => c.Service === 'app')?.Image ?? '';
    const [one, two] = [appImage(ledger1), appImage(ledger2)];
    expect(one).toMatch(/^hello-phoenix:(git|src)-[0-9a-f]{12}$/);
    expect(two).toMatch(/^hello-phoenix:(git|src)-[0-9a-f]{12}$/);
    expect(one).not.toBe(two);
    const again = await replan(p.dir, 'compose', false);
    const d = await runDestroy(w, again, { includeData: true });
    expect(d.result.outcome, d.output).toBe('destroyed');
    expect(Object.keys((w.ledger().docker as Docker).images)).not.toContain(two);
  });
});
