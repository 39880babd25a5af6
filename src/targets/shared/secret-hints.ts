/** What to put in a secret a generated file leaves as a placeholder: how to make it, or the shape of its value. */
export function secretHints(host: string): Readonly<Record<string, string>> {
  return {
    SECRET_KEY_BASE: 'output of: mix phx.gen.secret',
    RELEASE_COOKIE: 'output of: mix phx.gen.secret 32',
    DATABASE_URL: `ecto://USER:PASSWORD@${host}/DATABASE`,
    REDIS_URL: `redis://${host}:6379`,
  };
}
