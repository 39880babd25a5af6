/** The URL to verify: parsed, checked (http/https, no credentials), with the plain-HTTP twin to probe. */
import { bareHost } from './http-client.js';
import { type Target, VerifyError } from './types.js';

export function parseTarget(raw: string, httpPort?: number): Target {
  const text = raw.trim();
  // "example.com" and "example.com:8443" mean https; "mailto:x" or "ftp://x" are other schemes.
  if (/^[a-z][a-z0-9+.-]*:(?!\/\/|\d)/i.test(text)) throw new VerifyError('bad-url', `"${raw}" is not an http(s) URL`);
  let u: URL;
  try {
    u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    throw new VerifyError('bad-url', `"${raw}" is not a URL (expected https://host[:port][/path])`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new VerifyError('bad-url', `"${raw}" is not an http(s) URL`);
  if (!u.hostname) throw new VerifyError('bad-url', `"${raw}" has no host`);
  if (u.username || u.password) throw new VerifyError('bad-url', `"${raw}" carries credentials; verify never sends any: remove the user:password@ part`);
  u.hash = '';
  return targetOf(u, httpPort);
}

export function targetOf(u: URL, httpPort?: number): Target {
  const scheme = u.protocol === 'https:' ? 'https' : 'http';
  const plain = new URL(u.href);
  if (scheme === 'https') {
    plain.protocol = 'http:';
    plain.port = String(httpPort ?? 80);
  }
  return {
    url: u.href,
    origin: u.origin,
    scheme,
    host: bareHost(u.hostname),
    port: Number(u.port) || (scheme === 'https' ? 443 : 80),
    httpUrl: plain.href,
  };
}
