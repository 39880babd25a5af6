/**
 * Path patterns as Elixir's `Path.wildcard/2` reads them (`import_config "../apps/<*>/config/config.exs"`
 * with <*> a star, `"*.secret.exs" |> Path.expand(__DIR__) |> Path.wildcard()`), matched against the root-relative
 * paths of the files present: `*` and `?` within one path segment, `[…]` and `{a,b}`, `**` across
 * folders, and no match of a dotfile by a wildcard (Path.wildcard's default). picomatch does the matching.
 */
import picomatch from 'picomatch';

/** `a/./b/../c` → `a/c`: the pattern as a path relative to the root (a leading `..` past the root is dropped). */
export function normalizePath(p: string): string {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '.' || part === '') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

/** True when the root-relative `path` matches `pattern` (itself normalized first). */
export function matchesPathGlob(pattern: string, path: string): boolean {
  return picomatch.isMatch(path, normalizePath(pattern));
}
