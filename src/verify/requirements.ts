/**
 * What verify checks need from the gathered artifacts (the vocabulary of their `requires`): the engine
 * resolves each one in order and gives the check the artifact present and typed — the TLS handshake,
 * the HTML page's final answer, the health path… — or answers "not applicable" with the requirement's
 * reason (which may say why: the page redirected in a loop, the health paths tried).
 */
import type { Requirement } from '../audit/contract.js';
import { hstsResponse } from './hsts.js';
import { htmlPage, pageAnswer, usesLiveView } from './queries.js';
import type { Artifacts, FetchChain, HealthArtifact, ProbedPath, RateLimitArtifact, SocketArtifact, TlsArtifact } from './types.js';

const requirement = <T>(r: Requirement<Artifacts, T>) => r;

/** A derived answer as a requirement: the artifact when usable, else the reason it is not. */
function answer<T>(description: string, get: (a: Artifacts) => { ok: T } | { na: string }): Requirement<Artifacts, T> {
  return {
    description,
    reason: (a) => {
      const r = get(a);
      return 'na' in r ? r.na : '';
    },
    resolve: (a) => {
      const r = get(a);
      return 'ok' in r ? r.ok : undefined;
    },
  };
}

const NO_HEALTH = 'no health path known (pass --health-path, or DIR for the project)';

export const VERIFY_REQUIREMENTS = {
  tls: requirement({ description: 'the site is served over HTTPS (the TLS handshake)', reason: 'the site is served over plain HTTP', resolve: (a): TlsArtifact | undefined => a.tls ?? undefined }),
  httpEntry: requirement({ description: 'plain HTTP was probed', reason: 'plain HTTP was not probed', resolve: (a): FetchChain | undefined => a.httpEntry ?? undefined }),
  pageAnswer: answer('the page gave a usable answer (no loop, no error, not 5xx)', pageAnswer),
  htmlPage: answer('the page is an HTML document', htmlPage),
  hstsAnswer: answer('an HTTPS answer to read HSTS from', hstsResponse),
  liveView: requirement({ description: 'the app is not known to be without LiveView', reason: 'the app uses no LiveView', resolve: (a) => (usesLiveView(a) === false ? undefined : (true as const)) }),
  health: requirement({
    description: 'a health path is known (option, project, or a guess that answered)',
    reason: (a) => `${NO_HEALTH}${a.healthGuesses.length ? `; tried ${a.healthGuesses.join(', ')}` : ''}`,
    resolve: (a): HealthArtifact | undefined => a.health ?? undefined,
  }),
  readiness: requirement({ description: 'a readiness path is known', reason: 'no readiness path (none in the router; pass --readiness-path)', resolve: (a): ProbedPath | undefined => a.readiness ?? undefined }),
  socket: requirement({
    description: 'the LiveView socket was probed',
    reason: (a) => (a.expect.liveView === false ? 'the app uses no LiveView' : 'the socket was not probed (request budget)'),
    resolve: (a): SocketArtifact | undefined => a.socket ?? undefined,
  }),
  rateLimit: requirement({
    description: 'the rate-limit burst ran (--rate-limit-probe)',
    reason: (a) => `not probed: pass --rate-limit-probe ${a.expect.signInPath ?? '<sign-in path>'}`,
    resolve: (a): RateLimitArtifact | undefined => a.rateLimit ?? undefined,
  }),
} as const;

export type VerifyVocabulary = typeof VERIFY_REQUIREMENTS;
export type VerifyRequirementName = keyof VerifyVocabulary;
