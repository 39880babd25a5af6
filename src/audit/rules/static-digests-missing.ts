import { configFile, projectEvidence } from '../../facts/project.js';
import { endpointSettings } from '../../facts/web.js';
import { defineRule } from '../rule.js';

export const rule = defineRule({
  id: 'static-digests-missing',
  title: 'Static assets are not digested in production',
  category: 'assets',
  severity: 'medium',
  description:
    'Without `cache_static_manifest` in the prod endpoint config, `static_path/2` and `~p"/assets/app.js"` render plain, undigested URLs: browsers and CDNs cannot cache the assets long-term, and after a deploy clients may keep running stale JavaScript and CSS.',
  fix: 'Set `cache_static_manifest: "priv/static/cache_manifest.json"` on the endpoint in config/prod.exs and run `mix assets.deploy` (which ends with `mix phx.digest`) before `mix release`.',
  equivalents: [],
  requires: ['endpoint', 'assetPipeline'],
  messages: {
    noManifest:
      '{{endpoint}} has no `cache_static_manifest` in prod although the app builds assets ({{assets}}): static URLs are not digested, so they cannot be cached long-term and clients may keep stale assets after a deploy',
  },
  check({ profile, endpoint }) {
    const mod = endpoint.module;
    // Any prod value counts (config.exs, prod.exs or runtime.exs): the app chose where to digest from.
    if (endpointSettings(profile, ['cache_static_manifest']).length > 0) return [];
    const prod = configFile(profile, 'prod.exs');
    // Point at the prod endpoint config to extend, else at prod.exs itself (where the setting belongs).
    const call = profile.facts.config.find((c) => c.file === prod && c.key === mod) ?? (prod ? null : profile.facts.config.find((c) => c.key === mod && (c.env === 'prod' || c.env === 'all')));
    return [
      {
        messageId: 'noManifest',
        data: { endpoint: mod, assets: profile.assets },
        evidence: [call ? { file: call.file, line: call.line } : prod ? { file: prod, line: 1 } : projectEvidence(profile)],
      },
    ];
  },
});
