/** Library entry: every stage is a plain async function with typed results. */
export { scan, ScanError } from './scan/index.js';
export type * from './scan/profile.js';
export type { Term } from './scan/term.js';
