/**
 * Tokens that stand in for values a plan must never contain. Steps carry them in their argv; `apply`
 * replaces them just before running the step (and keeps the values out of its logs and state):
 *
 * - `{{generate:secret-key-base}}`, `{{generate:release-cookie}}`: a fresh random value
 *   (64 random bytes base64 for SECRET_KEY_BASE, like `mix phx.gen.secret`; 32 for the cookie).
 * - `{{input:NAME}}`: asked from the user (or read from the environment variable NAME in CI).
 * - `{{output:STEP.FIELD}}`: a value printed by an earlier step (a cluster id, a connection URL).
 * - `{{build:image-tag}}`: the release image's tag, chosen by `apply` for this build (IMAGE_TAG in src/model/image-tag.ts;
 *   src/apply/image-tag.ts chooses it). Not a secret: allowed in argv.
 *   Every command of the run also sees it as $PHOENIX_OPS_IMAGE_TAG (compose.yaml interpolates it).
 */
export type GeneratedSecret = 'secret-key-base' | 'release-cookie';

export const generated = (kind: GeneratedSecret): string => `{{generate:${kind}}}`;
export const input = (name: string): string => `{{input:${name}}}`;
export const output = (stepId: string, field: string): string => `{{output:${stepId}.${field}}}`;

/** Every placeholder in a string. */
export function placeholders(s: string): string[] {
  return [...s.matchAll(/\{\{(generate|input|output|build):[^}]+\}\}/g)].map((m) => m[0]);
}
