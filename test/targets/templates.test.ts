/**
 * The pieces every target renders with: the compiled templates are the .eta files as they are on disk
 * (scripts/gen-templates.mjs), HCL strings keep `${` and `%{` as text (hcl2json reads them back), YAML
 * headers and patches come out of the `yaml` Document API, and image references are split the way
 * Docker splits them.
 */
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { defaultConfig } from '../../src/plan/config.js';
import { scan } from '../../src/scan/index.js';
import { target as cloudrun } from '../../src/targets/cloudrun/index.js';
import { target as k8s } from '../../src/targets/k8s/index.js';
import { hclString } from '../../src/targets/shared/hcl.js';
import { parseImageRef, registryOf } from '../../src/targets/shared/image-ref.js';
import { template, type Template } from '../../src/targets/shared/template.js';
import { jsonPatchYaml, toYaml, toYamlStream } from '../../src/targets/shared/yaml.js';
import { EXAMPLE, REPO } from '../helpers/project.js';
// @ts-expect-error: a plain .mjs script without types
import { exportName, templateFolders } from '../../scripts/gen-templates.mjs';

const require = createRequire(import.meta.url);
const { parse: parseHcl } = require('@cdktf/hcl2json') as { parse: (name: string, text: string) => Promise<Record<string, any>> };

/** hcl2json writes Terraform's JSON syntax, where `$${` and `%%{` stay escaped: undo that to get the value Terraform evaluates. */
const evaluatedHcl = (json: string) => json.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');

describe('templates', () => {
  it('every templates/index.ts exports each .eta file beside it, under its name, with its exact text', async () => {
    const folders = templateFolders(join(REPO, 'src', 'targets')) as string[];
    expect(folders).toEqual(expect.arrayContaining(['cloudrun', 'docker', 'fly', 'systemd']));
    for (const target of folders) {
      const dir = join(REPO, 'src', 'targets', target, 'templates');
      const exported = Object.values((await import(join(dir, 'index.ts'))) as Record<string, Template>);
      const files = readdirSync(dir).filter((f) => f.endsWith('.eta')).sort();
      expect(exported.map((t) => t.name).sort()).toEqual(files.map((f) => `${target}/${f}`));
      for (const f of files) expect(exported.find((t) => t.name === `${target}/${f}`)?.source, `${target}/${f}`).toBe(readFileSync(join(dir, f), 'utf8'));
    }
  });

  it('names exports after the file and keeps the text exactly (backticks, ${, backslashes)', () => {
    expect(exportName('deploy.sh.eta')).toBe('deploySh');
    expect(exportName('Dockerfile.eta')).toBe('dockerfile');
    expect(exportName('health_controller.ex.eta')).toBe('healthControllerEx');
    const t = template('x/t.eta', 'a `b` ${HOME} \\n <%= it.v %>\n<% if (it.on) { -%>\non\n<% } -%>\nend\n');
    expect(t.render({ v: '<&>', on: false })).toBe('a `b` ${HOME} \\n <&>\nend\n');
    expect(t.render({ v: 1, on: true })).toBe('a `b` ${HOME} \\n 1\non\nend\n');
  });
});

describe('hclString', () => {
  const tricky = 'tier-${var.x} %{if true}y%{endif} "quoted" back\\slash\nnew\tline $${kept} $ % {';

  it('round-trips ${, %{, quotes, backslashes and newlines through hcl2json', async () => {
    const parsed = await parseHcl('t.tf', `variable "v" {\n  default = ${hclString(tricky)}\n}\n`);
    expect(evaluatedHcl(parsed.variable.v[0].default)).toBe(tricky);
    expect(hclString('plain-value_1.2')).toBe(JSON.stringify('plain-value_1.2'));
  });

  it('is needed: with JSON.stringify, ${ becomes an interpolation and %{ a directive', async () => {
    const read = async (literal: string) => (await parseHcl('t.tf', `variable "v" {\n  default = ${literal}\n}\n`)).variable.v[0].default;
    // hcl2json keeps interpolations as `${…}` and escapes literal text as `$${…}`.
    expect(await read(JSON.stringify('${var.x}'))).toBe('${var.x}');
    expect(await read(hclString('${var.x}'))).toBe('$${var.x}');
    await expect(read(JSON.stringify('50%{c}'))).rejects.toThrow(/template control keyword/);
    expect(evaluatedHcl(await read(hclString('50%{c}')))).toBe('50%{c}');
  });

  it('keeps a database tier with template sequences as text in variables.tf', async () => {
    const profile = await scan(EXAMPLE);
    const tier = 'db-${custom}-%{x}';
    const config = { ...defaultConfig(profile), targets: ['cloudrun' as const], database: { ...defaultConfig(profile).database, kind: 'postgres' as const, plan: tier } };
    const out = cloudrun.render(profile, config);
    const variables = out.files.find((f) => f.path.endsWith('/variables.tf'));
    expect(variables?.content).toContain('default     = "db-$${custom}-%%{x}"');
    const parsed = await parseHcl('variables.tf', variables?.content ?? '');
    expect(evaluatedHcl(parsed.variable.db_tier[0].default)).toBe(tier);
  });
});

