import {scan} from './src/scan/index.ts';
import {defaultConfig} from './src/plan/config.ts';
import {renderK8s} from './src/targets/k8s/render.ts';
const p = await scan(process.argv[2] ?? 'examples/hello_phoenix');
const c = defaultConfig(p);
const out = renderK8s(p, c);
for (const f of out.files) { console.log('=====', f.path); console.log(f.content); }
console.log(JSON.stringify({steps: out.steps, notes: out.notes, resources: out.resources}, null, 1));
