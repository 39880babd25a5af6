import {scan} from './src/scan/index.ts';
import {defaultConfig} from './src/plan/config.ts';
import {renderCompose} from './src/targets/compose/render.ts';
const p = await scan(process.argv[2] ?? 'examples/hello_phoenix');
const out = renderCompose(p, {...defaultConfig(p), targets: ['compose']} as any);
for (const f of out.files) { console.log('=====', f.path); console.log(f.content); }
