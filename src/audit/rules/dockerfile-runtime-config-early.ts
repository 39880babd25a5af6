import type { DockerInstruction } from '../../scan/profile.js';
import { commandText, copyPaths, normalizeCopySource, runsMixTask, stageInstructions } from '../../facts/dockerfile.js';
import type { Hit } from '../contract.js';
import { defineRule } from '../rule.js';

export const rule = defineRule({
  id: 'dockerfile-runtime-config-early',
  title: 'runtime.exs is copied before the app is compiled',
  category: 'docker',
  severity: 'low',
  description:
    'Docker re-runs every step after a COPY whose files changed. Copying config/runtime.exs (directly or with the whole config folder) before `mix deps.compile`/`mix compile` makes every change to runtime settings recompile the deps and the app, although runtime.exs is only read when the release boots.',
  fix: 'Copy only the compile-time config before compiling (`COPY config/config.exs config/${MIX_ENV}.exs config/`), and `COPY config/runtime.exs config/` after `mix compile`, right before `mix release`, as `mix phx.gen.release --docker` does.',
  equivalents: [],
  requires: ['dockerfiles', 'runtimeConfig'],
  messages: {
    copiesFile:
      '{{file}}:{{line}} copies config/{{base}} before `{{compile}}` (line {{compileLine}}): every change to {{base}} invalidates the build cache and recompiles; copy config.exs and prod.exs first and {{base}} after compiling, like phx.gen.release',
    copiesFolder:
      '{{file}}:{{line}} copies config/{{base}} (`COPY {{copyArgs}}` copies the whole config folder) before `{{compile}}` (line {{compileLine}}): every change to {{base}} invalidates the build cache and recompiles; copy config.exs and prod.exs first and {{base}} after compiling, like phx.gen.release',
  },
  check({ dockerfiles, runtimeConfig }) {
    const base = runtimeConfig.split('/').pop() ?? runtimeConfig;
    const hits: Hit[] = [];
    for (const d of dockerfiles) {
      let found: { copy: DockerInstruction; compile: DockerInstruction; how: 'file' | 'folder' } | null = null;
      for (const s of d.stages) {
        const ins = stageInstructions(d, s.index);
        const compiles = ins.filter((i) => i.keyword === 'RUN' && runsMixTask(i, /^(compile|deps\.compile)$/));
        for (const copy of ins) {
          const compile = compiles.find((c) => c.line > copy.line);
          if (!compile) break;
          const how = copiesRuntimeConfig(copy, base);
          if (how) {
            found = { copy, compile, how };
            break;
          }
        }
        if (found) break;
      }
      if (!found) continue;
      hits.push({
        messageId: found.how === 'folder' ? 'copiesFolder' : 'copiesFile',
        data: { file: d.file, line: found.copy.line, base, compile: commandText(found.compile), compileLine: found.compile.line, ...(found.how === 'folder' ? { copyArgs: found.copy.args } : {}) },
        snippet: `${base} ${found.how}`,
        evidence: [{ file: d.file, line: found.copy.line }],
      });
    }
    return hits;
  },
});

/** How a COPY brings the runtime config in: `config/runtime.exs` explicitly ('file'), or the whole config folder; null otherwise. */
function copiesRuntimeConfig(copy: DockerInstruction, base: string): 'file' | 'folder' | null {
  const paths = copyPaths(copy);
  if (!paths) return null;
  for (const raw of paths.sources) {
    const src = normalizeCopySource(raw);
    if (src === `config/${base}` || src.endsWith(`/config/${base}`)) return 'file';
    if (src === 'config' || src.endsWith('/config') || /(^|\/)config\/\*(\.exs)?$/.test(src)) return 'folder';
  }
  return null;
}
