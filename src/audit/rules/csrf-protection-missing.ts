import { acceptsHtml, pipelineInUse, routerLabel, servedRouters, type ServedRouter } from '../../facts/router.js';
import type { Profile } from '../../scan/profile.js';
import type { Hit } from '../contract.js';
import { defineRule } from '../rule.js';
import { notApplicable } from '../types.js';

/** Routes that only read: a forged GET changes nothing (LiveView events carry their own token). */
const READ_VERBS = new Set(['get', 'head', 'options', 'live', 'live_dashboard']);
/** Plugs that load or require the signed-in user (phx.gen.auth's, Guardian, Pow, project ones). */
const IDENTITY_PLUG = /current_user|current_scope|current_account|authenticat|require_\w*user|ensure_\w*(user|auth)|load_user|assign_user|auth|guardian|pow\./i;

/** `MyAppWeb.Plugs.AssignCurrentUser` → `my_app_web.plugs.assign_current_user`, so module plugs match the names above. */
const snake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
const loadsUser = (plug: string) => IDENTITY_PLUG.test(snake(plug));

/** `:protect_from_forgery`, `Plug.CSRFProtection` itself, or a project plug named after CSRF. */
const CSRF_PLUG = /^protect_from_forgery$|csrf|forgery/i;

export const rule = defineRule({
  id: 'csrf-protection-missing',
  title: 'Browser pipeline has a session but no CSRF protection',
  category: 'web-security',
  severity: 'high',
  description:
    'A pipeline that fetches the session cookie and serves HTML forms must check the CSRF token: without `:protect_from_forgery`, any site the user visits can submit forms (change email, transfer, delete) in their name.',
  fix: 'Add `plug :protect_from_forgery` to the pipeline, right after `:fetch_session` / `:fetch_live_flash`.',
  equivalents: ['sobelow:Config.CSRF'],
  requires: ['endpoint'],
  messages: {
    anonymousWrite:
      'pipeline :{{pipeline}} in {{router}} fetches the session and accepts "html" but has no :protect_from_forgery; its 1 state-changing route (first: {{verb}} {{path}}) load no signed-in user, so a forged request acts for nobody — unless a controller reads the user from the session',
    anonymousWrites:
      'pipeline :{{pipeline}} in {{router}} fetches the session and accepts "html" but has no :protect_from_forgery; its {{count}} state-changing routes (first: {{verb}} {{path}}) load no signed-in user, so a forged request acts for nobody — unless a controller reads the user from the session',
    signedIn:
      'pipeline :{{pipeline}} in {{router}} fetches the session and accepts "html" but has no :protect_from_forgery: forms posted from other sites are accepted with the user\'s cookie',
    anyFormatSignedIn:
      'pipeline :{{pipeline}} in {{router}} fetches the session, loads the signed-in user and has no :accepts plug and no :protect_from_forgery: its {{count}} state-changing routes (first: {{verb}} {{path}}) accept a form posted from another site with the user\'s cookie',
  },
  check({ profile }) {
    const judged = servedRouters(profile).map((s) => routerHits(profile, s));
    if (judged.every((j) => j === null)) return notApplicable('no HTML pipeline fetches the session');
    return judged.flatMap((j) => j ?? []);
  },
});

/** The findings of one served router, or null when no pipeline of it fetches the session for HTML or any format. */
function routerHits(profile: Profile, served: ServedRouter): Hit[] | null {
  const { router } = served;
  const label = routerLabel(served);
  const sessionPipelines = router.pipelines.filter((pl) => pl.plugs.some((pg) => pg.name === 'fetch_session') && pipelineInUse(profile, pl, router));
  const withSession = sessionPipelines.filter(acceptsHtml);
  // No `plug :accepts` at all: any format goes through, a cross-site form post included (an API for the app's own SPA on its session cookie).
  const anyFormat = sessionPipelines.filter((pl) => !pl.plugs.some((pg) => pg.name === 'accepts'));
  if (withSession.length + anyFormat.length === 0) return null;
  const hits: Hit[] = [];
  for (const pl of anyFormat) {
    if (pl.plugs.some((pg) => CSRF_PLUG.test(pg.name)) || !pl.plugs.some((pg) => loadsUser(pg.name))) continue;
    const writes = router.routes.filter((r) => !r.devOnly && r.pipelines.includes(pl.name) && !READ_VERBS.has(r.verb));
    const first = writes[0];
    if (!first) continue;
    hits.push({
      messageId: 'anyFormatSignedIn',
      data: { pipeline: pl.name, router: label, count: writes.length, verb: first.verb.toUpperCase(), path: first.path },
      snippet: `${pl.name} ${router.module}`,
      evidence: [pl.evidence],
    });
  }
  for (const pl of withSession) {
    if (pl.plugs.some((pg) => CSRF_PLUG.test(pg.name))) continue;
    const routes = router.routes.filter((r) => !r.devOnly && r.pipelines.includes(pl.name));
    const writes = routes.filter((r) => !READ_VERBS.has(r.verb));
    // Who the request acts for: a sign-in plug in this pipeline or in another pipeline of the same routes.
    const identified = routes.some((r) => r.pipelines.some((name) => router.pipelines.find((p) => p.name === name)?.plugs.some((pg) => loadsUser(pg.name))));
    // Only pages to read (GET and LiveViews) and nobody signed in: no form acts in anyone's name.
    if (writes.length === 0 && !identified) continue;
    const about = { pipeline: pl.name, router: label };
    const snippet = `${pl.name} ${router.module}`;
    const first = writes[0];
    if (!identified && first) {
      hits.push({
        messageId: writes.length === 1 ? 'anonymousWrite' : 'anonymousWrites',
        data: { ...about, count: writes.length, verb: first.verb.toUpperCase(), path: first.path },
        snippet,
        evidence: [pl.evidence],
        severity: 'medium',
      });
      continue;
    }
    hits.push({ messageId: 'signedIn', data: about, snippet, evidence: [pl.evidence] });
  }
  return hits;
}
