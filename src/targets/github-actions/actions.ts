/** The pinned actions live in ../shared/actions.ts (deploy jobs of every target use them). */
export * from '../shared/actions.js';
