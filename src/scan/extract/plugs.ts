/**
 * `plug X, opts` calls in a module body (endpoint, router pipeline, controller), including those
 * inside `if`/`unless` blocks, which are marked conditional. Whether a plug is compiled into a prod
 * build is decided from the condition (`if Mix.env() == :prod`, `unless code_reloading?`…) when a
 * check is given.
 */
import { bodyStatements, callArgs, callName, elseStatements } from '../elixir/ast.js';
import { lineOf, type Node } from '../elixir/parser.js';
import { toTerm, type TermContext } from '../elixir/to-term.js';
import type { PlugRef } from '../profile.js';
import type { Term } from '../term.js';

/** Decides whether code under a condition runs in prod: true, false, or null when it depends on something else. */
export type ProdCheck = (cond: Term) => boolean | null;

export function plugsIn(nodes: Node[], file: string, ctx: TermContext, prodCheck: ProdCheck | null = null, conditional = false, prod: boolean | null = true): PlugRef[] {
  const out: PlugRef[] = [];
  for (const n of nodes) {
    const name = callName(n);
    if (name === 'plug') {
      const [target, opts] = callArgs(n);
      if (!target) continue;
      const plugName = target.type === 'atom' ? target.text.slice(1) : target.text;
      out.push({ name: plugName, opts: opts ? toTerm(opts, ctx) : null, evidence: { file, line: lineOf(n) }, conditional, prod });
    } else if (name === 'if' || name === 'unless') {
      const [cond] = callArgs(n);
      const holds = cond && prodCheck ? prodCheck(toTerm(cond, ctx)) : null;
      const thenProd = holds === null ? null : name === 'if' ? holds : !holds;
      const elseProd = thenProd === null ? null : !thenProd;
      out.push(...plugsIn(bodyStatements(n), file, ctx, prodCheck, true, both(prod, thenProd)));
      out.push(...plugsIn(elseStatements(n), file, ctx, prodCheck, true, both(prod, elseProd)));
    }
  }
  return out;
}

/** Runs in prod when the outer block does and the inner condition holds (three-valued `and`). */
function both(outer: boolean | null, inner: boolean | null): boolean | null {
  if (outer === false || inner === false) return false;
  return outer === true && inner === true ? true : null;
}

/** Collects `@name value` module attributes into ctx.attrs. */
export function collectAttributes(nodes: Node[], ctx: TermContext): void {
  for (const n of nodes) {
    if (n.type !== 'unary_operator' || n.childForFieldName('operator')?.text !== '@') continue;
    const operand = n.childForFieldName('operand');
    if (operand?.type !== 'call') continue;
    const name = callName(operand);
    const arg = callArgs(operand)[0];
    if (name && arg) ctx.attrs?.set(name, toTerm(arg, ctx));
  }
}
