import { isSecretConfigKey, isSecretName } from '../../facts/secret-name.js';
import { kwPairsDeep, literalString } from '../../facts/terms.js';
import type { Hit } from '../contract.js';
import { defineRule } from '../rule.js';

/**
 * `.env.test`, `.env.dev`, `.env.development`, and their copy-me twins (`.env.dev.txt`, `.env.test.local`):
 * values for a developer machine or CI, named so by the environment qualifier among the name's parts.
 */
const isLocalDotenv = (base: string) => base.split('.').slice(2).some((part) => /^(test|dev|development)$/i.test(part));

export const rule = defineRule({
  id: 'committed-secret-file',
  title: 'Secrets file in the working tree',
  category: 'secrets',
  severity: 'high',
  description:
    'A `.env` file with credentials, or a `config/prod.secret.exs` holding literal secrets, sits in the project folder. Unless it is git-ignored it is committed with the code, copied into images by `COPY . .`, and readable by anyone with the repository.',
  fix: 'Add the file to .gitignore (and .dockerignore), remove it from git with `git rm --cached <file>`, rotate every value it held, and give the values to the app as platform secrets read in config/runtime.exs.',
  equivalents: [],
  requires: [],
  messages: {
    dotenvSingle:
      '{{file}} defines {{names}} (1 of 1 variable look secret; values not shown): no .gitignore excludes it, so it is committed with the code: remove it from git and rotate the values',
    dotenv:
      '{{file}} defines {{names}} ({{secretCount}} of {{count}} variables look secret; values not shown): no .gitignore excludes it, so it is committed with the code: remove it from git and rotate the values',
    prodSecret:
      '{{file}} holds literal secret values ({{keys}}; values not shown): no .gitignore excludes it, so it is committed with the code: move the values to env vars read in config/runtime.exs',
  },
  check({ profile }) {
    const hits: Hit[] = [];
    for (const f of profile.facts.presentFiles) {
      // A git-ignored file stays on this machine: not committed, not a finding.
      if (f.gitignored) continue;
      const base = f.file.split('/').pop() ?? f.file;
      if (/^\.env(\..+)?$/.test(base)) {
        if (isLocalDotenv(base)) continue;
        // A template whose credentials are placeholders (`SECRET_KEY_BASE=[generate …]`) commits no secret.
        if (f.templateOnly) continue;
        const keys = f.keys ?? [];
        const secret = keys.filter(isSecretName);
        if (secret.length === 0) continue;
        const shown = secret.slice(0, 6).join(', ') + (secret.length > 6 ? ` and ${secret.length - 6} more` : '');
        hits.push({
          messageId: keys.length === 1 ? 'dotenvSingle' : 'dotenv',
          data: { file: f.file, names: shown, secretCount: secret.length, count: keys.length },
          evidence: [{ file: f.file, line: 1 }],
        });
      } else if (base === 'prod.secret.exs') {
        // Phoenix ≤ 1.5 convention. Harmless when it only reads env vars (the 1.4/1.5 generator's version);
        // a problem when it holds literal secrets, because it is then only safe while git-ignored.
        const found: { key: string; line: number }[] = [];
        for (const c of profile.facts.config) {
          if (c.file !== f.file) continue;
          if (c.key && (isSecretConfigKey(c.key) || c.key === 'secret_key_base') && literalString(c.opts)) found.push({ key: c.key, line: c.opts.line });
          for (const p of kwPairsDeep(c.opts)) if ((p.key === 'secret_key_base' || isSecretConfigKey(p.key)) && literalString(p.value)) found.push({ key: p.key, line: p.line });
        }
        const first = found[0];
        if (!first) continue;
        const keys = [...new Set(found.map((x) => x.key))];
        hits.push({
          messageId: 'prodSecret',
          data: { file: f.file, keys: keys.join(', ') },
          evidence: [{ file: f.file, line: first.line }],
        });
      }
    }
    return hits;
  },
});
