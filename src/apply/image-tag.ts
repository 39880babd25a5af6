/**
 * The tag of the release image one apply builds, chosen at apply time and never written into a generated
 * file (generated output stays the same bytes for the same input): `git-<12 hex>`, the commit of HEAD, when
 * the project is a git checkout with nothing changed or untracked under it; otherwise `src-<12 hex>`, the
 * start of a sha256 over the build context — every file the project's `.dockerignore` lets through (Docker's
 * own matching, @balena/dockerignore), path and bytes, in path order. Two different trees get two different
 * tags, so each build is a new image reference and every provider rolls it out (a re-pushed `latest` is not:
 * `gcloud run services replace` makes no revision for an unchanged spec, Kubernetes does not pull a tag it
 * has). Both forms are valid Docker tags and DNS-1123 labels (the Kubernetes migration Job is named after it).
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import balena from '@balena/dockerignore';
import { glob } from 'tinyglobby';
import { hashFiles } from './fingerprint.js';

// The CommonJS export is the factory, and also its own `default`: TypeScript (NodeNext) sees the latter.
const dockerignore = balena.default;
const run = promisify(execFile);

/** HEAD's commit (12 hex digits) when `projectDir` is inside a git checkout with a clean tree under it, else null. */
export async function cleanGitCommit(projectDir: string): Promise<string | null> {
  try {
    const opts = { cwd: projectDir, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } };
    const status = await run('git', ['status', '--porcelain', '--untracked-files=normal', '--', '.', ':(exclude).phoenix-ops'], opts);
    if (status.stdout.trim() !== '') return null;
    const head = await run('git', ['rev-parse', '--short=12', 'HEAD'], opts);
    const sha = head.stdout.trim();
    return /^[0-9a-f]{7,40}$/.test(sha) ? sha : null;
  } catch {
    // Not a checkout, no commit yet, or no git: the content digest stands in.
    return null;
  }
}

async function dockerignorePatterns(projectDir: string): Promise<string[]> {
  try {
    return (await readFile(join(projectDir, '.dockerignore'), 'utf8')).split(/\r?\n/);
  } catch {
    return [];
  }
}

/** sha256 (hex) over the files `docker build .` sends from projectDir: paths and bytes, in path order. */
export async function buildContextDigest(projectDir: string): Promise<string> {
  const ignore = dockerignore({ ignorecase: false }).add(await dockerignorePatterns(projectDir));
  const files = (await glob('**/*', { cwd: projectDir, dot: true, ignore: ['.git/**', '.phoenix-ops/**'], onlyFiles: true, followSymbolicLinks: false })).filter((f) => !ignore.ignores(f));
  return hashFiles(projectDir, files);
}

/** `git-<commit>` for a clean checkout, else `src-<digest of the build context>`. */
export async function chooseImageTag(projectDir: string): Promise<string> {
  const commit = await cleanGitCommit(projectDir);
  if (commit) return `git-${commit}`;
  return `src-${(await buildContextDigest(projectDir)).slice(0, 12)}`;
}
