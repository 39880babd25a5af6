/**
 * The scan's Dockerfile reader against dockerfile-ast (the parser the tests validate generated
 * Dockerfiles with): the same instructions, keywords and lines for every Dockerfile of the fixtures
 * and for the syntax corners (escape directive, continuations with comments and blanks, heredocs).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';
import { argProperties, extractDockerfile } from '../../../src/scan/extract/dockerfile.js';
import { isDockerfileName } from '../../../src/scan/extract/deploy-files.js';
import { REPO } from '../../helpers/project.js';

function dockerfiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) dockerfiles(p, out);
    else if (isDockerfileName(e)) out.push(p);
  }
  return out;
}

const CORNERS: Record<string, string> = {
  'escape directive': '# escape=`\nFROM mcr.microsoft.com/windows/servercore\nRUN dir `\n    c:\\\nCOPY a b\n',
  'continuations with comments and blanks': 'FROM debian:bookworm-slim AS base\nRUN apt-get update && \\\n    # a comment\n\n    apt-get install -y curl \\  \n    git\nUSER nobody\n',
  heredoc: 'FROM alpine\nRUN <<EOT\nset -e\n# not a Dockerfile comment\napk add curl\nEOT\nCOPY <<-EOF /app/run.sh\n\t#!/bin/sh\n\texec /app/bin/server\n\tEOF\nCMD ["/app/run.sh"]\n',
  'global args': 'ARG ELIXIR=1.17.3 OTP="27.1 .2"\nARG DEBIAN\nFROM hexpm/elixir:${ELIXIR}-erlang-${OTP} AS build\nARG LATE=1\nFROM --platform=linux/amd64 debian:${DEBIAN} as runner\n',
};

/** The real-app corpus beside the repository (CI), when present: 40-odd Dockerfiles of every style. */
const CORPUS = join(REPO, '..', 'shared', 'corpus', 'apps');
const files = [...dockerfiles(join(REPO, 'test', 'fixtures')), ...dockerfiles(join(REPO, 'examples')), ...(existsSync(CORPUS) ? dockerfiles(CORPUS) : [])];
const sources: [string, string][] = [...files.map((f): [string, string] => [relative(REPO, f), readFileSync(f, 'utf8')]), ...Object.entries(CORNERS)];

describe('Dockerfile reader', () => {
  it('there are Dockerfiles to compare', () => expect(sources.length).toBeGreaterThanOrEqual(6));

  it.each(sources)('%s: the same instructions as dockerfile-ast', (_name, text) => {
    const ours = extractDockerfile('Dockerfile', text, []).instructions.map((i) => `${i.line} ${i.keyword}`);
    const theirs = DockerfileParser.parse(text)
      .getInstructions()
      .map((i) => `${i.getRange().start.line + 1} ${i.getKeyword().toUpperCase()}`);
    expect(ours).toEqual(theirs);
  });

  it('continuations: comment and blank lines dropped, blanks after the escape allowed; flags split off', () => {
    const info = extractDockerfile('Dockerfile', CORNERS['continuations with comments and blanks']!, []);
    expect(info.instructions[1]).toMatchObject({ keyword: 'RUN', line: 2, args: 'apt-get update && apt-get install -y curl git' });
    expect(info.stages).toEqual([{ index: 0, image: 'debian:bookworm-slim', name: 'base', line: 1 }]);
  });

  it('the escape directive changes the continuation character', () => {
    const info = extractDockerfile('Dockerfile', CORNERS['escape directive']!, []);
    expect(info.instructions.map((i) => [i.keyword, i.args])).toEqual([
      ['FROM', 'mcr.microsoft.com/windows/servercore'],
      ['RUN', 'dir c:\\'],
      ['COPY', 'a b'],
    ]);
  });

  it('heredoc bodies belong to their instruction, as commands', () => {
    const info = extractDockerfile('Dockerfile', CORNERS['heredoc']!, []);
    expect(info.instructions.map((i) => [i.line, i.keyword, i.args])).toEqual([
      [1, 'FROM', 'alpine'],
      [2, 'RUN', '<<EOT ; set -e ; apk add curl'],
      [7, 'COPY', '<<-EOF /app/run.sh ; exec /app/bin/server'],
      [11, 'CMD', '["/app/run.sh"]'],
    ]);
  });

  it('global ARG defaults, stages with --platform and lower-case `as`', () => {
    const info = extractDockerfile('Dockerfile', CORNERS['global args']!, []);
    expect(info.args).toEqual({ ELIXIR: '1.17.3', OTP: '27.1 .2' });
    expect(info.stages.map((s) => [s.image, s.name])).toEqual([
      ['hexpm/elixir:${ELIXIR}-erlang-${OTP}', 'build'],
      ['debian:${DEBIAN}', 'runner'],
    ]);
    expect(argProperties('A=1 B C="x y"')).toEqual([
      ['A', '1'],
      ['B', null],
      ['C', 'x y'],
    ]);
  });

  it('suppression comments anywhere, with their lines', () => {
    const sup: { file: string; line: number; ruleId: string; reason: string }[] = [];
    extractDockerfile('Dockerfile', 'FROM debian\n# phoenix-ops:ignore dockerfile-runs-as-root runs under gVisor\nRUN true && \\\n  # phoenix-ops:ignore dockerfile-alpine-base nope\n  true\n', sup);
    expect(sup.map((s) => [s.line, s.ruleId])).toEqual([
      [2, 'dockerfile-runs-as-root'],
      [4, 'dockerfile-alpine-base'],
    ]);
  });
});
