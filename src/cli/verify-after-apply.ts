/**
 * The check `apply` ends with: `verify` of the deployed app, from outside. A critical finding (the
 * health path failing, the page not served, an invalid certificate, the LiveView socket refused or
 * blocked) fails the apply and asks for the previous release back; lesser findings are reported.
 * A site that cannot be reached yet (DNS not pointing at it, a private host) is reported, not
 * rolled back: the deploy itself succeeded and `phoenix-ops verify` can run later.
 */
import type { DeployConfig } from '../model/deploy-config.js';
import type { Profile } from '../scan/profile.js';
import type { AfterApplyCheck } from '../apply/executor.js';

export function verifyDeployment(opts: { profile: Profile | null; config: DeployConfig | null; timeoutMs?: number }): (healthUrl: string | null) => Promise<AfterApplyCheck | null> {
  return async (healthUrl) => {
    if (!healthUrl) return { ok: true, rollback: false, message: 'verify skipped: the deployed URL is not known (set `host` in phoenix-ops.yaml or pass --url)' };
    const url = new URL(healthUrl);
    const site = `${url.protocol}//${url.host}/`;
    const { verify, VerifyError } = await import('../verify/index.js');
    try {
      const result = await verify(site, { profile: opts.profile, config: opts.config, timeoutMs: opts.timeoutMs, healthPath: url.pathname !== '/' ? url.pathname : undefined });
      const critical = result.findings.filter((f) => f.severity === 'critical');
      const high = result.findings.filter((f) => f.severity === 'high');
      if (critical.length) return { ok: false, rollback: true, message: `verify ${site}: ${critical.map((f) => `${f.ruleId}: ${f.message}`).join('; ')}` };
      return { ok: true, rollback: false, message: `verify ${site}: score ${result.score}, no critical finding${high.length ? `; ${high.length} high (run \`phoenix-ops verify ${site}\` for details)` : ''}` };
    } catch (e) {
      if (e instanceof VerifyError) return { ok: true, rollback: false, message: `verify ${site} could not run (${e.message}); run \`phoenix-ops verify ${site}\` once the app is reachable` };
      throw e;
    }
  };
}
