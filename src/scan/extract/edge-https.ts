/**
 * HTTPS enforced in front of the app by a file the repository keeps: a Fly config under any name
 * (`deploy/fly/prod.toml`, given to `fly deploy -c`), an nginx-class Kubernetes Ingress with TLS
 * (ingress-nginx redirects HTTP to HTTPS by default once TLS is set, also in a Helm chart's
 * templates), a committed nginx/Apache server config that redirects to `https://`, or a Terraform
 * load balancer that answers plain HTTP with a redirect to HTTPS (AWS listener, Google URL map).
 *
 * Each reader answers where the redirect is, or null. Line numbers are for evidence only.
 */
import type { EdgeHttps } from '../profile.js';
import type { HclBlock } from './hcl.js';

/** 1-based line of the first line of `text` that `test` accepts, else 1. */
function lineOf(text: string, test: (line: string) => boolean): number {
  const i = text.split('\n').findIndex(test);
  return i < 0 ? 1 : i + 1;
}

type TomlTable = Record<string, unknown>;
const isTable = (v: unknown): v is TomlTable => typeof v === 'object' && v !== null && !Array.isArray(v);
const tables = (v: unknown): TomlTable[] => (Array.isArray(v) ? v.filter(isTable) : isTable(v) ? [v] : []);

/**
 * A parsed TOML document with Fly's shape (`[http_service]` or `[[services]]` with an internal port)
 * and `force_https = true` on a service or one of its ports.
 */
export function flyConfigRedirect(file: string, doc: unknown, text: string): EdgeHttps | null {
  if (!isTable(doc)) return null;
  const services = [...tables(doc.http_service), ...tables(doc.services)].filter((s) => typeof s.internal_port === 'number');
  const forced = services.some((s) => s.force_https === true || tables(s.ports).some((p) => p.force_https === true));
  if (!forced) return null;
  return { file, line: lineOf(text, (l) => /^\s*force_https\s*=\s*true\b/.test(l)), how: "Fly's edge (force_https)" };
}

/** A Helm template read as YAML: whole-line actions (`{{- if … }}`) dropped, inline ones made a plain value. */
export function helmAsYaml(text: string): string {
  return text
    .split('\n')
    .map((l) => (/^\s*\{\{.*\}\}\s*$/.test(l) ? '' : l.replace(/\{\{-?[^}]*-?\}\}/g, 'helm-value')))
    .join('\n');
}

const annotation = (meta: TomlTable | undefined, key: string) => (isTable(meta?.annotations) ? meta.annotations[key] : undefined);

/**
 * A Kubernetes Ingress document (already parsed) served by ingress-nginx with TLS, whose
 * `ssl-redirect` annotation is not turned off: ingress-nginx then answers plain HTTP with a 308.
 */
export function ingressRedirect(file: string, doc: unknown, text: string): EdgeHttps | null {
  if (!isTable(doc) || doc.kind !== 'Ingress' || !isTable(doc.spec)) return null;
  if (!Array.isArray(doc.spec.tls) || doc.spec.tls.length === 0) return null;
  const meta = isTable(doc.metadata) ? doc.metadata : undefined;
  const cls = doc.spec.ingressClassName ?? annotation(meta, 'kubernetes.io/ingress.class');
  if (cls !== 'nginx') return null;
  const off = (key: string) => String(annotation(meta, `nginx.ingress.kubernetes.io/${key}`) ?? '') === 'false';
  if (off('ssl-redirect') && off('force-ssl-redirect')) return null;
  if (off('ssl-redirect') && annotation(meta, 'nginx.ingress.kubernetes.io/force-ssl-redirect') === undefined) return null;
  return { file, line: lineOf(text, (l) => /^\s*tls\s*:/.test(l)), how: 'an nginx Ingress with TLS (ingress-nginx redirects HTTP to HTTPS)' };
}

