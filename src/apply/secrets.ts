/**
 * Secret values during one apply: generated on first use, asked for once, and known to the redactor so
 * no output, log or error can show them. Nothing here is ever written anywhere.
 */
import { randomBytes } from 'node:crypto';

/** SECRET_KEY_BASE like `mix phx.gen.secret`: 64 random bytes, base64 without padding. */
export function secretKeyBase(): string {
  return randomBytes(64).toString('base64').replace(/=+$/, '');
}

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RELEASE_COOKIE like `mix release` writes one: 32 random bytes, base32 (a valid Erlang cookie). */
export function releaseCookie(): string {
  const bytes = randomBytes(32);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  return out;
}

export const GENERATORS: Record<string, () => string> = {
  'secret-key-base': secretKeyBase,
  'release-cookie': releaseCookie,
};

/** Where the values of secrets only the user knows come from. */
export interface SecretInput {
  ask(name: string, description: string): Promise<string>;
}

export class SecretInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretInputError';
  }
}

/** CI and other non-terminals: the secret comes from the environment variable of the same name. */
export function envSecretInput(env: NodeJS.ProcessEnv = process.env): SecretInput {
  return {
    async ask(name) {
      const v = env[name];
      if (v === undefined || v === '') throw new SecretInputError(`${name} is needed and not set: export ${name}=... (it is read from the environment when there is no terminal)`);
      return v;
    },
  };
}

export class Vault {
  private readonly values = new Set<string>();
  private readonly generated = new Map<string, string>();
  private readonly inputs = new Map<string, string>();

  constructor(private readonly input: SecretInput, private readonly descriptions: Record<string, string> = {}) {}

  generate(kind: string): string {
    let v = this.generated.get(kind);
    if (v === undefined) {
      const gen = GENERATORS[kind];
      if (!gen) throw new SecretInputError(`unknown generated secret "${kind}"`);
      v = gen();
      this.generated.set(kind, v);
      this.remember(v);
    }
    return v;
  }

  async ask(name: string): Promise<string> {
    let v = this.inputs.get(name);
    if (v === undefined) {
      v = await this.input.ask(name, this.descriptions[name] ?? name);
      if (v.trim() === '') throw new SecretInputError(`${name} is empty; refusing to store an empty secret`);
      this.inputs.set(name, v);
      this.remember(v);
    }
    return v;
  }

  /** A value that must never be shown (a sensitive output, a connection URL). */
  remember(value: string): void {
    if (value.length >= 4) this.values.add(value);
  }

  redact(text: string): string {
    let out = text;
    for (const v of this.values) out = out.split(v).join('[redacted]');
    return out;
  }
}
