/** Dockerfile questions (stages, ARG substitution, commands, COPY sources…) live in src/facts/dockerfile.ts. */
export * from '../facts/dockerfile.js';