/** Directives of an nginx config, comments removed: `return 301 https://$host$request_uri` → ['return', '301', …]. */
function nginxDirectives(text: string): { words: string[]; line: number }[] {
  const out: { words: string[]; line: number }[] = [];
  let words: string[] = [];
  let line = 1;
  let start = 1;
  const re = /#[^\n]*|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[;{}]|\n|[^\s;{}#"']+/g;
  for (const m of text.matchAll(re)) {
    const t = m[0];
    if (t === '\n') line += 1;
    else if (t.startsWith('#')) continue;
    else if (t === ';' || t === '{' || t === '}') {
      if (words.length) out.push({ words, line: start });
      words = [];
    } else {
      if (words.length === 0) start = line;
      words.push(t.replace(/^["']|["']$/g, ''));
    }
  }
  return out;
}

/**
 * A committed nginx or Apache server config that sends plain HTTP to `https://`: nginx's
 * `return 301 https://…` (or 302/307/308) and `rewrite … https://… permanent|redirect`; Apache's
 * `Redirect [permanent|301] / https://…` and `RewriteRule … https://… [R…]`.
 */
export function proxyConfRedirect(file: string, text: string): EdgeHttps | null {
  for (const d of nginxDirectives(text)) {
    const [name = '', a = '', b = '', c = ''] = d.words;
    if (name === 'return' && /^30[1278]$/.test(a) && b.startsWith('https://')) return { file, line: d.line, how: 'an nginx redirect to HTTPS' };
    if (name === 'rewrite' && b.startsWith('https://') && /^(permanent|redirect)$/.test(c)) return { file, line: d.line, how: 'an nginx redirect to HTTPS' };
  }
  const lines = text.split('\n');
  for (const [i, raw] of lines.entries()) {
    const words = raw.trim().split(/\s+/);
    const [name = ''] = words;
    if (name.startsWith('#')) continue;
    const https = words.find((w) => w.startsWith('https://'));
    if (!https) continue;
    if (/^(Redirect|RedirectPermanent|RedirectMatch)$/i.test(name)) return { file, line: i + 1, how: 'an Apache redirect to HTTPS' };
    if (/^RewriteRule$/i.test(name) && words.some((w) => /^\[.*\bR(=\w+)?\b.*\]$/i.test(w))) return { file, line: i + 1, how: 'an Apache redirect to HTTPS' };
  }
  return null;
}

/** Files that hold an nginx or Apache server config: `*.conf`, `nginx.conf`, `sites-available/app`. */
export function isProxyConfPath(rel: string, base: string): boolean {
  if (/\.(conf|vhost)$/i.test(base)) return true;
  return /(^|\/)(nginx|apache2?|httpd|sites-(available|enabled))\//i.test(rel) && !base.includes('.');
}

/** Text that may hold a load balancer's HTTP→HTTPS redirect in Terraform: worth loading the HCL parser for. */
export function mentionsTerraformRedirect(text: string): boolean {
  return /\baws_a?lb_listener\b|\bgoogle_compute_url_map\b/.test(text) && text.includes('redirect');
}

/** `default_action { type = "redirect"  redirect { protocol = "HTTPS" } }` on a listener of port 80. */
function awsListenerRedirects(r: HclBlock): boolean {
  if (String(r.attributes.port) !== '80') return false;
  return r.blocks.some(
    (a) => a.type === 'default_action' && a.attributes.type === 'redirect' && a.blocks.some((b) => b.type === 'redirect' && b.attributes.protocol === 'HTTPS'),
  );
}

/**
 * Terraform resources (already parsed) that redirect plain HTTP to HTTPS at a cloud load balancer:
 * an AWS `aws_lb_listener`/`aws_alb_listener` on port 80 whose default action is a literal
 * `redirect` to protocol HTTPS, or a Google `google_compute_url_map` whose `default_url_redirect`
 * sets `https_redirect = true`. A redirect chosen by an expression (`type = var.x ? "redirect" :
 * "forward"`, a `dynamic "redirect"` block) is not one the file fixes.
 */
export function terraformRedirect(file: string, blocks: readonly HclBlock[]): EdgeHttps | null {
  for (const r of blocks) {
    if (r.type !== 'resource') continue;
    const [kind = ''] = r.labels;
    if ((kind === 'aws_lb_listener' || kind === 'aws_alb_listener') && awsListenerRedirects(r)) {
      return { file, line: r.line, how: 'an AWS load balancer listener on port 80 that redirects to HTTPS (Terraform)' };
    }
    if (kind === 'google_compute_url_map' && r.blocks.some((b) => b.type === 'default_url_redirect' && b.attributes.https_redirect === true)) {
      return { file, line: r.line, how: 'a Google Cloud URL map that redirects HTTP to HTTPS (Terraform)' };
    }
  }
  return null;
}
