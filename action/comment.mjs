#!/usr/bin/env node
/**
 * The GitHub Action's comment step: posts the Markdown report as one pull-request comment, and on
 * later runs updates that same comment (found by a hidden marker) instead of adding another.
 *
 * GitHub's REST API, as documented at https://docs.github.com/en/rest/issues/comments (API version
 * 2022-11-28): a pull request's conversation comments are issue comments —
 *   GET   {api}/repos/{owner}/{repo}/issues/{number}/comments?per_page=100&page=N   (list, paginated)
 *   POST  {api}/repos/{owner}/{repo}/issues/{number}/comments   {"body": …}          (create, 201)
 *   PATCH {api}/repos/{owner}/{repo}/issues/comments/{id}      {"body": …}          (update, 200)
 * A comment body is at most 65,536 characters; a longer report is cut at a line with a count of what
 * was left out.
 *
 * Environment (set by the runner): GITHUB_API_URL, GITHUB_REPOSITORY, GITHUB_EVENT_PATH,
 * GITHUB_TOKEN; REPORT_FILE (the Markdown report).
 */
import { readFileSync } from 'node:fs';

export const MARKER = '<!-- phoenix-ops-audit -->';
export const MAX_BODY = 65536;

/** The report with the marker, cut at a line boundary to fit GitHub's limit. */
export function commentBody(markdown, max = MAX_BODY) {
  const full = `${MARKER}\n${markdown.trimEnd()}\n`;
  if (full.length <= max) return full;
  const lines = full.split('\n');
  const note = (n) => `\n_… ${n} more ${n === 1 ? 'line' : 'lines'} not shown: the comment is limited to ${max} characters; the full report is in the job log and in code scanning._\n`;
  let kept = lines.length;
  while (kept > 1 && lines.slice(0, kept).join('\n').length + note(lines.length - kept).length > max) kept--;
  return `${lines.slice(0, kept).join('\n')}${note(lines.length - kept)}`;
}

function requireEnv(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
}

async function github(method, url, token, body) {
  const res = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28', 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${new URL(url).pathname}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
  return res.json();
}

/** The comment an earlier run posted (the first with the marker), or null. */
async function earlierComment(api, repo, number, token) {
  for (let page = 1; page <= 50; page++) {
    const list = await github('GET', `${api}/repos/${repo}/issues/${number}/comments?per_page=100&page=${page}`, token);
    const mine = list.find((c) => typeof c.body === 'string' && c.body.startsWith(MARKER));
    if (mine) return mine;
    if (list.length < 100) return null;
  }
  return null;
}

export async function postReport(env = process.env) {
  const api = (env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, '');
  const repo = requireEnv('GITHUB_REPOSITORY');
  const token = requireEnv('GITHUB_TOKEN');
  const event = JSON.parse(readFileSync(requireEnv('GITHUB_EVENT_PATH'), 'utf8'));
  const number = event.pull_request?.number;
  if (typeof number !== 'number') return 'not a pull request: no comment';
  const body = commentBody(readFileSync(requireEnv('REPORT_FILE'), 'utf8'));
  const earlier = await earlierComment(api, repo, number, token);
  if (earlier) {
    await github('PATCH', `${api}/repos/${repo}/issues/comments/${earlier.id}`, token, { body });
    return `updated comment ${earlier.id} on #${number}`;
  }
  const created = await github('POST', `${api}/repos/${repo}/issues/${number}/comments`, token, { body });
  return `posted comment ${created.id} on #${number}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  postReport().then(
    (msg) => console.log(`phoenix-ops: ${msg}`),
    (err) => {
      console.error(`phoenix-ops: the pull-request comment failed: ${err.message}`);
      process.exit(1);
    },
  );
}
