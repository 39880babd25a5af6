import { rule } from '../../../src/audit/rules/fly-env-secret.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const FLY = `app = "hello-phoenix"\nprimary_region = "iad"\n\n[env]\n  PHX_HOST = "hello-phoenix.fly.dev"\n  PORT = "8080"\n`;

ruleTester(rule, {
  valid: [
    { name: 'only non-secret settings in [env]', edits: { 'fly.toml': FLY } },
    { name: 'the existing-deploy fixture', base: fixture('existing-deploy') },
    { name: 'a secret name with an empty placeholder', edits: { 'fly.toml': `${FLY}  SENTRY_DSN = ""\n` } },
    {
      name: 'long readable deploy labels (words and dates) under names that are not secrets',
      edits: { 'fly.toml': `${FLY}  APP_INSTANCE = "production-eol-2025-10-05"\n  CDN_HOST = "cdn-2025-02-25.internal"\n` },
    },
  ],
  invalid: [
    {
      name: 'a Stripe key and SECRET_KEY_BASE in [env]',
      edits: { 'fly.toml': `${FLY}  STRIPE_SECRET_KEY = "sk_live_abc123"\n  SECRET_KEY_BASE = "${'x'.repeat(64)}"\n` },
      expect: ['fly.toml:7', 'fly.toml:8'],
      messageIncludes: ['STRIPE_SECRET_KEY', 'value not shown'],
    },
    {
      name: 'a database URL with a password added to an existing fly.toml',
      base: fixture('existing-deploy'),
      edits: { 'fly.toml': replace('[env]\n', '[env]\n  DATABASE_URL = "ecto://beacon:hunter2@db.internal/beacon"\n') },
      expect: ['fly.toml:14'],
    },
    {
      name: 'a random token under a name that does not say secret',
      edits: { 'fly.toml': `${FLY}  APP_INSTANCE = "q8ZtR2mWx91LkPa7vNc3Ye5b"\n` },
      expect: ['fly.toml:7'],
      messageIncludes: ['APP_INSTANCE'],
    },
  ],
});
