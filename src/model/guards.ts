/** Narrowing for parsed JSON, YAML and TOML, whose values are `unknown` until checked. */

/** A plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
