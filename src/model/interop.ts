/** The named exports of a dynamically imported CommonJS package, bundled or not (a bundle exposes only `default`). */
export function named<T extends object>(mod: T, key: keyof T): T {
  const d = 'default' in mod ? mod.default : undefined;
  return mod[key] === undefined && d && typeof d === 'object' ? (d as T) : mod;
}
