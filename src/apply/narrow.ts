/** Narrowing without casts, for what comes from JSON (CLI output, files) and from caught errors. */

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `err.code` of a Node error (ENOENT, EEXIST…), when it has one. */
export function errnoCode(err: unknown): string | undefined {
  return isRecord(err) && typeof err.code === 'string' ? err.code : undefined;
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A string field of a JSON object, or undefined. */
export function stringField(v: unknown, key: string): string | undefined {
  const x = isRecord(v) ? v[key] : undefined;
  return typeof x === 'string' ? x : undefined;
}

/** A number field of a JSON object, or undefined. */
export function numberField(v: unknown, key: string): number | undefined {
  const x = isRecord(v) ? v[key] : undefined;
  return typeof x === 'number' ? x : undefined;
}
