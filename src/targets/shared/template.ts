/**
 * The templates of generated files. Each target keeps its templates beside its code, as `.eta` files in
 * `src/targets/<id>/templates/`; `scripts/gen-templates.mjs` compiles each folder into
 * `templates/index.ts` (the sources as string constants), so the templates are part of the bundle in
 * dist/ and need no file lookup at run time. A test fails when an index.ts is stale.
 *
 * A target computes a small model (plain strings, booleans and lists, every decision already taken) and
 * the template only lays it out. Eta is set up for text files, not HTML: no escaping, no automatic
 * trimming; a control line ends with `-%>` so it leaves no line behind. Values that need quoting for the
 * output language go through that language's escape in the model (`hclString`, `tomlString`, `shq`).
 */
import { Eta } from 'eta';

const eta = new Eta({ autoEscape: false, autoTrim: false, useWith: false, varName: 'it', cache: false });

type Compiled = (this: Eta, data: object) => string;

export interface Template {
  /** `<target>/<file>.eta`, for error messages. */
  readonly name: string;
  readonly source: string;
  /** The rendered text. Compiled on first use. */
  render(model: object): string;
}

export function template(name: string, source: string): Template {
  let compiled: Compiled | null = null;
  return {
    name,
    source,
    render(model: object): string {
      compiled ??= eta.compile(source) as Compiled;
      return compiled.call(eta, model);
    },
  };
}
