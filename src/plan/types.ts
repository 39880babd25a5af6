/** The plan's types live in the leaf src/model/plan.ts (targets, plan, cost and apply share them). */
export type * from '../model/plan.js';
