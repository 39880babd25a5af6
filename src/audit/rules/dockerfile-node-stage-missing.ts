import type { DockerInstruction, Profile } from '../../scan/profile.js';
import { copiesWholeContext } from '../../facts/dockerfile.js';
import { dockerignoreExcludes } from '../../scan/dockerignore.js';
import { commandText, executedSegments, expandMixTask, imageLabel, mixCalls, parseImage, stageImage } from '../../facts/dockerfile.js';
import type { Hit } from '../contract.js';
import { defineRule } from '../rule.js';
import { notApplicable } from '../types.js';

/** What both messages go on to say, after naming the asset build. */
const NO_NODE = 'but no stage installs Node or npm, while {{packageJson}} depends on {{packages}}: the npm packages are never installed and the asset build fails';
const PHOENIX_PACKAGES = new Set(['phoenix', 'phoenix_html', 'phoenix_live_view', 'topbar']);
/** Commands and images that bring Node (or a Node-compatible runtime) into a build. */
const NODE_WORD = /(^|[\s/"'=:])(node|nodejs|npm|npx|yarn|pnpm|bun|corepack|nvm|fnm|volta)(?=$|[\s/"'@:;&|.-])/;
/** Mix tasks of the asset build (the generated aliases and the esbuild/tailwind tasks; `phx.digest` digests what the npm build should have made). */
const ASSET_TASK = /^(assets\.(deploy|build|setup)|esbuild|tailwind|phx\.digest)$/;

export const rule = defineRule({
  id: 'dockerfile-node-stage-missing',
  title: 'Docker build needs npm packages but never installs Node',
  category: 'docker',
  severity: 'high',
  description:
    'assets/package.json lists npm packages beyond the Phoenix ones vendored from deps, but the Dockerfile builds the assets without Node or npm: `npm install` never runs, esbuild cannot resolve the imports and `mix assets.deploy` fails (or ships a bundle without them).',
  fix: 'Install Node in the builder (`apt-get install -y nodejs npm`) or copy it from a `node:<version>-slim` stage, and run `npm ci --prefix assets` (after `COPY assets/package.json assets/package-lock.json assets/`) before `mix assets.deploy`.',
  equivalents: [],
  requires: ['dockerfiles'],
  messages: {
    inStage: `{{file}}:{{line}} builds the assets (\`{{command}}\` in {{image}}) ${NO_NODE}`,
    noNode: `{{file}}:{{line}} builds the assets (\`{{command}}\`) ${NO_NODE}`,
  },
  check({ profile, dockerfiles }) {
    const assets = profile.facts.assets;
    if (!assets.needsNpmInstall) return notApplicable('the assets need no npm packages beyond phoenix, phoenix_html and phoenix_live_view');
    const extra = assets.npmDependencies.filter((n) => !PHOENIX_PACKAGES.has(n));
    const shown = `${extra.slice(0, 3).join(', ')}${extra.length > 3 ? ` and ${extra.length - 3} more` : ''}`;
    const hits: Hit[] = [];
    for (const d of dockerfiles) {
      // Node from an image (`FROM node:20-slim AS assets`, or an image that bundles it).
      if (d.stages.some((s) => /(^|[/_-])node($|[/_-])|phoenix/.test(parseImage(stageImage(d, s) ?? s.image).repo))) continue;
      // Node installed or copied in (`apt-get install nodejs npm`, `COPY --from=node:20 /usr/local/bin/node …`, curl nodesource…).
      if (d.instructions.some((i) => installsNode(i))) continue;
      // Only Dockerfiles that build the assets: running an asset task or an alias that does.
      const step = d.instructions.find((i) => i.keyword === 'RUN' && assetTasks(profile, i).length > 0);
      if (!step) continue;
      // The Hex `bun` package fetches Bun itself (`mix bun.install`), and Bun installs the npm packages.
      if (d.instructions.some((i) => i.keyword === 'RUN' && mixTasks(profile, i).includes('bun.install'))) continue;
      // `mix phx.digest` alone builds nothing: it digests priv/static. With the whole context copied in (and
      // priv/static not ignored), the assets can arrive prebuilt from an earlier CI job, so Node is not missing.
      const digestOnly = d.instructions.filter((i) => i.keyword === 'RUN').every((i) => assetTasks(profile, i).every((t) => t === 'phx.digest'));
      const ignore = profile.facts.dockerignore;
      if (digestOnly && d.instructions.some(copiesWholeContext) && !(ignore && dockerignoreExcludes(ignore.patterns, 'priv/static'))) continue;
      const stage = d.stages.find((s) => s.index === step.stage);
      hits.push({
        messageId: stage ? 'inStage' : 'noNode',
        data: { file: d.file, line: step.line, command: short(commandText(step)), ...(stage ? { image: imageLabel(d, stage) } : {}), packageJson: assets.packageJson ?? 'package.json', packages: shown },
        // The image tag and the package list change with upgrades: the finding is the asset build without Node.
        snippet: `${short(commandText(step))} ${assets.packageJson ?? 'package.json'}`,
        evidence: [{ file: d.file, line: step.line }],
      });
    }
    return hits;
  },
});

/** Every Mix task a RUN instruction runs, aliases expanded. */
function mixTasks(profile: Profile, i: DockerInstruction): string[] {
  return mixCalls(commandText(i)).flatMap((c) => c.tasks.flatMap((t) => expandMixTask(profile, t)));
}

/** The asset-build Mix tasks a RUN instruction runs, aliases expanded. */
function assetTasks(profile: Profile, i: DockerInstruction): string[] {
  return mixTasks(profile, i).filter((x) => ASSET_TASK.test(x));
}

function installsNode(i: DockerInstruction): boolean {
  if (i.keyword === 'RUN') return executedSegments(commandText(i)).some((s) => NODE_WORD.test(s) || /nodesource|nodejs\.org/.test(s));
  if (i.keyword === 'COPY' || i.keyword === 'ADD') return NODE_WORD.test(i.args) || /nodejs\.org/.test(i.args);
  return false;
}

function short(cmd: string): string {
  return cmd.length > 80 ? `${cmd.slice(0, 77)}…` : cmd;
}
