import { isReadableLabel, isSecretName } from '../../facts/secret-name.js';
import { looksLikeSecretValue } from '../../scan/redact.js';
import type { Hit } from '../contract.js';
import { defineRule } from '../rule.js';

export const rule = defineRule({
  id: 'fly-env-secret',
  title: 'Secret value in fly.toml [env]',
  category: 'secrets',
  severity: 'high',
  description:
    'Values in the `[env]` section of fly.toml are plain configuration: they are committed with the code, shown by `fly config show` and readable by everyone with the repository. A password, token, key or `SECRET_KEY_BASE` there is a leaked secret.',
  fix: 'Delete the entry from fly.toml, set it with `fly secrets set NAME=…` (stored encrypted, injected at boot), and rotate the value: it is in the git history.',
  equivalents: [],
  requires: ['flyTomls'],
  messages: {
    secretInEnv: '{{file}} sets {{name}} in [env] (value not shown): it is committed in plain text',
  },
  check({ flyTomls }) {
    const hits: Hit[] = [];
    for (const f of flyTomls) {
      for (const [name, value] of Object.entries(f.data?.env ?? {})) {
        if (typeof value !== 'string' || value.trim() === '' || !(isSecretName(name) || (looksLikeSecretValue(value) && !isReadableLabel(value)))) continue;
        hits.push({
          messageId: 'secretInEnv',
          data: { file: f.file, name },
          evidence: [{ file: f.file, line: f.lines[`env.${name}`] ?? f.lines.env ?? 1 }],
          fix: `Remove ${name} from [env], run \`fly secrets set ${name}=…\`, and rotate the value.`,
        });
      }
    }
    return hits;
  },
});
