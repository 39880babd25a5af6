/**
 * The GitHub Action (action.yml, action/audit.sh, action/comment.mjs): its steps pass actionlint and
 * shellcheck, the README's example workflow passes actionlint, the audit step writes the outputs the
 * later steps read, and the comment step talks to GitHub's REST API as documented — checked against
 * a local stub of the three issue-comment endpoints on 127.0.0.1.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';
import { makeProject, REPO } from '../helpers/project.js';
import { validateWorkflow } from '../helpers/validate-more.js';

interface ActionMeta {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; steps: Record<string, unknown>[] };
}

const action = parse(readFileSync(join(REPO, 'action.yml'), 'utf8')) as ActionMeta;

describe('action.yml', () => {
  it('is a composite action with the documented inputs', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs).sort()).toEqual(['comment', 'fail-on', 'path', 'targets', 'token']);
  });

  it("its steps pass actionlint (as the jobs of a reusable workflow declaring the action's inputs)", async () => {
    const inputs = Object.fromEntries(Object.keys(action.inputs).map((k) => [k, { type: 'string', required: false }]));
    const workflow = {
      name: 'action',
      on: { workflow_call: { inputs } },
      permissions: { contents: 'read' },
      jobs: { action: { 'runs-on': 'ubuntu-latest', permissions: { contents: 'read', 'pull-requests': 'write', 'security-events': 'write' }, steps: action.runs.steps } },
    };
    await expect(validateWorkflow(stringify(workflow), '.github/workflows/action.yml')).resolves.toBeUndefined();
  });

  it("the README's example workflow passes actionlint", async () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const m = /<!-- example-workflow -->\n```yaml\n([\s\S]*?)```/.exec(readme);
    expect(m?.[1]).toBeDefined();
    await expect(validateWorkflow(m?.[1] ?? '', '.github/workflows/phoenix-ops.yml')).resolves.toBeUndefined();
  });

  it('action/audit.sh passes shellcheck', () => {
    const r = spawnSync('shellcheck', [join(REPO, 'action', 'audit.sh')], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

/** Runs the audit step as the runner would, returning its outputs and exit code. */
function runAuditStep(env: Record<string, string>): { code: number | null; outputs: Record<string, string>; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'phoenix-ops-action-'));
  const output = join(dir, 'output');
  writeFileSync(output, '');
  const r = spawnSync('bash', [join(REPO, 'action', 'audit.sh')], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, PHOENIX_OPS: CLI, OUT_DIR: join(dir, 'out'), GITHUB_OUTPUT: output, NO_COLOR: '1', ...env },
  });
  const outputs = Object.fromEntries(
    readFileSync(output, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  return { code: r.status, outputs, stderr: r.stderr };
}

describe('the audit step', () => {
  it('writes the SARIF, the Markdown with each target plan, the score, and hands on the exit code', () => {
    const { code, outputs } = runAuditStep({ INPUT_PATH: makeProject(), INPUT_FAIL_ON: 'low', INPUT_TARGETS: 'fly, docker' });
    expect(code).toBe(0);
    expect(outputs['exit-code']).toBe('1');
    expect(Number(outputs.score)).toBeGreaterThanOrEqual(0);
    const sarif = JSON.parse(readFileSync(outputs['sarif-file'] ?? '', 'utf8')) as { version: string };
    expect(sarif.version).toBe('2.1.0');
    const md = readFileSync(outputs['markdown-file'] ?? '', 'utf8');
    expect(md).toMatch(/^## phoenix-ops audit of hello_phoenix: \d+\/100/);
    expect(md).toContain('<summary>Plan for fly</summary>');
    expect(md).toContain('<summary>Plan for docker</summary>');
  });

  it('with fail-on none the exit code is 0', () => {
    expect(runAuditStep({ INPUT_PATH: makeProject(), INPUT_FAIL_ON: 'none' }).outputs['exit-code']).toBe('0');
  });

  it('a path without a Phoenix project: exit code 2, nothing to upload or post', () => {
    const { code, outputs, stderr } = runAuditStep({ INPUT_PATH: mkdtempSync(join(tmpdir(), 'phoenix-ops-empty-')) });
    expect(code).toBe(0);
    expect(outputs['exit-code']).toBe('2');
    expect(outputs['sarif-file']).toBeUndefined();
    expect(stderr).toMatch(/^phoenix-ops: /);
  });
});

interface Comment {
  id: number;
  body: string;
}

/** GitHub's issue-comment endpoints (docs.github.com/en/rest/issues/comments), in memory. */
class GitHubStub {
  comments: Comment[] = [];
  requests: string[] = [];
  private server: Server | null = null;
  private nextId = 1000;

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req).then(([status, body]) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))));
    await new Promise<void>((ok) => this.server?.listen(0, '127.0.0.1', ok));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((ok) => (this.server ? this.server.close(() => ok()) : ok()));
  }

  private async handle(req: IncomingMessage): Promise<[number, unknown]> {
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    const url = new URL(req.url ?? '/', 'http://stub');
    this.requests.push(`${req.method} ${url.pathname}${url.search}`);
    if (req.headers.authorization !== 'Bearer test-token') return [401, { message: 'Bad credentials' }];
    if (req.headers['x-github-api-version'] !== '2022-11-28') return [400, { message: 'unsupported API version' }];
    const list = /^\/repos\/acme\/shop\/issues\/7\/comments$/.test(url.pathname);
    const one = /^\/repos\/acme\/shop\/issues\/comments\/(\d+)$/.exec(url.pathname);
    if (list && req.method === 'GET') {
      const perPage = Number(url.searchParams.get('per_page') ?? 30);
      const page = Number(url.searchParams.get('page') ?? 1);
      return [200, this.comments.slice((page - 1) * perPage, page * perPage)];
    }
    if (list && req.method === 'POST') {
      const c = { id: this.nextId++, body: (JSON.parse(raw) as { body: string }).body };
      this.comments.push(c);
      return [201, c];
    }
    const found = one ? this.comments.find((c) => c.id === Number(one[1])) : undefined;
    if (found && req.method === 'PATCH') {
      found.body = (JSON.parse(raw) as { body: string }).body;
      return [200, found];
    }
    return [404, { message: 'Not Found' }];
  }
}

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The comment script as a separate process, asynchronously: the stub answers from this process. */
function runScript(env: Record<string, string>): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [join(REPO, 'action', 'comment.mjs')], { env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += String(d)));
    p.stderr.on('data', (d) => (stderr += String(d)));
    p.on('error', reject);
    p.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function runComment(api: string, report: string, event: object = { pull_request: { number: 7 } }): Promise<Ran> {
  const dir = mkdtempSync(join(tmpdir(), 'phoenix-ops-comment-'));
  writeFileSync(join(dir, 'event.json'), JSON.stringify(event));
  writeFileSync(join(dir, 'report.md'), report);
  return runScript({ GITHUB_API_URL: api, GITHUB_REPOSITORY: 'acme/shop', GITHUB_EVENT_PATH: join(dir, 'event.json'), GITHUB_TOKEN: 'test-token', REPORT_FILE: join(dir, 'report.md') });
}

