/**
 * Which lib files the scan parses for the Repo and router extractors: a file that only mentions
 * `Ecto.Repo` (docs, `Ecto.Repo.Registry`) or a longer atom than `:router` (telemetry handlers of
 * `[:phoenix, :router_dispatch, :stop]`) is not parsed for them; a Repo or router written in any way
 * the extractors read still is.
 */
import { describe, expect, it } from 'vitest';
import { replace, scanProject } from '../../helpers/project.js';

/** A schema module whose docs name `Ecto.Repo` functions: it defines no Repo. */
const MENTIONS_REPO = `defmodule HelloPhoenix.Chain.Log do
  @moduledoc """
  Inserts logs in one transaction (see \`Ecto.Repo.transaction/2\`).
  """
  use Ecto.Schema

  def lookup(repo), do: Ecto.Repo.Registry.lookup(repo)
end
`;

/** A telemetry handler matching router events: it defines no router. */
const ROUTER_EVENTS = `defmodule HelloPhoenix.HttpMetrics do
  def attach do
    :telemetry.attach("http", [:phoenix, :router_dispatch, :stop], &__MODULE__.handle/4, nil)
  end

  def handle([:phoenix, :router_dispatch, :stop], _measurements, _metadata, _config), do: :ok
end
`;

/** A second Repo whose `use` carries a comment before the module, called with parentheses. */
const READ_REPO = `defmodule HelloPhoenix.ReadRepo do
  use( # the read replica
    Ecto.Repo,
    otp_app: :hello_phoenix,
    adapter: Ecto.Adapters.Postgres,
    read_only: true
  )
end
`;

/** An admin router of its own, through the web module's \`:router\` quote. */
const ADMIN_ROUTER = `defmodule HelloPhoenixWeb.AdminRouter do
  use HelloPhoenixWeb, :router

  get "/admin/health", HelloPhoenixWeb.PageController, :health
end
`;

describe('lib files parsed for the Repo and router extractors', () => {
  it('a file that only mentions Ecto.Repo or :router_dispatch is not parsed', async () => {
    const base = await scanProject();
    const p = await scanProject({ 'lib/hello_phoenix/chain/log.ex': MENTIONS_REPO, 'lib/hello_phoenix/http_metrics.ex': ROUTER_EVENTS });
    expect(p.facts.stats.filesParsed).toBe(base.facts.stats.filesParsed);
    expect(p.facts.stats.bytesParsed).toBe(base.facts.stats.bytesParsed);
    expect(p.facts.repos.map((r) => r.module)).toEqual(['HelloPhoenix.Repo']);
    expect(p.facts.routers.map((r) => r.module)).toEqual(['HelloPhoenixWeb.Router']);
  });

  it('a Repo used through parentheses and a comment, and a second router, are still read', async () => {
    const p = await scanProject({ 'lib/hello_phoenix/read_repo.ex': READ_REPO, 'lib/hello_phoenix_web/admin_router.ex': ADMIN_ROUTER });
    expect(p.facts.repos.map((r) => [r.module, r.adapter]).sort()).toEqual([
      ['HelloPhoenix.ReadRepo', 'Ecto.Adapters.Postgres'],
      ['HelloPhoenix.Repo', 'Ecto.Adapters.Postgres'],
    ]);
    const admin = p.facts.routers.find((r) => r.module === 'HelloPhoenixWeb.AdminRouter');
    expect(admin?.routes.map((r) => r.path)).toEqual(['/admin/health']);
  });

  it('`use Phoenix.Router` written out is read as a router', async () => {
    const p = await scanProject({
      'lib/hello_phoenix_web/router.ex': replace('use HelloPhoenixWeb, :router', 'use Phoenix.Router\n  import Phoenix.Controller'),
    });
    expect(p.facts.routers.map((r) => r.module)).toEqual(['HelloPhoenixWeb.Router']);
  });
});
