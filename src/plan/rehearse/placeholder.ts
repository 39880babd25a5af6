/**
 * Values of the right shape for what only the deployment knows (secrets, the database the target
 * provisions, values the user must set): a 64-byte secret_key_base, a well-formed database URL for the
 * target's database, a port number for a port. Deterministic, and never a real secret.
 */
import type { EnvRole } from '../../facts/required-env.js';
import { databaseRoleOfName } from '../../facts/runtime-wiring.js';
import type { Database } from '../../scan/profile.js';

export interface ShapeContext {
  /** Role of each env var the runtime config reads (where its value lands). */
  roles: ReadonlyMap<string, EnvRole>;
  database: Database;
  otpApp: string;
  /** The port the target routes to. */
  port: number | null;
  /** The public host the target serves. */
  host: string | null;
}

/** 64 bytes, like `mix phx.gen.secret`'s output. */
export const PLACEHOLDER_KEY_BASE = 'rehearsalKeyBase0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKL';

const DB_PORT: Partial<Record<Database, string>> = { postgres: '5432', mysql: '3306', mssql: '1433' };

function databaseUrl(ctx: ShapeContext): string {
  const scheme = ctx.database === 'mysql' ? 'mysql' : ctx.database === 'mssql' ? 'mssql' : 'postgres';
  return `${scheme}://rehearsal:rehearsal-password@db.internal:${DB_PORT[ctx.database] ?? '5432'}/${ctx.otpApp}_prod`;
}

function byRole(role: EnvRole, ctx: ShapeContext): string | null {
  switch (role) {
    case 'secret-key-base': return PLACEHOLDER_KEY_BASE;
    case 'release-cookie': return 'rehearsal-release-cookie-0123456789abcdef';
    case 'database-url': return ctx.database === 'sqlite' ? null : databaseUrl(ctx);
    case 'database-path': return `/data/${ctx.otpApp}.db`;
    case 'db-host': return 'db.internal';
    case 'db-user': return 'rehearsal';
    case 'db-password': return 'rehearsal-password';
    case 'db-name': return `${ctx.otpApp}_prod`;
    case 'db-port': return DB_PORT[ctx.database] ?? '5432';
    case 'redis-url': return 'redis://redis.internal:6379';
    case 'port': return ctx.port === null ? '4000' : String(ctx.port);
    case 'host': return ctx.host ?? 'app.example.net';
    case 'server': return 'true';
  }
}

/** By the variable's name when its place in the config says nothing. */
function byName(name: string): string {
  const n = name.toUpperCase();
  if (/(SECRET_KEY_BASE|KEY_BASE)$/.test(n)) return PLACEHOLDER_KEY_BASE;
  if (/REDIS.*(URL|URI)$/.test(n)) return 'redis://redis.internal:6379';
  if (/PORT$/.test(n)) return '4000';
  if (/(SIZE|COUNT|TIMEOUT|LIMIT|MAX|MIN|_MS|SECONDS|NUMBER|TTL)$/.test(n)) return '10';
  if (/(URL|URI|ENDPOINT)$/.test(n)) return 'https://rehearsal.example.net';
  if (/(HOST|HOSTNAME|DOMAIN)$/.test(n)) return 'rehearsal.example.net';
  if (/(ENABLED|DISABLED)$|^(ENABLE|DISABLE)_/.test(n)) return 'false';
  if (/(SECRET|TOKEN|KEY|SALT|PASSWORD|PASS)$/.test(n)) return 'rehearsal-secret-0123456789abcdef0123456789abcdef';
  return 'rehearsal';
}

/** A stand-in value of the right shape for NAME. */
export function placeholderValue(name: string, ctx: ShapeContext): string {
  const role = ctx.roles.get(name) ?? null;
  const fromRole = role ? byRole(role, ctx) : null;
  if (fromRole !== null) return fromRole;
  const dbRole = ctx.database !== 'none' && /DB|DATABASE|PG|MYSQL|POSTGRES/.test(name.toUpperCase()) ? databaseRoleOfName(name) : null;
  const fromDb = dbRole ? byRole(dbRole, ctx) : null;
  return fromDb ?? byName(name);
}
