import {scan} from './src/scan/index.ts';
import {defaultConfig} from './src/plan/config.ts';
import {renderCloudRun} from './src/targets/cloudrun/render.ts';
import {readFileSync} from 'node:fs';
const dir = process.argv[2] ?? 'examples/hello_phoenix';
const p0 = await scan(dir);
const sources: Record<string,string> = {};
for (const f of ['lib/hello_phoenix/application.ex','mix.exs']) { try { sources[f] = readFileSync(dir+'/'+f,'utf8'); } catch {} }
const p = {...p0, facts: {...p0.facts, sources}};
const c = {...defaultConfig(p), targets: ['cloudrun']};
const out = renderCloudRun(p as any, c as any);
for (const f of out.files) { console.log('=====', f.path); console.log(f.content); }
for (const pt of out.patches) { console.log('=== PATCH', pt.id, pt.file); console.log(pt.after); }
console.log(JSON.stringify({steps: out.steps.map(s=>s.command.join(' ')), notes: out.notes, resources: out.resources, secrets: out.secrets}, null, 1));
