import { isProdConfig } from '../../facts/config.js';
import { configFile, hasProdDep, projectEvidence } from '../../facts/project.js';
import { defineRule } from '../rule.js';
import { notApplicable } from '../types.js';

export const rule = defineRule({
  id: 'runtime-config-missing',
  title: 'No runtime configuration (config/runtime.exs)',
  category: 'runtime-config',
  severity: 'medium',
  description:
    'Without config/runtime.exs (or config/releases.exs) every setting, env vars included, is evaluated when the release is built: secrets, hosts and ports are baked into the image instead of being read when it boots.',
  fix: 'Create config/runtime.exs (`mix phx.gen.release` or the Phoenix 1.6+ generator write one) and move every `System.get_env` read of config/prod.exs into an `if config_env() == :prod do … end` block there.',
  equivalents: [],
  requires: ['releaseBoot'],
  messages: {
    noReads:
      'no {{dir}}runtime.exs or {{dir}}releases.exs: every prod setting is fixed when the release is built, so a release cannot take its secrets, host or port from the environment it boots in',
    buildRead:
      'no {{dir}}runtime.exs or {{dir}}releases.exs: {{names}} is read from the environment at build time, so a release cannot take its secrets, host or port from the environment it boots in',
    buildReads:
      'no {{dir}}runtime.exs or {{dir}}releases.exs: {{names}} are read from the environment at build time, so a release cannot take its secrets, host or port from the environment it boots in',
  },
  check({ profile }) {
    if (profile.runtimeConfig.file) return [];
    // Runtime configuration through a library instead of runtime.exs (Vapor, a TOML config provider, Confex).
    const provider = ['vapor', 'toml_config', 'confex'].find((d) => hasProdDep(profile, d));
    if (provider) return notApplicable(`runtime configuration comes from the ${provider} dependency`);
    const buildReads = profile.facts.envReads.filter((r) => !r.runtime && (r.env === 'all' || r.env === 'prod') && !r.dynamic);
    const names = [...new Set(buildReads.map((r) => r.name))];
    const prod = configFile(profile, 'prod.exs');
    const prodCall = profile.facts.config.find((c) => c.file === prod && isProdConfig(c));
    const main = configFile(profile, 'config.exs');
    const evidence = buildReads[0]?.evidence ?? (prodCall ? { file: prodCall.file, line: prodCall.line } : prod ? { file: prod, line: 1 } : main ? { file: main, line: 1 } : projectEvidence(profile));
    const dir = (prod ?? main ?? 'config/config.exs').replace(/[^/]+$/, '');
    const shown = `${names.slice(0, 5).join(', ')}${names.length > 5 ? ` and ${names.length - 5} more` : ''}`;
    return [
      {
        messageId: names.length === 0 ? 'noReads' : names.length === 1 ? 'buildRead' : 'buildReads',
        data: names.length === 0 ? { dir } : { dir, names: shown },
        evidence: [evidence],
      },
    ];
  },
});
