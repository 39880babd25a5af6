/**
 * The programs a Phoenix app runs at run time (`profile.runtime.executables`) are installed in the runner
 * stage of the Dockerfile phoenix-ops writes: Debian packages from the dated table, install steps of
 * the project's own runner carried over (pipx, release binaries), its init process and HEALTHCHECK kept,
 * and a preflight error with the fix for a program nothing installs. The Dockerfile is read back with
 * the project's Dockerfile parser.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shellChain } from '../../src/facts/shell-chain.js';
import { defaultConfig } from '../../src/plan/config.js';
import { previewPlan } from '../../src/plan/preview.js';
import { extractDockerfile } from '../../src/scan/extract/deploy-files.js';
import { scan } from '../../src/scan/index.js';
import type { DockerInstruction } from '../../src/scan/profile.js';
import { REPO, makeProject, type Edits } from '../helpers/project.js';
import { validateShell } from '../helpers/validate.js';

/** A media module the way Phoenix apps shell out: ffmpeg for thumbnails, git for a diff. */
const MEDIA = `defmodule HelloPhoenix.Media do
  @moduledoc false

  def thumbnail(src, dest) do
    {_, 0} = System.cmd("ffmpeg", ["-y", "-i", src, "-vframes", "1", dest], stderr_to_stdout: true)
    dest
  end

  def diff(a, b) do
    {out, _} = System.cmd("git", ["diff", "--no-index", a, b])
    out
  end
end
`;

/** Notifications and downloads through pip-installed tools, as self-hosted media apps do. */
const TOOLS = `defmodule HelloPhoenix.Tools do
  @moduledoc false

  def notify(url, body), do: System.cmd("apprise", ["-b", body, url])

  def fetch(url, dir), do: System.cmd("yt-dlp", ["--paths", dir, url])
end
`;

/** The project's own production image: its runner installs apprise with pipx, runs under tini, has a HEALTHCHECK. */
const OWN_DOCKERFILE = `ARG RUNNER_IMAGE="debian:bookworm-20250428-slim"
FROM hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20250428-slim AS builder
WORKDIR /app
ENV MIX_ENV="prod"
COPY . .
RUN mix local.hex --force && mix local.rebar --force && mix deps.get --only prod && mix release

FROM \${RUNNER_IMAGE}
ARG PIPX_VERSION=1.1.0
RUN apt-get update -y && \\
    apt-get install -y libstdc++6 openssl libncurses6 locales ca-certificates curl pipx tini && \\
    export PIPX_HOME=/opt/pipx && \\
    export PIPX_BIN_DIR=/usr/local/bin && \\
    pipx install apprise && \\
    curl -fsSL https://example.com/install-extra.sh | sh && \\
    apt-get clean && rm -f /var/lib/apt/lists/*_*
WORKDIR /app
COPY --from=builder /app/_build/prod/rel/hello_phoenix ./
USER nobody
HEALTHCHECK --interval=30s CMD curl --fail http://localhost:4000/health || exit 1
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["/app/bin/hello_phoenix", "start"]
`;

async function dockerPlan(edits: Edits, base?: string) {
  const dir = makeProject(edits, base);
  const profile = await scan(dir);
  const preview = await previewPlan(dir, profile, defaultConfig(profile), 'docker');
  const file = preview.plan.files.find((f) => f.path === 'Dockerfile' || f.path === 'Dockerfile.release');
  expect(file, 'the docker plan writes a Dockerfile').toBeDefined();
  const doc = extractDockerfile('Dockerfile', file?.content ?? '', []);
  const last = Math.max(...doc.stages.map((s) => s.index));
  const runner = doc.instructions.filter((i) => i.stage === last);
  return { profile, preview, runner, text: file?.content ?? '' };
}

/** Packages the runner's `apt-get install` lines name. */
function aptPackages(runner: DockerInstruction[]): string[] {
  return runner
    .filter((i) => i.keyword === 'RUN')
    .flatMap((i) => shellChain(i.args))
    .filter((c) => /^apt-get\s+install\b/.test(c))
    .flatMap((c) => c.split(/\s+/).slice(2).filter((w) => !w.startsWith('-')));
}

