import { rule } from '../../../src/audit/rules/fly-http-check-missing.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const DEPLOY = fixture('existing-deploy');
const HTTP_CHECK = `
  [[http_service.checks]]
    grace_period = "10s"
    interval = "15s"
    method = "GET"
    timeout = "2s"
    path = "/health"
`;

ruleTester(rule, {
  valid: [
    { name: 'http_service with an HTTP check', base: DEPLOY, edits: { 'fly.toml': replace('  processes = ["app"]\n', `  processes = ["app"]\n${HTTP_CHECK}`) } },
    {
      name: 'top-level machine check of type http',
      base: DEPLOY,
      edits: { 'fly.toml': (t: string) => `${t}\n[checks.health]\n  type = "http"\n  port = 8080\n  path = "/health"\n  interval = "15s"\n  timeout = "2s"\n` },
    },
    {
      name: '[[services]] with http_checks',
      edits: { 'fly.toml': 'app = "hello"\n\n[[services]]\n  internal_port = 4000\n  protocol = "tcp"\n\n  [[services.http_checks]]\n    interval = 10000\n    method = "get"\n    path = "/health"\n    timeout = 2000\n' },
    },
    { name: 'worker-only fly.toml (no service)', edits: { 'fly.toml': 'app = "hello-worker"\n\n[processes]\n  worker = "/app/bin/hello_phoenix start"\n' } },
  ],
  invalid: [
    {
      name: 'existing-deploy: http_service without checks',
      base: DEPLOY,
      expect: ['fly.toml:17'],
      messageIncludes: ['[http_service] has no HTTP health check'],
    },
    {
      name: '[[services]] with only tcp_checks',
      edits: { 'fly.toml': 'app = "hello"\n\n[[services]]\n  internal_port = 4000\n  protocol = "tcp"\n\n  [[services.tcp_checks]]\n    interval = "15s"\n    timeout = "2s"\n' },
      expect: ['fly.toml:3'],
      messageIncludes: ['(only tcp_checks)'],
    },
  ],
});
