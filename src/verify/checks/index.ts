// The verify check catalog: one file per check, named by its id (a test proves this list matches the folder).
import type { VerifyCheck } from '../check.js';
import { check as cspBlocksLiveSocket } from './csp-blocks-live-socket.js';
import { check as cspHeaderMissing } from './csp-header-missing.js';
import { check as frameProtectionMissing } from './frame-protection-missing.js';
import { check as healthCheckFailing } from './health-check-failing.js';
import { check as healthCheckRedirects } from './health-check-redirects.js';
import { check as healthCheckSlow } from './health-check-slow.js';
import { check as hstsHeaderMissing } from './hsts-header-missing.js';
import { check as hstsMaxAgeShort } from './hsts-max-age-short.js';
import { check as httpNotRedirectedToHttps } from './http-not-redirected-to-https.js';
import { check as httpsRedirectImproper } from './https-redirect-improper.js';
import { check as liveSocketForeignOriginAccepted } from './live-socket-foreign-origin-accepted.js';
import { check as liveSocketRefused } from './live-socket-refused.js';
import { check as liveViewJoinFailed } from './live-view-join-failed.js';
import { check as nosniffHeaderMissing } from './nosniff-header-missing.js';
import { check as pageNotServed } from './page-not-served.js';
import { check as rateLimitNotObserved } from './rate-limit-not-observed.js';
import { check as readinessIgnoresDatabase } from './readiness-ignores-database.js';
import { check as readinessNotReady } from './readiness-not-ready.js';
import { check as redirectLoop } from './redirect-loop.js';
import { check as referrerPolicyMissing } from './referrer-policy-missing.js';
import { check as serverVersionExposed } from './server-version-exposed.js';
import { check as sessionCookieFlagsMissing } from './session-cookie-flags-missing.js';
import { check as tlsCertificateExpired } from './tls-certificate-expired.js';
import { check as tlsCertificateExpiring } from './tls-certificate-expiring.js';
import { check as tlsCertificateWrongHost } from './tls-certificate-wrong-host.js';
import { check as tlsChainUntrusted } from './tls-chain-untrusted.js';
import { check as tlsLegacyProtocol } from './tls-legacy-protocol.js';

export const checks: readonly VerifyCheck[] = [
  cspBlocksLiveSocket,
  cspHeaderMissing,
  frameProtectionMissing,
  healthCheckFailing,
  healthCheckRedirects,
  healthCheckSlow,
  hstsHeaderMissing,
  hstsMaxAgeShort,
  httpNotRedirectedToHttps,
  httpsRedirectImproper,
  liveSocketForeignOriginAccepted,
  liveSocketRefused,
  liveViewJoinFailed,
  nosniffHeaderMissing,
  pageNotServed,
  rateLimitNotObserved,
  readinessIgnoresDatabase,
  readinessNotReady,
  redirectLoop,
  referrerPolicyMissing,
  serverVersionExposed,
  sessionCookieFlagsMissing,
  tlsCertificateExpired,
  tlsCertificateExpiring,
  tlsCertificateWrongHost,
  tlsChainUntrusted,
  tlsLegacyProtocol,
];
