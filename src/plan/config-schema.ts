/** The schema of phoenix-ops.yaml lives in the leaf src/model/config-schema.ts (DeployConfig is derived from it). */
export * from '../model/config-schema.js';
