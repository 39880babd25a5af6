/**
 * Whether a `.dockerignore` keeps a path out of the build context, with Docker's own rules (moby's
 * fileutils, which BuildKit keeps): patterns anchored at the context root and cleaned like paths,
 * `*` and `?` within one segment, `**` across folders, `!` exceptions where the last match wins, and a
 * pattern that matches a folder excluding everything under it. @balena/dockerignore is a line-by-line
 * port of that code; matching is case-sensitive, as on the Linux builders images are built on.
 */
import balena from '@balena/dockerignore';

// The CommonJS export is the factory, and also its own `default`: TypeScript (NodeNext) sees the latter.
const dockerignore = balena.default;

/** True when the .dockerignore patterns keep `path` (context-relative) out of the build context. */
export function dockerignoreExcludes(patterns: readonly string[], path: string): boolean {
  return dockerignore({ ignorecase: false }).add([...patterns]).ignores(path);
}