describe('YAML through the Document API', () => {
  it('writes the header as the comment before the contents, an empty line as a bare #', () => {
    expect(toYaml({ a: 'yes', b: '22:22' }, { header: ['one', '', '  two'] })).toBe('# one\n#\n#   two\na: "yes"\nb: "22:22"\n');
  });

  it('separates documents with --- and heads only the first', () => {
    expect(toYamlStream([{ a: 1 }, { b: 2 }], { header: ['h'] })).toBe('# h\na: 1\n---\nb: 2\n');
  });

  it('writes JSON 6902 operations with string values double-quoted', () => {
    const text = jsonPatchYaml([
      { op: 'replace', path: '/spec/rules/0/host', value: 'staging.app.example.com' },
      { op: 'remove', path: '/spec/minAvailable' },
      { op: 'add', path: '/spec/maxUnavailable', value: 1 },
    ]);
    expect(text).toBe('- op: replace\n  path: /spec/rules/0/host\n  value: "staging.app.example.com"\n- op: remove\n  path: /spec/minAvailable\n- op: add\n  path: /spec/maxUnavailable\n  value: 1\n');
    expect(parseYaml(text)).toEqual([
      { op: 'replace', path: '/spec/rules/0/host', value: 'staging.app.example.com' },
      { op: 'remove', path: '/spec/minAvailable' },
      { op: 'add', path: '/spec/maxUnavailable', value: 1 },
    ]);
  });
});

describe('image references', () => {
  const digest = `sha256:${'a'.repeat(64)}`;

  it('splits name, tag, digest and registry as Docker does', () => {
    expect(parseImageRef('ghcr.io/acme/app:1.2')).toEqual({ name: 'ghcr.io/acme/app', tag: '1.2', digest: null, registry: 'ghcr.io' });
    expect(parseImageRef('localhost:5000/app')).toEqual({ name: 'localhost:5000/app', tag: null, digest: null, registry: 'localhost:5000' });
    expect(parseImageRef(`registry.example.com:5000/team/app:3@${digest}`)).toEqual({ name: 'registry.example.com:5000/team/app', tag: '3', digest, registry: 'registry.example.com:5000' });
    expect(parseImageRef('acme/app:v1')).toEqual({ name: 'acme/app', tag: 'v1', digest: null, registry: 'docker.io' });
    expect(parseImageRef('app')).toEqual({ name: 'app', tag: null, digest: null, registry: 'docker.io' });
    expect(parseImageRef('ghcr.io/Acme/app')).toEqual({ error: expect.stringMatching(/lowercase/) });
    expect(registryOf('ghcr.io/OWNER/app')).toBe('ghcr.io');
  });

  it('k8s: the overlay gets the repository and tag, CI logs in to the registry (Docker Hub for a bare owner/name)', async () => {
    const profile = await scan(EXAMPLE);
    const config = { ...defaultConfig(profile), targets: ['k8s' as const], k8s: { ...defaultConfig(profile).k8s, image: 'acme/shop:2.0' } };
    const out = k8s.render(profile, config);
    const overlay = parseYaml(out.files.find((f) => f.path === 'deploy/k8s/overlays/production/kustomization.yaml')?.content ?? '');
    expect(overlay.images).toEqual([{ name: config.app, newName: 'acme/shop', newTag: '2.0' }]);
    const job = k8s.deployJob?.(profile, config, { profile, beam: { elixir: '1.18.4', otp: '27.3' }, dir: '' });
    const login = (job?.job.steps as { name: string; with?: { registry?: string } }[]).find((s) => s.name.startsWith('Log in'));
    expect(login?.with?.registry).toBe('docker.io');
  });

  it('k8s: an image reference Docker refuses is named in the notes', async () => {
    const profile = await scan(EXAMPLE);
    const config = { ...defaultConfig(profile), targets: ['k8s' as const], k8s: { ...defaultConfig(profile).k8s, image: 'ghcr.io/Acme/shop:2.0' } };
    expect(k8s.render(profile, config).notes.join('\n')).toMatch(/k8s\.image "ghcr\.io\/Acme\/shop:2\.0" is not an image reference Docker accepts/);
  });
});
