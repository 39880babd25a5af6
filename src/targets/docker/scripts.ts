/**
 * The release overlay scripts (templates/server.eta, migrate.eta) and rel/env.sh.eex (env.sh.eta).
 *
 * env.sh.eex is written for every app, clustered or not: it gives each node a long name that other nodes
 * (and `bin/<release> remote` over `fly ssh console` / `kubectl exec`) can reach, and on Fly switches
 * distribution and Ecto to IPv6, the only private network there. With clustering off nothing connects
 * to anything, so it changes no behaviour; with clustering on it is what makes it work. It contains no
 * EEx tags, so the file the release renders from it equals this text.
 */
import type { DockerBuild } from './model.js';
import { envSh, migrate, server } from './templates/index.js';

export function serverScript(b: DockerBuild): string {
  return server.render({ migrateOnBoot: b.migrateOnBoot, releaseName: b.facts.releaseName, releaseModule: b.facts.releaseModule });
}

export function migrateScript(b: DockerBuild): string {
  return migrate.render({ releaseName: b.facts.releaseName, releaseModule: b.facts.releaseModule });
}

export function envScript(b: DockerBuild): string {
  return envSh.render({ releaseName: b.facts.releaseName });
}
