import type { DockerfileInfo, Evidence } from '../../scan/profile.js';
import { copiesContextPath, copiesWholeContext } from '../../facts/dockerfile.js';
import { dockerignoreExcludes } from '../../scan/dockerignore.js';
import type { Hit } from '../contract.js';
import { defineRule } from '../rule.js';

export const rule = defineRule({
  id: 'dockerignore-missing',
  title: 'No .dockerignore (or one that lets _build and deps in)',
  category: 'docker',
  severity: 'medium',
  description:
    'Without a .dockerignore the whole project folder is sent to the builder: `_build`, `deps`, `.env` files, `assets/node_modules` and old digested assets. Copied into the image they make builds slow, leak local secrets, and mix host-compiled (dev, other-architecture) artefacts into the release.',
  fix: 'Add a .dockerignore that excludes at least `/_build/`, `/deps/`, `.git`, `.env*`, `/assets/node_modules/`, `/priv/static/assets/`, `/test/`, `/tmp/`, `erl_crash.dump` (the `mix phx.gen.release --docker` one is a good start).',
  equivalents: [],
  requires: ['dockerfiles'],
  messages: {
    wholeContext: '{{file}} copies the whole build context and there is no .dockerignore: _build, deps, .env files and node_modules end up in the image',
    noDockerignore:
      'there is no .dockerignore next to {{files}}: _build, deps, .env files and node_modules are sent to the builder on every build, and `COPY assets`/`COPY priv` pick up local node_modules and stale digests',
    notExcluded:
      '{{dockerignore}} does not exclude {{names}}, and {{file}}:{{line}} (`{{instruction}}`) copies it into the image: host-compiled build artefacts and dependencies override the clean ones',
    neitherExcluded:
      '{{dockerignore}} does not exclude {{names}}, and {{file}}:{{line}} (`{{instruction}}`) copies them into the image: host-compiled build artefacts and dependencies override the clean ones',
  },
  check({ profile, dockerfiles }) {
    const ignore = profile.facts.dockerignore;
    if (!ignore) {
      const wholesale = dockerfiles.find((d) => d.instructions.some(copiesWholeContext));
      return [
        {
          ...(wholesale ? { messageId: 'wholeContext', data: { file: wholesale.file } } : { messageId: 'noDockerignore', data: { files: dockerfiles.map((d) => d.file).join(', ') } }),
          evidence: dockerfiles.map(contextCopyEvidence),
        },
      ];
    }
    // Paths are relative to the build context, taken as the .dockerignore's folder.
    const ignoreDir = ignore.file.includes('/') ? ignore.file.slice(0, ignore.file.lastIndexOf('/') + 1) : '';
    const projectDir = profile.projectPath === '.' ? '' : `${profile.projectPath.replace(/\/+$/, '')}/`;
    const prefix = projectDir.startsWith(ignoreDir) ? projectDir.slice(ignoreDir.length) : projectDir;
    const probes: [string, string][] = [
      ['_build', `${prefix}_build/prod/lib/app/ebin/app.beam`],
      ['deps', `${prefix}deps/phoenix/mix.exs`],
    ];
    const missing = probes.filter(([, path]) => !dockerignoreExcludes(ignore.patterns, path));
    if (missing.length === 0) return [];
    // Only a finding when a Dockerfile actually copies those folders into an image.
    const copying = dockerfiles
      .map((d) => ({ d, copy: d.instructions.find((i) => missing.some(([, path]) => copiesContextPath(i, path))) }))
      .find((x) => x.copy);
    if (!copying?.copy) return [];
    const names = missing.map(([n]) => `${prefix}${n}`);
    const hits: Hit[] = [
      {
        messageId: names.length > 1 ? 'neitherExcluded' : 'notExcluded',
        data: { dockerignore: ignore.file, names: names.join(' or '), file: copying.d.file, line: copying.copy.line, instruction: `${copying.copy.keyword} ${copying.copy.args}` },
        snippet: names.join(' '),
        evidence: [{ file: ignore.file, line: 1 }, { file: copying.d.file, line: copying.copy.line }],
        fix: `Add ${names.map((n) => `\`/${n}/\``).join(' and ')} to ${ignore.file}.`,
      },
    ];
    return hits;
  },
});

/** The COPY that brings the build context in (whole-context copies first), else the first FROM. */
function contextCopyEvidence(d: DockerfileInfo): Evidence {
  const whole = d.instructions.find(copiesWholeContext);
  const first = d.instructions.find((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && !/^\//.test(i.args.trim()));
  const at = whole ?? first ?? d.stages[0];
  return { file: d.file, line: at?.line ?? 1 };
}
