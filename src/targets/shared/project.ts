/** Project questions (where the Phoenix project sits, the web app, build-time config…) live in src/facts/project.ts. */
export * from '../../facts/project.js';
