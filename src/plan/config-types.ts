/** DeployConfig lives in the leaf src/model/deploy-config.ts. */
export type { DeployConfig } from '../model/deploy-config.js';
