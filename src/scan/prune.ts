/**
 * Folders the scan never needs to walk: what they hold is neither Phoenix code nor a deployment
 * file (front-end sources under `assets/`, test suites and their fixtures, compiled assets). The
 * files a scan reads from those trees sit at their top (`assets/package.json`, build configs).
 */
const ASSET_SOURCES = /(^|\/)assets\/(js|css|ts|scss|sass|styles|src|vendor|static|fonts|images|svg|icons|tests?|node_modules)$/;
const TESTS = /(^|\/)(test|spec)$/;

/** A skip predicate for the walk, given the project's folder prefix. */
export function pruneWalk(projectPrefix: string): (rel: string, isDir: boolean) => boolean {
  return (rel, isDir) => {
    if (!isDir) return false;
    if (ASSET_SOURCES.test(rel)) return true;
    // test/ of the project or of an umbrella app (not a repository-level folder of something else).
    if (TESTS.test(rel) && (rel === `${projectPrefix}test` || /(^|\/)apps\/[^/]+\/test$/.test(rel) || (!projectPrefix && rel === 'test'))) return true;
    return /(^|\/)priv\/(static|gettext)$/.test(rel);
  };
}
