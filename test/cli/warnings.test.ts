/**
 * No Node warning ever reaches stderr: not the yaml parser's "Keys with collection values will be
 * stringified" on a Helm template (issue 21), not a deprecation or experimental notice raised while a
 * command runs. Every command that reads the project runs once on one fixture with a Helm chart.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync, type CliResult } from '../helpers/cli.js';
import { makeProject } from '../helpers/project.js';

const HELM_DEPLOYMENT = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: {{ include "hello.fullname" . }}',
  '  labels:',
  '    {{- include "hello.labels" . | nindent 4 }}',
  'spec:',
  '  replicas: {{ .Values.replicaCount }}',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: {{ .Chart.Name }}',
  '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"',
  '          env:',
  '            {{- toYaml .Values.env | nindent 12 }}',
  '',
].join('\n');

const COMMANDS: Record<string, string[]> = {
  scan: ['scan'],
  audit: ['audit'],
  plan: ['plan', '--target', 'k8s'],
  generate: ['generate', '--target', 'k8s', '--dry-run'],
  cost: ['cost', '--compare'],
  report: ['report'],
};

describe('no Node warning reaches stderr', () => {
  const runs: Record<string, CliResult> = {};
  let preload = '';
  let dir = '';
  beforeAll(async () => {
    dir = makeProject({
      'deploy/helm/hello/Chart.yaml': 'apiVersion: v2\nname: hello\nversion: 0.1.0\n',
      'deploy/helm/hello/templates/deployment.yaml': HELM_DEPLOYMENT,
      'deploy/helm/hello/templates/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include "hello.fullname" . }}\nspec:\n  ports:\n    - port: {{ .Values.service.port }}\n',
    });
    // A module preloaded into the CLI's process that raises a warning in the middle of the scan
    // (when it opens mix.exs), as a dependency or a deprecated Node API would.
    preload = join(mkdtempSync(join(tmpdir(), 'po-warn-')), 'preload.cjs');
    writeFileSync(
      preload,
      [
        "const fs = require('node:fs');",
        'let warned = false;',
        'const open = fs.openSync;',
        'fs.openSync = function (p, ...rest) {',
        "  if (!warned && String(p).endsWith('mix.exs')) {",
        '    warned = true;',
        "    process.emitWarning('Buffer() is deprecated', 'DeprecationWarning', 'DEP0005');",
        "    process.emitWarning('this feature is experimental', 'ExperimentalWarning');",
        '  }',
        '  return open.call(this, p, ...rest);',
        '};',
        '',
      ].join('\n'),
    );
    const env = { NODE_OPTIONS: `--require ${preload}` };
    const entries = await Promise.all([
      ...Object.entries(COMMANDS).map(async ([k, args]) => [k, await runCliAsync([...args, dir])] as const),
      (async () => ['preloaded', await runCliAsync(['audit', dir], { env })] as const)(),
      (async () => ['preloadedDebug', await runCliAsync(['scan', dir, '--debug'], { env })] as const)(),
    ]);
    for (const [k, r] of entries) runs[k] = r;
  }, 120_000);

  it.each(Object.keys(COMMANDS))('%s on a project with a Helm chart writes nothing to stderr but its own lines', (k) => {
    const r = runs[k]!;
    expect(r.code, r.stderr).toBeLessThan(2);
    expect(r.stderr).not.toMatch(/Warning|\(node:\d+\)|stringified/);
  });

  it('a warning raised while a command runs (deprecation, experimental feature) is not printed', () => {
    const r = runs.preloaded!;
    expect(r.code, r.stderr).toBeLessThan(2);
    expect(r.stdout).toContain('phoenix-ops audit');
    expect(r.stderr).not.toMatch(/Warning|\(node:\d+\)|deprecated|experimental/);
  });

  it('--debug shows such warnings, for whoever investigates', () => {
    const r = runs.preloadedDebug!;
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('DeprecationWarning: Buffer() is deprecated');
  });
});
