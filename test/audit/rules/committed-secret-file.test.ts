import { rule } from '../../../src/audit/rules/committed-secret-file.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

ruleTester(rule, {
  valid: [
    { name: 'no .env, no prod.secret.exs' },
    { name: 'Phoenix 1.5 prod.secret.exs that only reads env vars', base: fixture('phx15-webpack') },
    { name: '.env.example is documentation', edits: { '.env.example': 'SECRET_KEY_BASE=\nDATABASE_URL=\n' } },
    { name: '.env with no secret-looking variable', edits: { '.env': 'PHX_HOST=hello.example.org\nPORT=4000\n' } },
    { name: '.env.test holds test values', edits: { '.env.test': 'DATABASE_URL=ecto://postgres:postgres@localhost/hello_test\n' } },
    {
      name: '.env.dev.txt: the development values a README tells you to copy to .env.dev',
      edits: { 'config/.env.dev.txt': `DATABASE_URL=ecto://postgres:postgres@localhost/hello_dev\nSECRET_KEY_BASE=${'Hd83kQp0ZxLm2VbN'.repeat(4)}\nSTRIPE_API_KEY=this_is_a_dummy_key\n` },
    },
    {
      name: 'a committed .env whose credentials are placeholders (a template named .env)',
      edits: { '.env': 'SECRET_KEY_BASE=[generate with mix phx.gen.secret]\nDATABASE_URL=ecto://postgres:postgres@localhost/hello_phoenix_dev\nPHX_HOST=localhost\n' },
    },
    {
      name: 'Phoenix 1.5 prod.secret.exs reading its secrets from env vars, with a literal host',
      base: fixture('phx15-webpack'),
      edits: { 'config/prod.secret.exs': replace('  http: [', '  url: [host: "shop.example.com", port: 443],\n  http: [') },
    },
    {
      name: 'Phoenix 1.5 prod.secret.exs with a literal, non-secret app setting (the support address)',
      base: fixture('phx15-webpack'),
      edits: { 'config/prod.secret.exs': (t: string) => `${t}\nconfig :legacy_shop, :support_email, "help@shop.example.com"\n` },
    },
    {
      name: 'a local .env that .gitignore excludes',
      edits: { '.env': 'SECRET_KEY_BASE=abc\nDATABASE_URL=ecto://u:p@db/app\n', '.gitignore': (t: string) => `${t}\n# local settings\n.env\n` },
    },
  ],
  invalid: [
    {
      name: 'config/.env.production: a qualifier that names production is not a local file',
      edits: { 'config/.env.production': `SECRET_KEY_BASE=${'q7Rz2LmK9xWb4TvN'.repeat(4)}\nPHX_HOST=hello.example.org\n` },
      expect: ['config/.env.production:1'],
      messageIncludes: ['SECRET_KEY_BASE'],
    },
    {
      name: 'phx18-insecure: .env with SECRET_KEY_BASE and DATABASE_URL',
      base: fixture('phx18-insecure'),
      expect: ['.env:1'],
      messageIncludes: ['SECRET_KEY_BASE, DATABASE_URL', 'values not shown', 'no .gitignore excludes it'],
    },
    {
      name: 'prod.secret.exs with a literal secret_key_base',
      base: fixture('phx15-webpack'),
      edits: { 'config/prod.secret.exs': replace('  secret_key_base: secret_key_base', `  secret_key_base: "${'z'.repeat(64)}"`) },
      expect: ['config/prod.secret.exs:31'],
      messageIncludes: ['secret_key_base', 'no .gitignore excludes it'],
    },
    {
      name: 'prod.secret.exs with a literal secret_key_base and a literal Stripe key',
      base: fixture('phx15-webpack'),
      edits: {
        'config/prod.secret.exs': (t: string) =>
          `${replace('  secret_key_base: secret_key_base', `  secret_key_base: "${'z'.repeat(64)}"`)(t)}\nconfig :legacy_shop, :stripe_api_key, "sk_live_${'4eC39HqLyjWDarjtT1zdp7dc'}"\n`,
      },
      expect: ['config/prod.secret.exs:31'],
      messageIncludes: ['(secret_key_base, stripe_api_key; values not shown)'],
    },
    {
      name: '.env with eight secret variables: six named, the rest counted',
      edits: {
        '.env': [
          'SECRET_KEY_BASE=Hk2pQ9wLr8ZxV4nB7mT1cY6dF3sJ0gA5eR2uI8oP4lK7jH1qW9zX3vN6bM0tC5yD',
          'DATABASE_URL=ecto://hello:Xq83nVb2Lp@db.internal/hello_prod',
          'STRIPE_SECRET_KEY=sk_live_51Hx',
          'MAILGUN_API_KEY=key-3ax6xnjp29jd6fds4gc373sgvjxteol0',
          'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
          'GITHUB_CLIENT_SECRET=8f2c1a9b7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b',
          'SENTRY_AUTH_TOKEN=sntrys_eyJpYXQiOjE3',
          'RELEASE_COOKIE=Qm9uZC5KYW1lcy5Cb25k',
          'PHX_HOST=hello.example.org',
          '',
        ].join('\n'),
      },
      expect: ['.env:1'],
      messageIncludes: ['and 2 more (8 of 9 variables look secret'],
    },
    {
      name: '.env with exactly six secret variables: all named',
      edits: {
        '.env': 'SECRET_KEY_BASE=Hk2pQ9wLr8ZxV4nB7mT1cY6dF3sJ0gA5eR2uI8oP4lK7jH1qW9zX3vN6bM0tC5yD\nDATABASE_URL=ecto://hello:Xq83nVb2Lp@db.internal/hello_prod\nSTRIPE_SECRET_KEY=sk_live_51Hx\nMAILGUN_API_KEY=key-3ax6xnjp29jd6fds4gc373sgvjxteol0\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\nGITHUB_CLIENT_SECRET=8f2c1a9b7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b\n',
      },
      expect: ['.env:1'],
      messageIncludes: ['GITHUB_CLIENT_SECRET (6 of 6 variables look secret'],
    },
    {
      name: '.env with a single variable, a token',
      edits: { '.env': 'GITHUB_TOKEN=ghp_abc123\n' },
      expect: ['.env:1'],
      messageIncludes: ['.env defines GITHUB_TOKEN (1 of 1 variable look secret; values not shown)'],
    },
  ],
});
