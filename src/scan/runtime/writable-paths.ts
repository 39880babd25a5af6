/**
 * Where the prod app writes at run time: the folders its runtime `*_PATH`/`*_DIR` variables point to
 * (with their defaults; the SQLite `DATABASE_PATH`'s folder), and the places lib code writes to
 * (see writes.ts), each with the env var that moves it. `/tmp` is left out: every target gives the
 * app a writable tmp. Build-time reads of a release are baked and left out too.
 */
import type { DeployMode, Facts, RuntimeSummary } from '../profile.js';

const PATH_NAME = /(^|_)(PATH|DIR|DIRECTORY|FOLDER|ROOT)$/;
/** Names of folders the app fills, counted only with an absolute default (`MOBILIZON_UPLOADS=/var/lib/mobilizon/uploads`). */
const DATA_NAME = /(^|_)(UPLOADS?|MEDIA|STORAGE|DATA|CACHE|DOWNLOADS|EXPORTS)$/;
const NOT_A_PLACE = /^(PATH|HOME|PWD|TMPDIR|URL_PATH|BASE_PATH|BASE_URL_PATH|ROOT_PATH|MIX_PATH|ERL_LIBS)$/;
/** Files and folders the app only reads (certificates, keys, mounted secrets, lookup databases, sockets) or URL paths. */
const READ_ONLY = /(^|_)(CERTS?|CACERT|CA|KEY|PEM|SECRETS?|GEOIP\w*|SOCKET|ROUTE|URL|PREFIX|MOUNT)(_|$)/;

export function decideWritablePaths(facts: Facts, mode: DeployMode): RuntimeSummary['writablePaths'] {
  const out: RuntimeSummary['writablePaths'] = [];
  const add = (w: RuntimeSummary['writablePaths'][number]) => {
    if (w.path && (w.path === '/tmp' || w.path.startsWith('/tmp/'))) return;
    if (out.some((o) => (w.env && o.env === w.env) || (w.path && o.path === w.path))) return;
    out.push(w);
  };
  for (const r of facts.envReads) {
    if (r.dynamic || !r.envs.includes('prod') || !(r.runtime || mode === 'mix' || r.via === '{:system, VAR}')) continue;
    if (!(PATH_NAME.test(r.name) || DATA_NAME.test(r.name)) || NOT_A_PLACE.test(r.name) || READ_ONLY.test(r.name)) continue;
    const def = r.default;
    if (def !== null && !def.startsWith('/') && !def.startsWith('.')) continue;
    // `/run/secrets`, `/etc/…`: mounted secrets and system config are read, not written.
    if ((def === null && !PATH_NAME.test(r.name)) || def === '/' || (def !== null && /^\/(run\/secrets|etc)(\/|$)/.test(def))) continue;
    add({ path: def ? folderOf(def) : null, env: r.name, evidence: r.evidence });
  }
  for (const w of facts.runtimeSources.writes) add({ path: w.path, env: w.env, evidence: w.evidence });
  return out;
}

function folderOf(p: string): string {
  const clean = p.replace(/\/+$/, '');
  return /\.[a-z0-9]{1,5}$/i.test(clean) ? clean.slice(0, clean.lastIndexOf('/')) || '/' : clean;
}
