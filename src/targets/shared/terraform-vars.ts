/**
 * Terraform `variable` and `output` blocks as the targets' templates render them: names and
 * descriptions already HCL string literals (`hclString`), defaults and values HCL expressions.
 */
import { hclString as s } from './hcl.js';

export interface TfVariable {
  name: string;
  /** An HCL type constraint: `string`, `number`, `bool`, `list(string)`… */
  type: string;
  description: string;
  /** The default as HCL (a quoted string, a number, a bool or a list). */
  default: string;
}

export interface TfOutput {
  name: string;
  description: string;
  /** The value as an HCL expression. */
  value: string;
  sensitive?: boolean;
}

export const tfVariable = (name: string, type: string, description: string, def: string): TfVariable => ({ name: s(name), type, description: s(description), default: def });

export const tfOutput = (name: string, value: string, description: string, sensitive = false): TfOutput => ({ name: s(name), description: s(description), value, sensitive });
