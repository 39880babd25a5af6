/** Ecto repos: `use Ecto.Repo, otp_app: :my_app, adapter: Ecto.Adapters.Postgres`. */
import { usesIn } from '../elixir/ast.js';
import { newContext, toTerm } from '../elixir/to-term.js';
import type { ModuleExtractor } from '../extractor.js';
import type { RepoInfo } from '../profile.js';
import { kwGet, literal } from '../term.js';

/**
 * A file that can `use Ecto.Repo` (a comment may sit between the two words): in large apps most files
 * naming `Ecto.Repo` only mention it (docs of `Ecto.Repo.transaction/2`, `Ecto.Repo.Registry`).
 */
const USES_REPO = /\buse\b(?:[\s(]|#[^\n]*)*Ecto\.Repo\b/;

export const repoExtractor: ModuleExtractor<RepoInfo> = {
  id: 'repo',
  markers: ['Ecto.Repo'],
  wants: (text) => USES_REPO.test(text),
  matches: (mod) => usesIn(mod.body).some((u) => u.module === 'Ecto.Repo'),
  extract(mod, ctx) {
    const use = usesIn(mod.body).find((u) => u.module === 'Ecto.Repo');
    if (!use) return null;
    const opts = use.args[0] ? toTerm(use.args[0], newContext()) : null;
    return { module: mod.name, adapter: literal(kwGet(opts, 'adapter')), otpApp: literal(kwGet(opts, 'otp_app')), evidence: { file: ctx.file, line: use.line } };
  },
};
