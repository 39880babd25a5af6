import { acceptsHtml, endpointOf, pipelineInUse, routerOf } from '../facts.js';
import { notApplicable, type Rule } from '../types.js';

/** `:protect_from_forgery`, `Plug.CSRFProtection` itself, or a project plug named after CSRF. */
const CSRF_PLUG = /^protect_from_forgery$|csrf|forgery/i;

export const rule = {
  id: 'csrf-protection-missing',
  title: 'Browser pipeline has a session but no CSRF protection',
  category: 'web-security',
  severity: 'high',
  description:
    'A pipeline that fetches the session cookie and serves HTML forms must check the CSRF token: without `:protect_from_forgery`, any site the user visits can submit forms (change email, transfer, delete) in their name.',
  fix: 'Add `plug :protect_from_forgery` to the pipeline, right after `:fetch_session` / `:fetch_live_flash`.',
  equivalents: ['sobelow:Config.CSRF'],
  check(profile) {
    if (!endpointOf(profile)) return notApplicable('no Phoenix endpoint found');
    const router = routerOf(profile);
    const withSession = (router?.pipelines ?? []).filter((pl) => acceptsHtml(pl) && pl.plugs.some((pg) => pg.name === 'fetch_session') && pipelineInUse(profile, pl));
    if (withSession.length === 0) return notApplicable('no HTML pipeline fetches the session');
    return withSession
      .filter((pl) => !pl.plugs.some((pg) => CSRF_PLUG.test(pg.name)))
      .map((pl) => ({
        message: `pipeline :${pl.name} in ${router!.module} fetches the session and accepts "html" but has no :protect_from_forgery: forms posted from other sites are accepted with the user's cookie`,
        evidence: [pl.evidence],
      }));
  },
} as const satisfies Rule;
