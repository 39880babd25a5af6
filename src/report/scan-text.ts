/** Human output of `scan`: a short tree of what was detected, each line with its evidence. */
import type { Colors } from '../model/colors.js';
import type { Profile } from '../scan/profile.js';

export function formatScanText(p: Profile, c: Colors): string {
  const e = (key: string) => (p.evidence[key] ? c.dim(` (${p.evidence[key]})`) : '');
  const yes = (b: boolean) => (b ? c.green('yes') : c.dim('no'));
  const lines: string[] = [];
  const where = p.projectPath === '.' ? '' : c.dim(` in ${p.projectPath}/`);
  lines.push(`${c.bold(p.web.otpApp)}${where}${p.umbrella ? c.cyan(' (umbrella)') : ''}`);
  if (p.umbrella) {
    for (const a of p.apps) lines.push(`├─ app ${a.otpApp} ${c.dim(a.path)}${a.phoenix ? c.cyan(' [web]') : ''}`);
  }
  const v = p.versions;
  const item = (label: string, value: string, key?: string) => lines.push(`├─ ${label.padEnd(14)} ${value}${key ? e(key) : ''}`);
  item('Phoenix', v.phoenix ?? c.yellow('not locked'), 'phoenix');
  if (v.liveView) item('LiveView', `${v.liveView}${p.liveView ? '' : c.dim(' (no live routes)')}`, p.liveView ? 'liveView' : 'liveViewVersion');
  item('Elixir', [v.elixir ? `${v.elixir} pinned` : null, v.elixirRequirement ? `requires ${v.elixirRequirement}` : null].filter(Boolean).join(', ') || c.dim('unknown'), v.elixir ? 'elixir' : 'elixirRequirement');
  if (v.otp) item('OTP', v.otp, 'elixir');
  item('Endpoint', p.web.endpointModule ?? c.yellow('not found'), 'endpoint');
  item('Router', p.web.routerModule ?? c.yellow('not found'), 'router');
  item('Database', p.database + (v.ecto ? c.dim(` (ecto ${v.ecto})`) : ''), 'database');
  item('HTTP server', p.httpServer, 'httpServer');
  item('PubSub', p.pubsub, 'pubsub');
  item('Clustering', p.clustering, 'clustering');
  item('Oban', yes(p.oban), 'oban');
  item('Assets', p.assets, 'assets');
  item('Mailer', p.mailer ?? c.dim('none'), 'mailer');
  item('Sentry', yes(p.sentry), 'sentry');
  item('Rate limiter', p.rateLimiter, 'rateLimiter');
  item('Health route', p.health ? p.health.path : c.yellow('none'), 'health');
  item('Release module', p.releaseModule ? p.releaseModule.module : c.dim('none'), 'releaseModule');
  const s = p.security;
  item('HTTPS', s.forceSsl ? `enforced${s.hsts ? ' + HSTS' : ''}` : c.yellow('not enforced'), 'forceSsl');
  item('CSP', s.csp ? 'explicit' : c.yellow('none'), 'csp');
  if (s.checkOrigin !== null) item('check_origin', s.checkOrigin, 'checkOrigin');
  const rc = p.runtimeConfig;
  lines.push(`├─ ${'Runtime config'.padEnd(14)} ${rc.file ?? c.yellow('none')}`);
  rc.env.forEach((v2, i) => {
    const last = i === rc.env.length - 1;
    const flags = v2.dynamic ? c.magenta('dynamic') : v2.required ? c.red('required') : v2.default !== null ? `default ${JSON.stringify(v2.default)}` : 'optional';
    lines.push(`│  ${last ? '└─' : '├─'} ${v2.name} ${flags}${c.dim(` (${v2.evidence.file}:${v2.evidence.line})`)}`);
  });
  const d = p.deployFiles;
  const deploy = [...d.dockerfiles, ...d.flyTomls, ...d.k8s, ...d.workflows, ...(d.relOverlays.length ? ['rel/'] : [])];
  lines.push(`└─ ${'Deploy files'.padEnd(14)} ${deploy.length ? deploy.join(', ') : c.dim('none')}`);
  for (const w of p.warnings) lines.push(c.yellow(`warning: ${w.message}`));
  return lines.join('\n');
}
