/**
 * The endpoint module: plugs (and whether they are conditional), sockets and their check_origin,
 * and session options through `@session_options`; and what the summary concludes from them.
 */
import { describe, expect, it } from 'vitest';
import type { Profile } from '../../../src/scan/profile.js';
import { kwPath, show } from '../../../src/scan/term.js';
import { replace, scanProject } from '../../helpers/project.js';

const ENDPOINT = 'lib/hello_phoenix_web/endpoint.ex';

const endpointOf = (p: Profile) => p.facts.endpoints[0]!;

/** The example endpoint with `extra` inserted right before `plug Plug.RequestId`. */
function withPlugs(extra: string): Promise<Profile> {
  return scanProject({ [ENDPOINT]: replace('  plug Plug.RequestId\n', `${extra}  plug Plug.RequestId\n`) });
}

describe('Plug.SSL in the endpoint', () => {
  it('`plug Plug.SSL` inside `if code_reloading?` is conditional and does not enforce HTTPS', async () => {
    const p = await scanProject({
      [ENDPOINT]: replace('    plug Phoenix.CodeReloader\n', '    plug Phoenix.CodeReloader\n    plug Plug.SSL, rewrite_on: [:x_forwarded_proto]\n'),
    });
    const ssl = endpointOf(p).plugs.filter((x) => x.name === 'Plug.SSL');
    expect(ssl.map((x) => [x.conditional, x.evidence.line])).toEqual([[true, 31]]);
    expect(p.security).toEqual({ forceSsl: false, hsts: false, csp: false, checkOrigin: null });
    expect(p.evidence.forceSsl).toBeUndefined();
  });

  it('an unconditional `plug Plug.SSL` enforces HTTPS, with HSTS by default', async () => {
    const p = await withPlugs('  plug Plug.SSL, rewrite_on: [:x_forwarded_proto]\n');
    const ssl = endpointOf(p).plugs.find((x) => x.name === 'Plug.SSL');
    expect(ssl?.conditional).toBe(false);
    expect([p.security.forceSsl, p.security.hsts]).toEqual([true, true]);
    expect(p.evidence.forceSsl).toBe(`${ENDPOINT}:${ssl!.evidence.line}`);
  });

  it('`plug Plug.SSL, hsts: false` enforces HTTPS without HSTS', async () => {
    const p = await withPlugs('  plug Plug.SSL, rewrite_on: [:x_forwarded_proto], hsts: false\n');
    expect([p.security.forceSsl, p.security.hsts]).toEqual([true, false]);
  });

  it('the plugs of the example are in source order, only the code-reloading ones conditional', async () => {
    const p = await scanProject({});
    expect(endpointOf(p).plugs.map((x) => `${x.name}${x.conditional ? '?' : ''}`)).toEqual([
      'Plug.Static',
      'Phoenix.LiveReloader?',
      'Phoenix.CodeReloader?',
      'Phoenix.Ecto.CheckRepoStatus?',
      'Phoenix.LiveDashboard.RequestLogger',
      'Plug.RequestId',
      'Plug.Telemetry',
      'Plug.Parsers',
      'Plug.MethodOverride',
      'Plug.Head',
      'Plug.Session',
      'HelloPhoenixWeb.Router',
    ]);
  });
});

describe('sockets and check_origin', () => {
  it('`check_origin` inside the socket\'s `websocket:` options is the app\'s check_origin', async () => {
    const p = await scanProject({
      [ENDPOINT]: replace(
        '    websocket: [connect_info: [session: @session_options]],',
        '    websocket: [check_origin: ["https://app.example.com"], connect_info: [session: @session_options]],',
      ),
    });
    const live = endpointOf(p).sockets.find((s) => s.path === '/live');
    expect(show(kwPath(live?.opts, 'websocket', 'check_origin'))).toBe('["https://app.example.com"]');
    expect(p.security.checkOrigin).toBe('["https://app.example.com"]');
    expect(p.evidence.checkOrigin).toBe(`${ENDPOINT}:${live!.evidence.line}`);
  });

  it('`check_origin: false` in the socket options is reported as "false"', async () => {
    const p = await scanProject({
      [ENDPOINT]: replace('    websocket: [connect_info: [session: @session_options]],', '    websocket: [check_origin: false, connect_info: [session: @session_options]],'),
    });
    expect(p.security.checkOrigin).toBe('false');
  });

  it('a socket inside `if code_reloading?` is not listed; the top-level ones are', async () => {
    const p = await scanProject({});
    expect(endpointOf(p).sockets.map((s) => [s.path, s.module, s.evidence.line])).toEqual([['/live', 'Phoenix.LiveView.Socket', 13]]);
  });
});

describe('session options', () => {
  it('`@session_options` is the session config, and is resolved where the socket and Plug.Session use it', async () => {
    const p = await scanProject({});
    const ep = endpointOf(p);
    const expected = '[store: :cookie, key: "_hello_phoenix_key", signing_salt: "lkPnpisA", same_site: "Lax"]';
    expect(show(ep.sessionOptions)).toBe(expected);
    expect(show(ep.plugs.find((x) => x.name === 'Plug.Session')?.opts)).toBe(expected);
    expect(show(kwPath(ep.sockets[0]!.opts, 'websocket', 'connect_info', 'session'))).toBe(expected);
  });

  it('without the attribute, the options of `plug Plug.Session` are the session config', async () => {
    const p = await scanProject({
      [ENDPOINT]: (c) =>
        c
          .replace(/  @session_options \[[\s\S]*?\]\n/, '')
          .replace(/, @session_options\]/g, ']')
          .replace('  plug Plug.Session, @session_options\n', '  plug Plug.Session, store: :cookie, key: "_k", signing_salt: "s"\n'),
    });
    expect(show(endpointOf(p).sessionOptions)).toBe('[store: :cookie, key: "_k", signing_salt: "s"]');
  });
});

describe('endpoint identity', () => {
  it('the otp_app of `use Phoenix.Endpoint` and the module name are read', async () => {
    const p = await scanProject({});
    const ep = endpointOf(p);
    expect([ep.module, ep.otpApp, ep.file, ep.evidence]).toEqual(['HelloPhoenixWeb.Endpoint', 'hello_phoenix', ENDPOINT, { file: ENDPOINT, line: 1 }]);
    expect(p.web.endpointModule).toBe('HelloPhoenixWeb.Endpoint');
    expect(p.web.routerModule).toBe('HelloPhoenixWeb.Router');
  });
});
