/**
 * SARIF that code scanning accepts: every log validates against the SARIF 2.1.0 JSON schema (the
 * official schema, as Microsoft's @microsoft/jest-sarif ships it), and file locations are relative
 * to the repository root with `uriBaseId: %SRCROOT%`, whichever folder of the repository is audited.
 */
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { checks } from '../../src/verify/checks/index.js';
import { buildSarif } from '../../src/report/sarif.js';
import { runChecks } from '../../src/verify/engine.js';
import { runCliAsync } from '../helpers/cli.js';
import { fixture, makeProject } from '../helpers/project.js';
import { goodArtifacts, pageEx } from '../verify/harness.js';

const require = createRequire(import.meta.url);
const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;
// The schema is draft-04 (ajv-draft-04 reads it); one of its patterns is not valid under the `u` flag.
const validate = new AjvDraft04.default({ strict: false, allErrors: true, unicodeRegExp: false }).compile(schema);

function errorsOf(log: unknown): string[] {
  return validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

interface SarifLog {
  runs: { results: { locations: { physicalLocation?: { artifactLocation: { uri: string; uriBaseId?: string } } }[] }[]; originalUriBaseIds?: Record<string, unknown> }[];
}

/** The subfolder fixture (a repository holding backend/ and frontend/) as a git checkout. */
function repository(): string {
  const dir = makeProject({}, fixture('subfolder'));
  mkdirSync(join(dir, '.git'));
  return dir;
}

function fileUris(log: SarifLog): string[] {
  return log.runs.flatMap((r) => r.results.flatMap((res) => res.locations.flatMap((l) => (l.physicalLocation ? [l.physicalLocation.artifactLocation.uri] : []))));
}

describe('SARIF 2.1.0', () => {
  it('an audit of the example app validates against the schema', async () => {
    const r = await runCliAsync(['audit', makeProject(), '--format', 'sarif', '--fail-on', 'none']);
    expect(r.code).toBe(0);
    const log = JSON.parse(r.stdout) as SarifLog;
    expect(fileUris(log).length).toBeGreaterThan(0);
    expect(errorsOf(log)).toEqual([]);
  });

  it('a verify log (logical locations at URLs) validates against the schema', () => {
    const a = goodArtifacts();
    const page = pageEx(a).response;
    if (page) page.headers['strict-transport-security'] = 'max-age=60';
    const result = runChecks(a);
    expect(result.findings.length).toBeGreaterThan(0);
    expect(errorsOf(buildSarif(result, checks, { docsDir: 'docs/verify' }))).toEqual([]);
  });

  it('a run without findings is valid too', () => {
    expect(errorsOf(buildSarif(runChecks(goodArtifacts()), checks, { docsDir: 'docs/verify' }))).toEqual([]);
  });

  it('a log with a result that breaks the schema is caught (the validator is live)', () => {
    expect(errorsOf({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: {}, level: 'severe' }] }] })).not.toEqual([]);
  });
});

describe('SARIF file locations are relative to the repository root', () => {
  it('the same URIs whether the repository or the app folder inside it is audited', async () => {
    const repo = repository();
    const [whole, sub] = await Promise.all([
      runCliAsync(['audit', repo, '--format', 'sarif', '--fail-on', 'none']),
      runCliAsync(['audit', join(repo, 'backend'), '--format', 'sarif', '--fail-on', 'none']),
    ]);
    expect(whole.code).toBe(0);
    expect(sub.code).toBe(0);
    const a = fileUris(JSON.parse(whole.stdout) as SarifLog);
    const b = fileUris(JSON.parse(sub.stdout) as SarifLog);
    expect(a.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
    for (const uri of a) expect(uri).toMatch(/^backend\//);
    const log = JSON.parse(sub.stdout) as SarifLog;
    expect(log.runs[0]?.originalUriBaseIds).toHaveProperty('%SRCROOT%');
    expect(errorsOf(log)).toEqual([]);
    // No absolute path of this machine in the log.
    expect(sub.stdout).not.toContain(repo);
  });
});
