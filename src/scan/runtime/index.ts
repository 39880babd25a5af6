/**
 * The `runtime` field of the summary: the facts that decide whether a deployment boots, one decider
 * per fact (deploy-mode.ts, server.ts, port.ts, database-env.ts, executables.ts, writable-paths.ts),
 * each with its evidence under `runtime.<fact>` and, where it chose, why.
 */
import type { Evidence, RuntimeSummary } from '../profile.js';
import type { Decider } from '../decide/types.js';
import { decideDatabaseEnv } from './database-env.js';
import { decideDeployMode } from './deploy-mode.js';
import { decideExecutables } from './executables.js';
import { decidePort } from './port.js';
import { servedEndpoint } from './served-endpoint.js';
import { decideServerEnabledBy } from './server.js';
import { decideWritablePaths } from './writable-paths.js';

export const decideRuntime: Decider<'runtime'> = ({ facts, web, relOverlays }) => {
  const mode = decideDeployMode(facts, relOverlays);
  const served = servedEndpoint(facts, web);
  const server = decideServerEnabledBy(facts, served, mode.value, mode.evidence);
  const port = decidePort(facts, served, mode.value);
  const db = decideDatabaseEnv(facts, web, mode.value);
  const value: RuntimeSummary = {
    deployMode: mode.value,
    serverEnabledBy: server.value,
    portEnv: port.portEnv,
    listenPort: port.listenPort,
    databaseEnv: db.value,
    executables: decideExecutables(facts),
    writablePaths: decideWritablePaths(facts, mode.value),
  };
  const evidence: Record<string, Evidence | null> = {
    'runtime.deployMode': mode.evidence,
    'runtime.serverEnabledBy': server.evidence,
    'runtime.port': port.evidence,
    'runtime.databaseEnv': db.evidence,
  };
  const reasons: Record<string, string> = { 'runtime.deployMode': mode.reason };
  if (server.reason) reasons['runtime.serverEnabledBy'] = server.reason;
  if (served.reason) reasons['runtime.endpoint'] = served.reason;
  if (port.reason) reasons['runtime.port'] = port.reason;
  if (db.reason) reasons['runtime.databaseEnv'] = db.reason;
  return { value, evidence, reasons };
};