describe('the comment step against a local GitHub API stub', () => {
  const gh = new GitHubStub();
  let api = '';
  beforeAll(async () => {
    api = await gh.start();
  });
  afterAll(() => gh.stop());

  it('posts one comment, then updates it on the next run instead of adding another', async () => {
    // Someone else's comments fill the first page: the earlier report is found on the second.
    for (let i = 0; i < 100; i++) gh.comments.push({ id: i + 1, body: `review comment ${i}` });
    const first = await runComment(api, '## phoenix-ops audit: 80/100\n');
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/posted comment \d+ on #7/);
    const second = await runComment(api, '## phoenix-ops audit: 95/100\n');
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/updated comment \d+ on #7/);
    const ours = gh.comments.filter((c) => c.body.startsWith('<!-- phoenix-ops-audit -->'));
    expect(ours).toHaveLength(1);
    expect(ours[0]?.body).toContain('95/100');
    expect(gh.requests.filter((r) => r.startsWith('GET')).some((r) => r.includes('page=2'))).toBe(true);
  });

  it('cuts a report past 65,536 characters at a line, saying how many lines were left out', async () => {
    const long = Array.from({ length: 3000 }, (_, i) => `| finding ${i} | ${'x'.repeat(40)} |`).join('\n');
    const r = await runComment(api, long);
    expect(r.status, r.stderr).toBe(0);
    const body = gh.comments.find((c) => c.body.startsWith('<!-- phoenix-ops-audit -->'))?.body ?? '';
    expect(body.length).toBeLessThanOrEqual(65536);
    expect(body).toMatch(/_… \d+ more lines not shown/);
  });

  it('outside a pull request it posts nothing', async () => {
    const before = gh.requests.length;
    const r = await runComment(api, 'report', { push: {} });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('not a pull request');
    expect(gh.requests.length).toBe(before);
  });

  it('an API error is one line on stderr and exit 1, without the token', async () => {
    const bad = await runComment(`${api}/nowhere`, 'report');
    expect(bad.status).toBe(1);
    expect(bad.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('HTTP 404');
    expect(bad.stderr).not.toContain('test-token');
  });
});
