import { existsSync, readFileSync } from 'node:fs';
import { errCode } from '../scan/files.js';
import { Option, type Command } from 'commander';
import type { Severity } from '../audit/types.js';
import { listOption, loadProject } from './context.js';
import { EXIT, UsageError } from './errors.js';
import { colors, print, progress, useColor } from './output.js';

interface VerifyFlags {
  format: 'text' | 'json' | 'sarif' | 'markdown' | 'html';
  json?: boolean;
  failOn: Severity | 'none';
  rateLimitProbe?: string;
  timeout: string;
  maxRequests: string;
  httpPort?: string;
  caFile?: string;
  healthPath?: string;
  readinessPath?: string;
  only?: string[];
  skip?: string[];
  showSuppressed?: boolean;
}

function positive(name: string, raw: string, integer: boolean): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) throw new UsageError(`${name} must be a positive ${integer ? 'integer' : 'number'}, got "${raw}"`);
  return n;
}

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('check a live deployment from outside: TLS, HTTPS redirect and HSTS, health, security headers, cookies, the LiveView socket, rate limits')
    .argument('<url>', 'the deployed site, e.g. https://example.com')
    .argument('[dir]', 'the project folder, for its health path, LiveView, session cookie and host (default: . when it has a phoenix-ops.yaml)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'sarif', 'markdown', 'html']).default('text'))
    .option('--json', 'same as --format json')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding at or above this severity is active').choices(['critical', 'high', 'medium', 'low', 'none']).default('high'))
    .option('--rate-limit-probe <path>', 'POST a bounded burst (at most 30 requests in 10 s, no credentials) to this sign-in path and expect a 429')
    .option('--timeout <seconds>', 'per-request timeout', '10')
    .option('--max-requests <n>', 'requests per run, the burst included', '60')
    .option('--http-port <port>', 'port to probe plain HTTP on for the redirect check', undefined)
    .option('--ca-file <file>', 'PEM file of extra trusted CA certificates (a private or test CA); NODE_EXTRA_CA_CERTS works too')
    .option('--health-path <path>', 'health path (default: from the project, else /health or /healthz)')
    .option('--readiness-path <path>', 'readiness path (default: from the project, else /ready or /readyz without a project)')
    .option('--only <ids>', 'run only these check ids (comma-separated; repeatable)', listOption)
    .option('--skip <ids>', 'skip these check ids (comma-separated; repeatable)', listOption)
    .option('--show-suppressed', 'also show findings suppressed by phoenix-ops.yaml')
    .action(async (url: string, dir: string | undefined, flags: VerifyFlags) => {
      const [{ verify, checks }, { failsAt }, { report }] = await Promise.all([import('../verify/index.js'), import('../audit/engine.js'), import('../report/index.js')]);
      const timeoutMs = positive('--timeout', flags.timeout, false) * 1000;
      const maxRequests = positive('--max-requests', flags.maxRequests, true);
      const httpPort = flags.httpPort === undefined ? undefined : positive('--http-port', flags.httpPort, true);
      let ca: string | undefined;
      if (flags.caFile) {
        try {
          ca = readFileSync(flags.caFile, 'utf8');
        } catch (e) {
          throw new UsageError(`cannot read --ca-file ${flags.caFile}: ${errCode(e) || 'error'}`);
        }
        if (!ca.includes('-----BEGIN CERTIFICATE-----')) throw new UsageError(`--ca-file ${flags.caFile} holds no PEM certificate`);
      }
      const projectDir = dir ?? (existsSync('phoenix-ops.yaml') || existsSync('phoenix-ops.yml') ? '.' : null);
      const project = projectDir ? await loadProject(projectDir) : null;
      progress(`verifying ${url}`);
      const result = await verify(url, {
        profile: project?.profile ?? null,
        config: project?.configFile ? project.config : null,
        timeoutMs,
        maxRequests,
        httpPort,
        ca,
        rateLimitProbe: flags.rateLimitProbe,
        healthPath: flags.healthPath,
        readinessPath: flags.readinessPath,
        only: flags.only,
        skip: flags.skip,
      });
      const format = flags.json ? 'json' : flags.format;
      print(await report({ kind: 'verify', result, catalog: checks }, format, { colors: colors(useColor()), showSuppressed: !!flags.showSuppressed, title: `phoenix-ops verify of ${result.url}` }));
      if (failsAt(result, flags.failOn)) process.exitCode = EXIT.findings;
    });
}
