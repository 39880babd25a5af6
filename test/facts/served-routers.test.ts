/**
 * Which routers prod serves: the main one, one a host-dispatching plug of the endpoint calls, one a
 * second endpoint plugs when prod serves that endpoint.
 */
import { describe, expect, it } from 'vitest';
import { routerLabel, servedRouters } from '../../src/facts/router.js';
import { HOST_DISPATCH, secondEndpoint } from '../helpers/more-routers.js';
import { replace, scanProject } from '../helpers/project.js';

const labels = async (edits: Parameters<typeof scanProject>[0]) => servedRouters(await scanProject(edits)).map(routerLabel);

describe('served routers', () => {
  it('the example app: its one router', async () => {
    expect(await labels({})).toEqual(['HelloPhoenixWeb.Router']);
  });

  it('follows a host-dispatching plug to every router it calls (aliases expanded), recorded at the call', async () => {
    const profile = await scanProject(HOST_DISPATCH);
    expect(profile.facts.routerDispatch).toEqual([
      {
        module: 'HelloPhoenixWeb.HostDispatch',
        file: 'lib/hello_phoenix_web/host_dispatch.ex',
        calls: [
          { module: 'HelloPhoenixWeb.PartnerRouter', evidence: { file: 'lib/hello_phoenix_web/host_dispatch.ex', line: 13 } },
          { module: 'HelloPhoenixWeb.Router', evidence: { file: 'lib/hello_phoenix_web/host_dispatch.ex', line: 14 } },
        ],
      },
    ]);
    expect(servedRouters(profile).map(routerLabel)).toEqual(['HelloPhoenixWeb.Router', 'HelloPhoenixWeb.PartnerRouter (reached through HelloPhoenixWeb.HostDispatch)']);
  });

  it('a router held in a variable is not followed (nothing says which module it is)', async () => {
    const edits = {
      ...HOST_DISPATCH,
      'lib/hello_phoenix_web/host_dispatch.ex': replace(
        '"partners." <> _ -> PartnerRouter.call(conn, PartnerRouter.init(opts))',
        '"partners." <> _ ->\n        router = Application.fetch_env!(:hello_phoenix, :partner_router)\n        router.call(conn, router.init(opts))',
      )(String(HOST_DISPATCH['lib/hello_phoenix_web/host_dispatch.ex'])),
    };
    expect(await labels(edits)).toEqual(['HelloPhoenixWeb.Router']);
  });

  it("a second endpoint's router when prod serves that endpoint, not otherwise", async () => {
    expect(await labels(secondEndpoint())).toEqual(['HelloPhoenixWeb.Router', 'HelloPhoenixWeb.EmbedRouter (served by HelloPhoenixWeb.EmbedEndpoint)']);
    expect(await labels(secondEndpoint(false))).toEqual(['HelloPhoenixWeb.Router']);
  });
});
