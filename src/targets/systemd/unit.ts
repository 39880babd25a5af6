/** The hardened systemd unit (templates/app.service.eta) and the env file template (app.env.example.eta). */
import type { SystemdModel } from './model.js';
import { appEnvExample, appService } from './templates/index.js';

export function unitFile(m: SystemdModel): string {
  return appService.render({
    otpApp: m.facts.otpApp,
    user: m.user,
    current: `${m.installDir}/current`,
    envFile: m.envFile,
    app: m.app,
    stateDir: m.stateDir,
    // `-`: a folder that does not exist yet does not stop the unit (deploy.sh setup creates it).
    readWritePaths: [m.stateDir, ...(m.storage?.outside ?? []).map((w) => `-${w.path}`)].join(' '),
    releaseName: m.facts.releaseName,
  });
}

export function envExample(m: SystemdModel): string {
  return appEnvExample.render({
    envFile: m.envFile,
    serviceName: m.serviceName,
    user: m.user,
    env: m.env.map((e) => ({ name: e.name, value: e.value ?? e.hint })),
  });
}
