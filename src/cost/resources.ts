/** Resources are a shared type (src/model/resource.ts): targets produce them, the estimator prices them. */
export type { Resource, ResourceKind } from '../model/resource.js';
