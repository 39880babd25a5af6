/**
 * The fake Gigalixir account shared by the gigalixir, curl and git stubs: apps with their configs and
 * databases, in the `gigalixir` section of the ledger. Secret config values are held as digests (the values
 * go to secrets.json, see lib.mjs); plain values as they are.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Fail, digest, storeSecret } from './lib.mjs';

export function world(ctx) {
  const g = ctx.section('gigalixir');
  g.apps ??= {};
  return g;
}

/** The app, or the API's 404 as the CLI reports it (app.py raises Exception(r.text), report_errors prints it, exit 1). */
export function appOf(g, name) {
  const a = g.apps[name];
  if (!a) throw new Fail(`{"errors":{"":["Could not find app ${name}."]}}`);
  return a;
}

/** A config value as the stub keeps it: secret-looking names (and any value given over the API) as digests. */
export function setConfig(a, key, value, secret) {
  a.configs[key] = secret ? { digest: storeSecret(`gigalixir:${a.name}:${key}`, value) } : { value };
}

export const configView = (a) => Object.fromEntries(Object.entries(a.configs).map(([k, v]) => [k, v.value ?? `<digest ${v.digest}>`]));

/** The local git remotes (`gigalixir` → app): kept outside the ledger, like a real checkout's .git/config. */
const remotesFile = () => join(process.env.STUB_DIR, 'git-remotes.json');
export function remotes() {
  return existsSync(remotesFile()) ? JSON.parse(readFileSync(remotesFile(), 'utf8')) : {};
}
export function setRemote(name, app) {
  writeFileSync(remotesFile(), JSON.stringify({ ...remotes(), [name]: app }));
}

export { digest };
