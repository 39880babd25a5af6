/**
 * Database and Redis versions shared by every target that runs or provisions them, so CI's service
 * container, the Compose file, Cloud SQL and the VPS notes agree on one major version.
 */
import type { Profile } from '../../scan/profile.js';
import { literal, kwGet } from '../../scan/term.js';

/** Postgres major version: CI service, Compose image, Cloud SQL `POSTGRES_17`. */
export const POSTGRES_MAJOR = '17';
/** MySQL version: CI service, Compose image, Cloud SQL `MYSQL_8_4` (8.4 is the LTS line). */
export const MYSQL_VERSION = '8.4';
/** Redis version: Compose image and Memorystore `REDIS_7_2`. */
export const REDIS_VERSION = '7.4';

export const POSTGRES_IMAGE = `postgres:${POSTGRES_MAJOR}`;
export const MYSQL_IMAGE = `mysql:${MYSQL_VERSION}`;
export const REDIS_IMAGE = `redis:${REDIS_VERSION}`;

export type SqlEngine = 'postgres' | 'mysql';

/** The engine phoenix-ops can run or provision for the database, or null (sqlite, mssql, none). */
export function sqlEngine(db: string): SqlEngine | null {
  return db === 'postgres' || db === 'mysql' ? db : null;
}

export function dbPort(engine: SqlEngine): number {
  return engine === 'postgres' ? 5432 : 3306;
}

/** Test-database credentials as written in config/test.exs (literal values only), for CI service containers. */
export interface TestDbCredentials {
  username: string;
  password: string;
}

/**
 * Reads the Repo's `username`/`password` from config/test.exs. Throwaway test credentials (the generator
 * writes postgres/postgres and root/""), never production secrets; defaults match the Phoenix generator.
 */
export function testDbCredentials(profile: Profile, engine: SqlEngine): TestDbCredentials {
  const calls = profile.facts.config.filter((c) => c.env === 'test' && !c.runtime && c.key !== null && /Repo$/.test(c.key));
  let username: string | null = null;
  let password: string | null = null;
  for (const c of calls) {
    username = literal(kwGet(c.opts, 'username')) ?? username;
    password = literal(kwGet(c.opts, 'password')) ?? password;
  }
  const defaults = engine === 'postgres' ? { username: 'postgres', password: 'postgres' } : { username: 'root', password: '' };
  return { username: username ?? defaults.username, password: password ?? defaults.password };
}
