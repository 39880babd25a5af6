/** Paths into the parsed `phoenix-ops.yaml`, as the schema validator reports them and as messages show them. */

export type SchemaPath = (string | number)[];

/** `machine.count`, `audit.ignore[0].rule`, `env.MY_VAR`. */
export function formatPath(path: SchemaPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}