const runCommands = (runner: DockerInstruction[]) => runner.filter((i) => i.keyword === 'RUN').flatMap((i) => shellChain(i.args));

describe('the runner installs the programs the app runs', () => {
  it('System.cmd("ffmpeg") and System.cmd("git"): the Debian packages ffmpeg and git', async () => {
    const { runner, preview, profile } = await dockerPlan({ 'lib/hello_phoenix/media.ex': MEDIA });
    expect(profile.runtime.executables.map((e) => e.name).sort()).toEqual(['ffmpeg', 'git']);
    expect(aptPackages(runner)).toEqual(expect.arrayContaining(['ffmpeg', 'git', 'libstdc++6', 'openssl']));
    expect(preview.preflight.filter((i) => i.invariant === 'executable')).toEqual([]);
  });

  it('ImageMagick through System.cmd("convert"): the package is imagemagick, not "convert"', async () => {
    const { runner } = await dockerPlan({
      'lib/hello_phoenix/avatar.ex': `defmodule HelloPhoenix.Avatar do\n  @moduledoc false\n\n  def resize(src, dest), do: System.cmd("convert", [src, "-resize", "200x200", dest])\nend\n`,
    });
    const pkgs = aptPackages(runner);
    expect(pkgs).toContain('imagemagick');
    expect(pkgs).not.toContain('convert');
  });

  it("carries over the project's pipx install, keeps tini and the HEALTHCHECK, and names yt-dlp (no usable Debian package) as a preflight error", async () => {
    const { runner, preview, text } = await dockerPlan({ 'lib/hello_phoenix/tools.ex': TOOLS, 'docker/prod.Dockerfile': OWN_DOCKERFILE });
    const commands = runCommands(runner);
    // pipx comes from the project's apt line; apprise is installed the way its runner does it, with its environment.
    expect(aptPackages(runner)).toEqual(expect.arrayContaining(['pipx', 'curl', 'tini']));
    const at = commands.indexOf('pipx install apprise');
    expect(at).toBeGreaterThan(-1);
    expect(commands.slice(0, at)).toEqual(expect.arrayContaining(['export PIPX_HOME=/opt/pipx', 'export PIPX_BIN_DIR=/usr/local/bin']));
    // The unrelated curl | sh step is not carried, and the plan says so.
    expect(commands.some((c) => c.includes('install-extra.sh'))).toBe(false);
    expect(preview.plan.notes.some((n) => n.includes('install-extra.sh'))).toBe(true);
    const entry = runner.find((i) => i.keyword === 'ENTRYPOINT');
    expect(JSON.parse(entry?.args ?? 'null')).toEqual(['/usr/bin/tini', '--']);
    const health = runner.find((i) => i.keyword === 'HEALTHCHECK');
    expect(health?.flags).toEqual(['--interval=30s']);
    // Its port written out (4000) follows the image's PORT.
    expect(health?.args).toContain('curl --fail http://localhost:${PORT}/health');
    const errors = preview.preflight.filter((i) => i.invariant === 'executable' && i.severity === 'error');
    expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/^the app runs yt-dlp \(lib\/hello_phoenix\/tools\.ex:6\), which the image does not install: .*too old/)]);
    expect(errors[0]?.fix).toMatch(/install yt-dlp in the runner stage of docker\/prod\.Dockerfile/);
    // Each carried RUN is valid sh.
    for (const [i, ins] of runner.filter((x) => x.keyword === 'RUN').entries()) await validateShell(`#!/bin/sh\n${ins.args}\n`, `runner RUN ${i}`);
    expect(text).toContain('docker/prod.Dockerfile');
  });

  it('a release fixture that runs ffmpeg, mogrify and yt-dlp without a Dockerfile: packages for two, an error for yt-dlp', async () => {
    const { runner, preview } = await dockerPlan({}, join(REPO, 'test', 'fixtures-runtime', 'media-worker'));
    expect(aptPackages(runner)).toEqual(expect.arrayContaining(['ffmpeg', 'imagemagick']));
    const errors = preview.preflight.filter((i) => i.invariant === 'executable');
    expect(errors.map((e) => e.message.split(' (')[0])).toEqual(['the app runs yt-dlp']);
  });
});
