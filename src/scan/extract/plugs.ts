/**
 * `plug X, opts` calls in a module body (endpoint, router pipeline, controller), including those
 * inside `if`/`unless` blocks, which are marked conditional.
 */
import { bodyStatements, callArgs, callName, elseStatements } from '../elixir/ast.js';
import { lineOf, type Node } from '../elixir/parser.js';
import { toTerm, type TermContext } from '../elixir/to-term.js';
import type { PlugRef } from '../profile.js';

export function plugsIn(nodes: Node[], file: string, ctx: TermContext, conditional = false): PlugRef[] {
  const out: PlugRef[] = [];
  for (const n of nodes) {
    const name = callName(n);
    if (name === 'plug') {
      const [target, opts] = callArgs(n);
      if (!target) continue;
      const plugName = target.type === 'atom' ? target.text.slice(1) : target.text;
      out.push({ name: plugName, opts: opts ? toTerm(opts, ctx) : null, evidence: { file, line: lineOf(n) }, conditional });
    } else if (name === 'if' || name === 'unless') {
      out.push(...plugsIn(bodyStatements(n), file, ctx, true));
      out.push(...plugsIn(elseStatements(n), file, ctx, true));
    }
  }
  return out;
}

/** Collects `@name value` module attributes into ctx.attrs. */
export function collectAttributes(nodes: Node[], ctx: TermContext): void {
  for (const n of nodes) {
    if (n.type !== 'unary_operator' || n.childForFieldName('operator')?.text !== '@') continue;
    const operand = n.childForFieldName('operand');
    if (operand?.type !== 'call') continue;
    const name = callName(operand);
    const arg = callArgs(operand)[0];
    if (name && arg) ctx.attrs!.set(name, toTerm(arg, ctx));
  }
}
