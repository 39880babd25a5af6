import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/plan/config.js';
import { renderDocker } from '../../src/targets/docker/index.js';
import { scan } from '../../src/scan/index.js';
import { EXAMPLE, fixture } from '../helpers/project.js';
import { validateElixir } from '../helpers/validate.js';

describe('docker target: server: true for releases', () => {
  it('an app that never sets server: true gets a runtime.exs patch reading PHX_SERVER', async () => {
    const p = await scan(fixture('phx18-insecure'));
    const out = renderDocker(p, defaultConfig(p));
    const patch = out.patches.find((x) => x.id === 'phx-server');
    expect(patch?.file).toBe('config/runtime.exs');
    expect(patch!.after).toContain('if System.get_env("PHX_SERVER") do\n  config :sieve, SieveWeb.Endpoint, server: true\nend');
    expect(patch!.before).toBe(p.facts.sources['config/runtime.exs']);
    await validateElixir(patch!.after, 'runtime.exs');
  });
  it('apps that already start the endpoint get no such patch', async () => {
    for (const dir of [EXAMPLE, fixture('phx15-webpack'), fixture('env-helpers')]) {
      const p = await scan(dir);
      expect(renderDocker(p, defaultConfig(p)).patches.map((x) => x.id)).not.toContain('phx-server');
    }
  });
});
