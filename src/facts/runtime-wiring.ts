/**
 * What a target must set for the app to boot, decided once from the scan's `runtime` facts: the
 * variables that carry the port the target routes to (PORT and the app's own, `MYAPP_PORT`), the port
 * to route to when the app's port is fixed, the variables that turn the endpoint's server on
 * (`PHX_SERVER`, `env:START_WEB`), and the variables that carry the database connection, each with the
 * part of the connection it carries (the URL, or the host, user, password, name, port; the SQLite path).
 *
 * A part comes from where the read lands in the Repo config (the env roles), else from the variable's
 * name (`DB_PASS`, `PGHOST`, `MYAPP_DATABASE_URL`, `DATABASE_URL_PROD`).
 */
import type { Evidence, Profile } from '../scan/profile.js';
import { computed } from './computed.js';
import { envRoles, type EnvRole } from './required-env.js';

/** The roles a database variable can have: its URL, one of its parts, or the SQLite path. */
export type DatabaseRole = Extract<EnvRole, 'database-url' | 'database-path' | 'db-host' | 'db-user' | 'db-password' | 'db-name' | 'db-port'>;

export interface DatabaseVar {
  name: string;
  /** The part of the connection it carries, or null when neither its place nor its name says. */
  role: DatabaseRole | null;
  evidence: Evidence | null;
}

export interface RuntimeWiring {
  /** Variables set to the port the target routes to: PORT, and the app's own port variable. */
  portVars: string[];
  /** The port the app listens on whatever the environment says (it reads no port variable): the target routes there. */
  fixedPort: number | null;
  /** Variables set to "true" so the endpoint serves. */
  serverVars: string[];
  /** Variables carrying the primary database connection on the default prod path. */
  database: DatabaseVar[];
}

const DATABASE_ROLES: readonly DatabaseRole[] = ['database-url', 'database-path', 'db-host', 'db-user', 'db-password', 'db-name', 'db-port'];
const isDatabaseRole = (r: EnvRole | undefined): r is DatabaseRole => DATABASE_ROLES.some((d) => d === r);

/** The part a name says it carries, read from its end (`_PROD` and other env suffixes dropped first). */
const BY_NAME_END: readonly [RegExp, DatabaseRole][] = [
  [/(URL|URI|DSN)$/, 'database-url'],
  [/(HOST|HOSTNAME|SERVER)$/, 'db-host'],
  [/(USER|USERNAME|LOGIN)$/, 'db-user'],
  [/(PASS|PASSWORD|PASSWD|PWD)$/, 'db-password'],
  [/PORT$/, 'db-port'],
  [/(PATH|FILE)$/, 'database-path'],
  [/(NAME|DATABASE|DB)$/, 'db-name'],
];

/** The part of the connection a database variable carries, from its name. */
export function databaseRoleOfName(name: string): DatabaseRole | null {
  const core = name.toUpperCase().replace(/_(PROD|PRODUCTION|PRD|PRIMARY|RW)$/, '');
  return BY_NAME_END.find(([re]) => re.test(core))?.[1] ?? null;
}

/** The first alternative of a port chain (`"HTTP_PORT|PORT"` → HTTP_PORT). */
function firstAlternative(chain: string | null | undefined): string | null {
  const first = chain?.split('|')[0]?.trim();
  return first ? first : null;
}

function serverVars(enabledBy: string | undefined): string[] {
  if (enabledBy?.startsWith('env:')) return ['PHX_SERVER', enabledBy.slice(4)];
  return ['PHX_SERVER'];
}

export const runtimeWiring = computed((profile: Profile): RuntimeWiring => {
  // Hand-built profiles may have no runtime facts: then only the Phoenix defaults.
  const rt: Profile['runtime'] | undefined = profile.runtime;
  const portVar = firstAlternative(rt?.portEnv);
  const portVars = portVar && portVar !== 'PORT' ? ['PORT', portVar] : ['PORT'];
  const fixedPort = rt && !rt.portEnv && rt.listenPort !== null ? rt.listenPort : null;
  const roles = profile.facts ? envRoles(profile) : new Map<string, EnvRole>();
  const evidence = new Map((profile.runtimeConfig?.env ?? []).map((v) => [v.name, v.evidence] as const));
  const database = (rt?.databaseEnv ?? []).map((name): DatabaseVar => {
    const role = roles.get(name);
    return { name, role: isDatabaseRole(role) ? role : databaseRoleOfName(name), evidence: evidence.get(name) ?? profile.facts?.evidence?.['runtime.databaseEnv'] ?? null };
  });
  return { portVars, fixedPort, serverVars: serverVars(rt?.serverEnabledBy), database };
});
