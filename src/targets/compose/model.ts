/**
 * What compose.yaml is rendered from: the deploy facts with the database compose runs itself (its
 * service's host, user, name and port fill the app's database parts), the database name and the
 * password variable the db service and the app share.
 */
import type { DeployConfig } from '../../model/deploy-config.js';
import type { RenderOptions } from '../../model/plan.js';
import type { Profile } from '../../scan/profile.js';
import { deployFacts, type DeployFacts } from '../../facts/deploy.js';
import { dbPort, sqlEngine, type SqlEngine } from './datastores.js';
import { writablePaths, type WritablePath } from '../../facts/writable-paths.js';
import { migrationStep, type MigrationStep } from '../../facts/migration-step.js';

/** Env vars the container runtime sets by itself. */
export const COMPOSE_PLATFORM_ENV = ['HOSTNAME'] as const;

export interface ComposeModel {
  facts: DeployFacts;
  engine: SqlEngine | null;
  dbName: string;
  passwordVar: 'POSTGRES_PASSWORD' | 'MYSQL_ROOT_PASSWORD';
  /** Folders the app writes to: each gets a named volume mounted where the app writes. */
  writable: WritablePath[];
  /** A one-shot migrate service runs before the app (see facts/migration-step.ts), and why not when it does not. */
  migration: MigrationStep;
}

export function composeModel(profile: Profile, config: DeployConfig, options: RenderOptions = {}): ComposeModel {
  const engine = sqlEngine(config.database.kind === 'auto' ? profile.database : config.database.kind);
  const dbName = `${profile.web.otpApp}_prod`;
  // compose runs the database itself: the app's database parts (DATABASE_HOST, …) get the db service's values.
  const databaseParts = engine
    ? { 'db-host': 'db', 'db-user': engine === 'postgres' ? 'postgres' : 'root', 'db-name': dbName, 'db-port': String(dbPort(engine)) }
    : undefined;
  const facts = deployFacts(profile, config, { ...options, platformEnv: COMPOSE_PLATFORM_ENV, defaultHost: 'localhost', databaseParts });
  const migration = migrationStep(profile);
  return { facts, engine, dbName, passwordVar: engine === 'mysql' ? 'MYSQL_ROOT_PASSWORD' : 'POSTGRES_PASSWORD', writable: [...writablePaths(profile)], migration };
}
