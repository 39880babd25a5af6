/**
 * Third-party actions the workflows use, pinned to full commit SHAs. Each SHA was checked (2026-11-22)
 * against several independent public workflows that pin the same tag (`uses: owner/repo@<sha> # <tag>`);
 * none is made up. To move one: resolve the new tag with `git ls-remote https://github.com/<repo> refs/tags/<tag>`.
 */
export interface PinnedAction {
  repo: string;
  sha: string;
  /** The release tag the SHA points at (shown as the `# tag` comment). */
  tag: string;
}

const pin = (repo: string, sha: string, tag: string): PinnedAction => ({ repo, sha, tag });

export const ACTIONS = {
  checkout: pin('actions/checkout', 'de0fac2e4500dabe0009e67214ff5f5447ce83dd', 'v6.0.2'),
  cache: pin('actions/cache', '668228422ae6a00e4ad889ee87cd7109ec5666a7', 'v5.0.4'),
  setupBeam: pin('erlef/setup-beam', 'fc68ffb90438ef2936bbb3251622353b3dcb2f93', 'v1.24.0'),
  setupBuildx: pin('docker/setup-buildx-action', 'b5ca514318bd6ebac0fb2aedd5d36ec1b5c232a2', 'v3.10.0'),
  dockerLogin: pin('docker/login-action', '74a5d142397b4f367a81961eba4e8cd7edddf772', 'v3.4.0'),
  buildPush: pin('docker/build-push-action', '263435318d21b8e681c14492fe198d362a7d2c83', 'v6.18.0'),
  setupFlyctl: pin('superfly/flyctl-actions/setup-flyctl', 'fc53c09e1bc3be6f54706524e3b82c4f462f77be', '1.5'),
  gcpAuth: pin('google-github-actions/auth', '7c6bc770dae815cd3e89ee6cdf493a5fab2cc093', 'v3.0.0'),
  setupGcloud: pin('google-github-actions/setup-gcloud', 'aa5489c8933f4cc7a4f7d45035b3b1440c9c10db', 'v3.0.1'),
} as const;

/** The `uses:` value: owner/repo@sha. */
export function uses(a: PinnedAction): string {
  return `${a.repo}@${a.sha}`;
}

/** SHA → tag, for the trailing `# tag` comments. */
export const TAG_OF_SHA: ReadonlyMap<string, string> = new Map(Object.values(ACTIONS).map((a) => [a.sha, a.tag]));
