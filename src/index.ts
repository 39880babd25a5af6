/** Library entry: every stage is a plain function with typed results; the CLI is a thin layer over these. */
export { scan, ScanError } from './scan/index.js';
export { toScanJson } from './scan/json.js';
export type * from './scan/profile.js';
export type { Term } from './scan/term.js';
export { audit, failsAt } from './audit/engine.js';
export type { AuditResult, AuditOptions } from './audit/engine.js';
export type { Finding, Severity, Category } from './audit/types.js';
export type { Rule } from './audit/rule.js';
export { rules } from './audit/rules/index.js';
export { loadConfig, defaultConfig, parseConfig, ConfigError } from './plan/config.js';
export type { DeployConfig } from './model/deploy-config.js';
export { plan } from './plan/planner.js';
export type { Plan, GeneratedFile, Patch, SecretSpec, Step } from './model/plan.js';
export { targets } from './targets/index.js';
export { estimate } from './cost/estimate.js';
export type { Estimate, LineItem } from './cost/types.js';
export { verify, VerifyError, checks as verifyChecks } from './verify/index.js';
export type { VerifyOptions, VerifyResult, VerifyCheck, Artifacts as VerifyArtifacts } from './verify/index.js';
