import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { defaultConfig, loadConfig, parseConfig } from '../../src/plan/config.js';
import type { DeployConfig } from '../../src/model/deploy-config.js';
import { SCHEMA_URL } from '../../src/model/config-schema.js';
import { renderInitConfig, scalar } from '../../src/plan/init-config.js';
import { makeProfile, tempDir } from './helpers.js';

describe('renderInitConfig', () => {
  it('writes a region valid for the target, and none for a target that has no region', () => {
    const profile = makeProfile();
    const regionOf = (targets: DeployConfig['targets'], region = 'iad') => (parse(renderInitConfig(profile, { ...defaultConfig(profile), targets, region })) as { region?: string }).region;
    expect(regionOf(['fly'])).toBe('iad');
    expect(regionOf(['fly'], 'ams')).toBe('ams');
    // A Fly region is no Google Cloud region and the other way round.
    expect(regionOf(['cloudrun'])).toBe('us-central1');
    expect(regionOf(['cloudrun'], 'europe-west1')).toBe('europe-west1');
    expect(regionOf(['fly'], 'europe-west1')).toBe('iad');
    for (const t of ['k8s', 'systemd', 'docker', 'compose', 'github-actions'] as const) expect(regionOf([t]), t).toBeUndefined();
    // The first listed target that has a region decides.
    expect(regionOf(['k8s', 'cloudrun'])).toBe('us-central1');
    expect(renderInitConfig(profile, { ...defaultConfig(profile), targets: ['k8s'] })).toContain('# No region: k8s deploys wherever your cluster or server runs.');
  });

  it('starts with the schema line for editors', () => {
    const profile = makeProfile();
    const text = renderInitConfig(profile, defaultConfig(profile));
    expect(text.split('\n')[0]).toBe(`# yaml-language-server: $schema=${SCHEMA_URL}`);
  });

  it('says what the scan found, with evidence', () => {
    const profile = makeProfile();
    const text = renderInitConfig(profile, defaultConfig(profile));
    expect(text).toContain('# database: postgres (mix.exs:42 postgrex)\ndatabase:\n  kind: auto\n');
    expect(text).toContain('# clustering: dns_cluster (mix.exs:50 dns_cluster)\nclustering: auto\n');
    expect(text).toContain('# health route: /health (lib/hello_phoenix_web/router.ex:20)\nhealth:\n  path: /health\n');
    expect(text).toContain('LiveView (mix.exs:44 phoenix_live_view)');
    expect(text).toContain('# already required by config/runtime.exs: DATABASE_URL, SECRET_KEY_BASE\nsecrets: []\n');
    expect(text).toContain('POOL_SIZE (default 10)');
  });

  it('says when something was not found', () => {
    const profile = makeProfile({ healthPath: null, clustering: 'none', liveView: false });
    const text = renderInitConfig(profile, defaultConfig(profile));
    expect(text).toContain('# health route: none found;');
    expect(text).toContain('# clustering: none (no dns_cluster or libcluster among the deps)');
    expect(text).toContain('# instances: 1 by default');
  });

  it('keeps every line under 101 characters', () => {
    const profile = makeProfile();
    for (const line of renderInitConfig(profile, defaultConfig(profile)).split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('is deterministic', () => {
    const profile = makeProfile();
    expect(renderInitConfig(profile, defaultConfig(profile))).toBe(renderInitConfig(makeProfile(), defaultConfig(makeProfile())));
  });

  it('round-trips the defaults through loadConfig', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      for (const profile of [makeProfile(), makeProfile({ database: 'sqlite', liveView: false, clustering: 'none', healthPath: null })]) {
        const config = defaultConfig(profile);
        await writeFile(join(dir, 'phoenix-ops.yaml'), renderInitConfig(profile, config));
        const loaded = await loadConfig(dir, profile);
        expect(loaded.config).toEqual(config);
        expect(loaded.warnings).toEqual([]);
      }
    } finally {
      await cleanup();
    }
  });

  it('round-trips a config with every kind of value set', async () => {
    const profile = makeProfile();
    const config: DeployConfig = {
      ...defaultConfig(profile),
      app: 'shop',
      // cloudrun deploys to a region (k8s, github-actions and docker have none): init writes it.
      targets: ['k8s', 'cloudrun', 'github-actions', 'docker'],
      region: 'us-central1',
      host: 'shop.example.com',
      machine: { cpus: 0.5, memoryMb: 2048, cpuKind: 'performance', count: 3, minRunning: 1, maxCount: 6 },
      database: { kind: 'postgres', mode: 'self', plan: 'db-custom-1-3840', storageGb: 50 },
      redis: { enabled: true, plan: 'free' },
      storage: { enabled: true, gb: 20 },
      clustering: false,
      port: 4000,
      env: { LOG_LEVEL: 'info', FEATURE_X: 'true', POOL_SIZE: '10', GREETING: 'hello: world # not a comment', EMPTY: '', QUOTE: 'say "hi"', NULLISH: 'null', TILDE: '~' },
      secrets: ['STRIPE_KEY', 'SENTRY_DSN'],
      audit: {
        ignore: [
          { rule: 'csp-blocks-liveview-socket', path: 'lib/shop_web/router.ex', reason: 'CSP is set by the proxy: see ops#12' },
          { rule: 'auth-routes-not-rate-limited', reason: 'internal tool' },
        ],
      },
      cost: { hoursPerMonth: 360, traffic: 'high', egressGb: { low: 1, medium: 10.5, high: 100 }, k8sNodeType: 'e2-standard-2', vpsSize: 'cx22' },
      k8s: { namespace: 'shop-prod', ingressClass: 'traefik', image: 'ghcr.io/acme/shop:1.2.3', replicas: 3 },
      cloudrun: { project: 'acme-shop-123', image: 'us-docker.pkg.dev/acme/shop/app@sha256:abc' },
      systemd: { user: 'deploy', installDir: '/srv/shop', host: 'deploy@1.2.3.4' },
      ci: { provider: 'github-actions', deployTarget: 'k8s' },
    };
    const text = renderInitConfig(profile, config);
    expect((await parseConfig(text, profile)).config).toEqual(config);
  });

  it('quotes strings that YAML would read as something else', () => {
    for (const value of ['true', 'null', '10', '1.5', '~', '', 'a: b', '#x', 'x #y', '- x', '@x', 'yes', '0o17', 'x ', ' x', '"q"', "it's", '[a]', '{a}', '*a', '&a', '!t', '%x', '`x', 'a\nb', 'é']) {
      expect(parse(`k: ${scalar(value)}`)).toEqual({ k: value });
    }
    expect(scalar('iad')).toBe('iad');
    expect(scalar('/opt/my-app')).toBe('/opt/my-app');
    expect(scalar('true')).toBe('"true"');
  });
});
