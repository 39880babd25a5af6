import {scan} from './src/scan/index.ts';
import {defaultConfig} from './src/plan/config.ts';
import {renderSystemd} from './src/targets/systemd/render.ts';
const p = await scan(process.argv[2] ?? 'examples/hello_phoenix');
const out = renderSystemd(p, {...defaultConfig(p), targets: ['systemd']} as any);
for (const f of out.files) { console.log('=====', f.path); console.log(f.content); }
