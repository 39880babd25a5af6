/**
 * Certificates made at test time with Debian's `openssl`: a root CA (what the tests trust), an
 * intermediate CA, and leaf certificates issued by the intermediate for 127.0.0.1 — valid, expired,
 * expiring soon, or for another host. EC P-256 keys keep generation fast.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Leaf {
  cert: string;
  key: string;
  /** Leaf + intermediate, what a server should send. */
  fullchain: string;
}

export interface TestCa {
  dir: string;
  rootPem: string;
  rootFile: string;
  leaf(name: string, opts: { san: string; days?: number; start?: string; end?: string }): Leaf;
}

function ossl(cwd: string, args: string[]): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

export function makeTestCa(dir: string): TestCa {
  mkdirSync(join(dir, 'db'), { recursive: true });
  writeFileSync(join(dir, 'db', 'index.txt'), '');
  writeFileSync(join(dir, 'db', 'serial'), '1000\n');
  writeFileSync(join(dir, 'ca.ext'), 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n');
  // `openssl ca` takes explicit start and end dates, which is how the expired certificate is made.
  writeFileSync(
    join(dir, 'ca.cnf'),
    ['[ca]', 'default_ca = d', '[d]', 'database = db/index.txt', 'serial = db/serial', 'new_certs_dir = db', 'default_md = sha256', 'policy = p', 'unique_subject = no', 'copy_extensions = none', '[p]', 'commonName = supplied', ''].join('\n'),
  );
  ossl(dir, ['req', '-x509', ...EC, '-keyout', 'root.key', '-out', 'root.crt', '-days', '365', '-subj', '/CN=phoenix-ops test root CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  ossl(dir, ['req', ...EC, '-keyout', 'inter.key', '-out', 'inter.csr', '-subj', '/CN=phoenix-ops test intermediate CA']);
  ossl(dir, ['x509', '-req', '-in', 'inter.csr', '-CA', 'root.crt', '-CAkey', 'root.key', '-set_serial', '2', '-days', '365', '-extfile', 'ca.ext', '-out', 'inter.crt']);
  const inter = readFileSync(join(dir, 'inter.crt'), 'utf8');
  return {
    dir,
    rootPem: readFileSync(join(dir, 'root.crt'), 'utf8'),
    rootFile: join(dir, 'root.crt'),
    leaf(name, o) {
      ossl(dir, ['req', ...EC, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`]);
      writeFileSync(join(dir, `${name}.ext`), `basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=${o.san}\n`);
      const dates = o.start && o.end ? ['-startdate', o.start, '-enddate', o.end] : ['-days', String(o.days ?? 90)];
      ossl(dir, ['ca', '-batch', '-config', 'ca.cnf', '-cert', 'inter.crt', '-keyfile', 'inter.key', '-in', `${name}.csr`, '-out', `${name}.crt`, '-extfile', `${name}.ext`, '-notext', ...dates]);
      const cert = readFileSync(join(dir, `${name}.crt`), 'utf8');
      writeFileSync(join(dir, `${name}.fullchain.crt`), cert + inter);
      return { cert: join(dir, `${name}.crt`), key: join(dir, `${name}.key`), fullchain: join(dir, `${name}.fullchain.crt`) };
    },
  };
}
