// Prints a compact summary of what scan() finds in each folder given (a development aid).
import { scan } from '../src/scan/index.js';

for (const d of process.argv.slice(2)) {
  const p = await scan(d);
  const s = (x: unknown) => JSON.stringify(x);
  console.log('==', d, p.web.otpApp, 'proj', p.projectPath, 'umb', p.umbrella, 'ep', p.web.endpointModule, 'rt', p.web.routerModule);
  console.log('  v', s(p.versions));
  console.log('  db', p.database, 'lv', p.liveView, 'oban', p.oban, 'pubsub', p.pubsub, 'clu', p.clustering, 'http', p.httpServer, 'assets', p.assets, 'sentry', p.sentry, 'rl', p.rateLimiter, 'mailer', p.mailer);
  console.log('  sec', s(p.security), 'health', s(p.health), 'rel', s(p.releaseModule));
  console.log('  rc', p.runtimeConfig.file, p.runtimeConfig.env.map((e) => `${e.name}${e.required ? '!' : ''}${e.dynamic ? '~' : ''}${e.default !== null ? `=${e.default}` : ''}@${e.evidence.line}`).join(' '));
  console.log('  deploy', s(p.deployFiles), 'warn', s(p.warnings));
}
