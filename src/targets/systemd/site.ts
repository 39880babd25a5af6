/** The nginx site in front of the release (templates/app.nginx.conf.eta), from the NginxSite model. */
import type { SystemdModel } from './model.js';
import { appNginxConf } from './templates/index.js';

export function nginxConf(m: SystemdModel): string {
  const n = m.nginx;
  return appNginxConf.render({
    serviceName: m.serviceName,
    serverPath: n.serverPath,
    port: n.upstreamPort,
    placeholder: n.domainPlaceholder,
    domain: n.domain,
    certDir: n.certDir,
    webroot: n.webroot,
    upgradeVar: n.upgradeVar,
    zone: n.zone,
    tlsCache: n.tlsCache,
    authPattern: n.authPattern,
    authPaths: n.authPaths,
    bodyBytes: n.bodyBytes,
    bodySource: n.bodySource,
    socketLocations: n.socketLocations,
  });
}
