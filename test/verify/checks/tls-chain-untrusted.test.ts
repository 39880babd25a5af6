import { check } from '../../../src/verify/checks/tls-chain-untrusted.js';
import type { Artifacts } from '../../../src/verify/types.js';
import { table } from '../harness.js';

const rejected = (code: string) => (a: Artifacts) => {
  a.tls!.authorized = false;
  a.tls!.authorizationError = code;
};

table(check, {
  valid: [
    { name: 'a chain to a trusted root' },
    // Dates and names have checks of their own.
    { name: 'expired but otherwise trusted', edit: rejected('CERT_HAS_EXPIRED') },
    { name: 'trusted chain, wrong host', edit: rejected('ERR_TLS_CERT_ALTNAME_INVALID') },
  ],
  invalid: [
    { name: 'the intermediate is not sent', edit: rejected('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), match: /incomplete or its issuer is unknown: the certificate is issued by "R11 \/ Let’s Encrypt"/ },
    { name: 'self-signed', edit: rejected('DEPTH_ZERO_SELF_SIGNED_CERT'), match: /self-signed/ },
    { name: 'another OpenSSL verdict', edit: rejected('CERT_REVOKED'), match: /does not verify: CERT_REVOKED/ },
  ],
  notApplicable: [{ name: 'plain HTTP site', edit: (a) => void (a.tls = null) }],
});
