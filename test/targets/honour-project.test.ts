/**
 * Generated files follow what the project already says: its Node version and package manager, the
 * packages and files its own Dockerfile puts in the image, an existing fly.toml's names, and the port
 * of a Dockerfile it keeps. Each case is the example app (or a fixture) with that one detail added.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { DeployConfig } from '../../src/model/deploy-config.js';
import { defaultConfig } from '../../src/plan/config.js';
import { plan } from '../../src/plan/planner.js';
import { previewPlan } from '../../src/plan/preview.js';
import { scan } from '../../src/scan/index.js';
import { EXAMPLE, fixture, makeProject, scanProject } from '../helpers/project.js';

const dockerfileOf = async (dir: string) => {
  const profile = await scan(dir);
  const p = plan(profile, defaultConfig(profile), 'docker');
  return { profile, p, text: p.files.find((f) => f.path === 'Dockerfile')!.content };
};

const RUNNER_WITH_EXTRAS = `ARG ELIXIR_VERSION=1.17.3
FROM hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim AS build
WORKDIR /app
COPY . .
RUN mix release

FROM debian:bookworm-20241016-slim
RUN apt-get update -y && apt-get install -y --no-install-recommends libstdc++6 openssl ffmpeg poppler-utils && apt-get clean
WORKDIR /app
COPY priv/certs/ca-bundle.pem /etc/ssl/extra/ca-bundle.pem
COPY --from=build /app/_build/prod/rel/hello_phoenix ./
ENV PORT=4000
EXPOSE 4000
USER nobody
CMD ["/app/bin/server"]
`;

describe('Node.js and the package manager come from the project', () => {
  it('.nvmrc pins the Node image; yarn.lock installs with yarn; no lockfile falls back to npm', async () => {
    const webpack = fixture('phx15-webpack');
    const pinned = await dockerfileOf(makeProject({ '.nvmrc': 'v16.20.2\n', 'assets/yarn.lock': '# yarn lockfile v1\n' }, webpack));
    expect(pinned.text).toMatch(/^ARG NODE_VERSION=16\.20\.2$/m);
    // Node 16 has no bookworm image.
    expect(pinned.text).toContain('FROM node:${NODE_VERSION}-bullseye-slim AS node');
    expect(pinned.text).toContain('COPY assets/package.json assets/yarn.lock assets/');
    expect(pinned.text).toMatch(/corepack enable \\\n\s+&& cd assets && yarn install --frozen-lockfile/);
    expect(pinned.p.notes.join('\n')).toMatch(/Node\.js 16\.20\.2 \(pinned in \.nvmrc:1\)/);
    const tv = await dockerfileOf(makeProject({ '.tool-versions': 'elixir 1.17.3-otp-27\nerlang 27.1.2\nnodejs 20.11.1\n', 'assets/package-lock.json': '{}\n' }, webpack));
    expect(tv.text).toMatch(/^ARG NODE_VERSION=20\.11\.1$/m);
    expect(tv.text).toContain('RUN cd assets && npm ci');
    const engines = await dockerfileOf(makeProject({ 'assets/package.json': (t) => t.replace(/^\{/, '{\n  "engines": { "node": ">=18.17 <19" },') }, webpack));
    expect(engines.text).toMatch(/^ARG NODE_VERSION=18\.17$/m);
    const none = await dockerfileOf(makeProject({}, webpack));
    expect(none.text).toMatch(/^ARG NODE_VERSION=22$/m);
    expect(none.text).toContain('npm install --prefix assets');
  });
});

describe("an existing Dockerfile's runner: carried over or listed as dropped", () => {
  it('apt packages and context files it adds reach the generated runner; Alpine-only packages are listed', async () => {
    const dir = makeProject({ Dockerfile: RUNNER_WITH_EXTRAS, 'priv/certs/ca-bundle.pem': '-----BEGIN CERTIFICATE-----\n' });
    const { text, p } = await dockerfileOf(dir);
    expect(text).toMatch(/apt-get install -y --no-install-recommends libstdc\+\+6 openssl libncurses6 locales ca-certificates ffmpeg poppler-utils/);
    expect(text).toContain('COPY --chown=nobody:root priv/certs/ca-bundle.pem /etc/ssl/extra/ca-bundle.pem');
    expect(p.notes.join('\n')).toMatch(/Dockerfile installs ffmpeg, poppler-utils in its runner/);
    const alpine = await dockerfileOf(makeProject({ Dockerfile: RUNNER_WITH_EXTRAS.replace('FROM debian:bookworm-20241016-slim\nRUN apt-get update -y && apt-get install -y --no-install-recommends libstdc++6 openssl ffmpeg poppler-utils && apt-get clean', 'FROM alpine:3.20\nRUN apk add --no-cache libstdc++ ncurses-libs ffmpeg vips-tools') }));
    expect(alpine.text).toMatch(/ca-certificates ffmpeg \\/);
    expect(alpine.p.notes.join('\n')).toMatch(/Not carried over from Dockerfile: Alpine package vips-tools/);
  });
});

describe('existing deploy files fix names, region and port', () => {
  it("an existing fly.toml's app, primary_region and internal_port become the defaults", async () => {
    const profile = await scanProject({ 'fly.toml': 'app = "hello-prod"\nprimary_region = "fra"\n\n[http_service]\n  internal_port = 4000\n' });
    const config = defaultConfig(profile);
    expect([config.app, config.region, config.port]).toEqual(['hello-prod', 'fra', 4000]);
  });

  it("an existing Kubernetes Deployment's name, namespace and containerPort become the defaults", async () => {
    const manifests = [
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: shop-web\n  namespace: shop\nspec:\n  ports:\n    - port: 80\n      targetPort: 4100\n',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-web\n  namespace: shop\nspec:\n  replicas: 3\n  selector:\n    matchLabels: { app: shop-web }\n  template:\n    metadata:\n      labels: { app: shop-web }\n    spec:\n      containers:\n        - name: web\n          image: registry.example.test/shop:1.0.0\n          ports:\n            - containerPort: 4100\n',
    ].join('---\n');
    const profile = await scanProject({ 'k8s/app.yaml': manifests });
    const config = defaultConfig(profile);
    expect([config.app, config.k8s.namespace, config.port]).toEqual(['shop-web', 'shop', 4100]);
    const p = plan(profile, config, 'k8s');
    const deployment = p.files.find((f) => f.path === 'deploy/k8s/base/deployment.yaml')!.content;
    expect(deployment).toMatch(/name: shop-web\n/);
    expect(deployment).toMatch(/containerPort: 4100/);
    // Two Deployments, neither named after the app: nothing is guessed.
    const two = await scanProject({ 'k8s/app.yaml': `${manifests}---\n${manifests.split('---\n')[1]!.replace(/shop-web/g, 'worker')}` });
    expect(defaultConfig(two).app).toBe(defaultConfig(await scanProject({})).app);
  });

  it('platform files follow the port of a Dockerfile the project keeps', async () => {
    const dir = makeProject({ Dockerfile: RUNNER_WITH_EXTRAS.replaceAll('4000', '4100'), 'priv/certs/ca-bundle.pem': 'x\n' });
    const profile = await scan(dir);
    const preview = await previewPlan(dir, profile, { ...defaultConfig(profile), port: 8080 }, 'fly');
    expect(preview.writes.find((w) => w.path === 'Dockerfile')!.action).toBe('skip-not-owned');
    const toml = parseToml(preview.plan.files.find((f) => f.path === 'fly.toml')!.content) as any;
    expect(toml.http_service.internal_port).toBe(4100);
    expect(toml.env.PORT).toBe('4100');
    expect(preview.preflight.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('an app whose port variable is not PORT: the kept Dockerfile\'s first EXPOSE is its port, and the platform sets that variable', async () => {
    const runtime = readFileSync(join(EXAMPLE, 'config/runtime.exs'), 'utf8');
    expect(runtime).toContain('System.get_env("PORT") || "4000"');
    const dir = makeProject({
      'config/runtime.exs': runtime.replace('System.get_env("PORT") || "4000"', 'System.get_env("HELLO_PORT") || "4000"'),
      // A side port (a Vite dev server) exposed after the app's own.
      Dockerfile: RUNNER_WITH_EXTRAS.replace('ENV PORT=4000\nEXPOSE 4000\n', 'EXPOSE 4000\nEXPOSE 5173\n'),
      'priv/certs/ca-bundle.pem': 'x\n',
    });
    const profile = await scan(dir);
    const preview = await previewPlan(dir, profile, defaultConfig(profile), 'fly');
    expect(preview.writes.find((w) => w.path === 'Dockerfile')!.action).toBe('skip-not-owned');
    const toml = parseToml(preview.plan.files.find((f) => f.path === 'fly.toml')!.content) as any;
    expect(toml.http_service.internal_port).toBe(4000);
    expect(toml.env.HELLO_PORT).toBe('4000');
    expect(preview.preflight.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('a root Dockerfile that is a development image stays; every target builds the release from Dockerfile.release', async () => {
    const DEV = 'FROM elixir:1.17-alpine\nRUN apk add --no-cache inotify-tools build-base\nWORKDIR /app\nEXPOSE 4000\n';
    const dir = makeProject({ Dockerfile: DEV });
    const profile = await scan(dir);
    const config: DeployConfig = { ...defaultConfig(profile), targets: ['fly', 'k8s', 'compose', 'github-actions'] };
    const fly = await previewPlan(dir, profile, config, 'fly');
    const paths = fly.plan.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['Dockerfile.release', 'Dockerfile.release.dockerignore']));
    expect(paths).not.toContain('Dockerfile');
    expect(fly.writes.some((w) => w.path === 'Dockerfile')).toBe(false);
    const toml = parseToml(fly.plan.files.find((f) => f.path === 'fly.toml')!.content) as any;
    expect(toml.build.dockerfile).toBe('Dockerfile.release');
    expect(toml.deploy.release_command).toBe('/app/bin/migrate');
    expect(fly.preflight.filter((i) => i.severity === 'error')).toEqual([]);
    expect(fly.plan.files.find((f) => f.path === 'Dockerfile.release')!.content).toContain('docker build --file Dockerfile.release');

    const k8s = plan(profile, config, 'k8s');
    expect(k8s.steps.find((s) => s.command[0] === 'docker' && s.command[1] === 'build')!.command).toEqual(expect.arrayContaining(['--file', 'Dockerfile.release']));
    const compose = parseYaml(plan(profile, config, 'compose').files.find((f) => f.path === 'compose.yaml')!.content) as any;
    expect(compose.services.app.build).toEqual({ context: '.', dockerfile: 'Dockerfile.release' });
    const deployYml = parseYaml(plan(profile, { ...config, ci: { ...config.ci, deployTarget: 'k8s' } }, 'github-actions').files.find((f) => f.path === '.github/workflows/deploy.yml')!.content) as any;
    const push = Object.values(deployYml.jobs).flatMap((j: any) => j.steps ?? []).find((st: any) => String(st.uses ?? '').startsWith('docker/build-push-action'));
    expect(push.with.file).toBe('Dockerfile.release');
  });

  it("migrations run from where the kept Dockerfile puts the release", async () => {
    const dir = makeProject({ Dockerfile: RUNNER_WITH_EXTRAS.replace('WORKDIR /app\nCOPY priv', 'WORKDIR /srv/hello\nCOPY priv').replace('CMD ["/app/bin/server"]', 'CMD ["/srv/hello/bin/server"]'), 'priv/certs/ca-bundle.pem': 'x\n' });
    const profile = await scan(dir);
    const preview = await previewPlan(dir, profile, defaultConfig(profile), 'fly');
    const toml = parseToml(preview.plan.files.find((f) => f.path === 'fly.toml')!.content) as any;
    expect(toml.deploy.release_command).toBe('/srv/hello/bin/migrate');
  });
});
