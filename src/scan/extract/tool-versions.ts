/**
 * Pinned toolchain versions: `.tool-versions` (asdf), `.mise.toml` / `mise.toml`, `.elixir-version`.
 * The project folder's files win over the repository root's.
 */
import type { FileEntry } from '../files.js';
import { readText, type Warnings } from '../files.js';
import type { Facts } from '../profile.js';

type Pins = Facts['toolVersions'];

export async function extractToolVersions(files: FileEntry[], projectPrefix: string, warnings: Warnings): Promise<Pins> {
  const pick = (names: string[]) => {
    for (const prefix of projectPrefix ? [projectPrefix, ''] : ['']) {
      for (const n of names) {
        const f = files.find((x) => x.rel === `${prefix}${n}`);
        if (f) return f;
      }
    }
    return null;
  };
  const out: Pins = { elixir: null, otp: null, file: null, line: null };
  const tv = pick(['.tool-versions']);
  if (tv) {
    const text = readText(tv.abs, tv.rel, warnings) ?? '';
    text.split(/\r?\n/).forEach((raw, i) => {
      const [tool, version] = raw.replace(/#.*/, '').trim().split(/\s+/);
      if (!tool || !version) return;
      if (tool === 'elixir' && !out.elixir) {
        out.elixir = version;
        out.file = tv.rel;
        out.line = i + 1;
      }
      if (tool === 'erlang' && !out.otp) out.otp = version;
    });
  }
  const mise = pick(['.mise.toml', 'mise.toml']);
  if (mise && (!out.elixir || !out.otp)) {
    const text = readText(mise.abs, mise.rel, warnings) ?? '';
    try {
      const { parse: parseToml } = await import('smol-toml');
      const data = parseToml(text);
      const tools = typeof data.tools === 'object' && !Array.isArray(data.tools) && !(data.tools instanceof Date) ? data.tools : {};
      const v = (x: unknown) => (typeof x === 'string' ? x : Array.isArray(x) && typeof x[0] === 'string' ? x[0] : null);
      if (!out.elixir && v(tools.elixir)) {
        out.elixir = v(tools.elixir);
        out.file = mise.rel;
        out.line = text.split('\n').findIndex((l) => /^\s*elixir\s*=/.test(l)) + 1 || null;
      }
      if (!out.otp && v(tools.erlang)) out.otp = v(tools.erlang);
    } catch (e) {
      warnings.add('parse-error', `${mise.rel}: invalid TOML: ${e instanceof Error ? e.message.split('\n')[0] : e}`, mise.rel);
    }
  }
  const ev = pick(['.elixir-version']);
  if (ev && !out.elixir) {
    const text = (readText(ev.abs, ev.rel, warnings) ?? '').trim();
    if (text) {
      out.elixir = text.split(/\s+/)[0] ?? text;
      out.file = ev.rel;
      out.line = 1;
    }
  }
  // "1.17.3-otp-27" also pins the OTP major when erlang is not listed.
  if (out.elixir && !out.otp) {
    const m = /-otp-(\d+)/.exec(out.elixir);
    if (m?.[1] !== undefined) out.otp = m[1];
  }
  return out;
}
