/**
 * Every link phoenix-ops prints or writes (rule documentation in reports, SARIF's `helpUri` and
 * `informationUri`, the verify user agent) is derived from package.json's `repository` and
 * `homepage`, so a fork that changes them changes every link.
 */
import pkg from '../../package.json' with { type: 'json' };

/** `git+https://github.com/o/r.git` → `https://github.com/o/r`. */
export function repositoryWebUrl(url: string): string {
  return url.replace(/^git\+/, '').replace(/\.git$/, '');
}

export const REPOSITORY_URL = repositoryWebUrl(pkg.repository.url);
export const HOMEPAGE_URL = pkg.homepage;

/** The absolute address of a documentation page given relative to the package (`docs/rules/csp-missing.md`). */
export function docsUrl(relativePath: string): string {
  return `${REPOSITORY_URL}/blob/main/${relativePath.replace(/^\.?\//, '')}`;
}
