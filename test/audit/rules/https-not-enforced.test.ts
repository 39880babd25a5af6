import { rule } from '../../../src/audit/rules/https-not-enforced.js';
import { helmIngress } from '../../helpers/edge-https.js';
import { replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const HELM_INGRESS = helmIngress('hello');

const NGINX_SITE = `server {
    listen 80;
    server_name hello.example.org;
    return 301 https://$host$request_uri;
}

server {
    listen 443 ssl;
    server_name hello.example.org;
    location / {
        proxy_pass http://127.0.0.1:4000;
    }
}
`;

/** An AWS application load balancer in Terraform: port 80 answers with a redirect to the HTTPS listener. */
const AWS_ALB_TF = `resource "aws_lb" "web" {
  name               = "hello-web"
  load_balancer_type = "application"
  subnets            = var.public_subnet_ids
}

resource "aws_lb_listener" "plain_http" {
  load_balancer_arn = aws_lb.web.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"

    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}

resource "aws_lb_listener" "tls" {
  load_balancer_arn = aws_lb.web.arn
  port              = "443"
  protocol          = "HTTPS"
  certificate_arn   = var.certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }
}
`;

/** Google Cloud's HTTP→HTTPS pattern: a second URL map, for the port-80 proxy, that only redirects. */
const GCP_URL_MAP_TF = `resource "google_compute_url_map" "https_redirect" {
  name = "hello-https-redirect"

  default_url_redirect {
    https_redirect         = true
    redirect_response_code = "MOVED_PERMANENTLY_DEFAULT"
    strip_query            = false
  }
}

resource "google_compute_target_http_proxy" "plain_http" {
  name    = "hello-http-proxy"
  url_map = google_compute_url_map.https_redirect.id
}
`;

/** A public listener in front of the main endpoint: it dispatches by host and hands requests on. */
function frontEndpoint(sslPlug: string, handoff = 'forward(conn, HelloPhoenixWeb.Endpoint)'): Record<string, string | ((t: string) => string)> {
  return {
    'lib/hello_phoenix_web/public_endpoint.ex': `defmodule HelloPhoenixWeb.PublicEndpoint do
  use Phoenix.Endpoint, otp_app: :hello_phoenix

  @ssl_opts Plug.SSL.init([])

${sslPlug}
  plug :dispatch

  def redirect_to_https(conn, _opts) do
    if Application.get_env(:hello_phoenix, :terminate_tls) do
      Plug.SSL.call(conn, @ssl_opts)
    else
      conn
    end
  end

  def dispatch(conn, _opts) do
    if conn.host == "status.example.org" do
      conn |> Plug.Conn.send_resp(200, "ok") |> Plug.Conn.halt()
    else
      ${handoff}
    end
  end

  defp forward(conn, endpoint) do
    conn |> endpoint.call(endpoint.init([])) |> Plug.Conn.halt()
  end
end
`,
    'lib/hello_phoenix/application.ex': replace('      HelloPhoenixWeb.Endpoint\n', '      HelloPhoenixWeb.Endpoint,\n      HelloPhoenixWeb.PublicEndpoint\n'),
    'config/runtime.exs': replace('if config_env() == :prod do\n', 'if config_env() == :prod do\n  config :hello_phoenix, HelloPhoenixWeb.PublicEndpoint, server: true, http: [port: 8080]\n\n'),
  };
}

const FORCE_SSL = 'force_ssl: [rewrite_on: [:x_forwarded_proto], exclude: [hosts: ["localhost", "127.0.0.1"]]],\n  ';

ruleTester(rule, {
  valid: [
    { name: 'force_ssl in prod.exs', edits: { 'config/prod.exs': replace('cache_static_manifest:', `${FORCE_SSL}cache_static_manifest:`) } },
    {
      name: 'force_ssl in runtime.exs prod branch',
      edits: { 'config/runtime.exs': replace(/(config :hello_phoenix, HelloPhoenixWeb\.Endpoint,\n)/, `$1    force_ssl: [hsts: true],\n`) },
    },
    {
      name: 'Plug.SSL in the endpoint',
      edits: { 'lib/hello_phoenix_web/endpoint.ex': replace('  plug Plug.RequestId', '  plug Plug.SSL, rewrite_on: [:x_forwarded_proto]\n  plug Plug.RequestId') },
    },
    {
      name: 'a public endpoint in front of the main one, with Plug.SSL, hands every request on',
      edits: frontEndpoint('  plug Plug.SSL, rewrite_on: [:x_forwarded_proto]'),
    },
  ],
  invalid: [
    { name: 'the 1.7 generator default (force_ssl commented out)', expect: ['config/prod.exs:6'], messageIncludes: ['HelloPhoenixWeb.Endpoint'] },
    {
      name: 'Plug.SSL only inside a dev-only condition',
      edits: {
        'lib/hello_phoenix_web/endpoint.ex': replace('  plug Plug.RequestId', '  if code_reloading? do\n    plug Plug.SSL\n  end\n\n  plug Plug.RequestId'),
      },
      expect: ['config/prod.exs:6'],
    },
    {
      name: 'no force_ssl, but fly.toml redirects to HTTPS at the edge (low)',
      edits: { 'fly.toml': 'app = "hello-phoenix"\nprimary_region = "ams"\n\n[http_service]\n  internal_port = 4000\n  force_https = true\n' },
      expect: ['config/prod.exs:6'],
      messageIncludes: ["fly.toml:6 redirects to HTTPS at Fly's edge (force_https)", 'the app itself sends no HSTS'],
    },
    {
      name: 'a function plug that calls Plug.SSL only when the app config turns it on (medium)',
      edits: {
        'lib/hello_phoenix_web/endpoint.ex': (t: string) =>
          t
            .replace('  plug Plug.RequestId', '  plug :force_ssl\n  plug Plug.RequestId')
            .replace(
              /\nend\s*$/,
              '\n\n  defp force_ssl(conn, _opts) do\n    if Application.get_env(:hello_phoenix, :force_ssl) do\n      Plug.SSL.call(conn, Plug.SSL.init(rewrite_on: [:x_forwarded_proto]))\n    else\n      conn\n    end\n  end\nend\n',
            ),
      },
      expect: ['config/prod.exs:6'],
      messageIncludes: ['enforces HTTPS only when its config turns it on: Plug.SSL at lib/hello_phoenix_web/endpoint.ex:'],
      severity: 'medium',
    },
    {
      name: 'a public endpoint in front of the main one calls Plug.SSL only when its config turns it on (medium)',
      edits: frontEndpoint('  plug :redirect_to_https'),
      expect: ['config/prod.exs:6'],
      messageIncludes: [
        'HelloPhoenixWeb.Endpoint is served through HelloPhoenixWeb.PublicEndpoint (it hands requests on at lib/hello_phoenix_web/public_endpoint.ex:21)',
        'Plug.SSL at lib/hello_phoenix_web/public_endpoint.ex:6',
      ],
      severity: 'medium',
    },
    {
      name: 'a second endpoint with Plug.SSL that only links to the main one is not in front of it (high)',
      edits: frontEndpoint('  plug Plug.SSL', 'Plug.Conn.send_resp(conn, 302, HelloPhoenixWeb.Endpoint.url())'),
      expect: ['config/prod.exs:6'],
      messageIncludes: ['no force_ssl in its prod config'],
      severity: 'high',
    },
    {
      name: 'a Fly config under another name, deployed with `fly deploy -c deploy/fly/prod.toml` (low)',
      edits: { 'deploy/fly/prod.toml': 'app = "hello-phoenix-prod"\n\n[[services]]\n  internal_port = 4000\n  protocol = "tcp"\n\n  [[services.ports]]\n    handlers = ["http"]\n    port = 80\n    force_https = true\n' },
      expect: ['config/prod.exs:6'],
      messageIncludes: ["Fly's edge (force_https) at deploy/fly/prod.toml:10 redirects to HTTPS in front of it"],
      severity: 'low',
    },
    {
      name: "an nginx Ingress with TLS in a Helm chart's templates (low)",
      edits: { 'charts/hello/Chart.yaml': 'apiVersion: v2\nname: hello\nversion: 0.1.0\n', 'charts/hello/templates/ingress.yaml': HELM_INGRESS },
      expect: ['config/prod.exs:6'],
      messageIncludes: ['an nginx Ingress with TLS (ingress-nginx redirects HTTP to HTTPS) at charts/hello/templates/ingress.yaml:8'],
      severity: 'low',
    },
    {
      name: 'a Traefik Ingress with TLS does not redirect by itself (high)',
      edits: { 'k8s/ingress.yaml': HELM_INGRESS.replace('kubernetes.io/ingress.class: nginx', 'kubernetes.io/ingress.class: traefik').replace(/\{\{[^}]*\}\}/g, 'hello') },
      expect: ['config/prod.exs:6'],
      severity: 'high',
    },
    {
      name: 'a committed nginx site that redirects port 80 to https (low); a commented-out redirect does not count',
      edits: { 'support/nginx/hello.conf': NGINX_SITE },
      expect: ['config/prod.exs:6'],
      messageIncludes: ['an nginx redirect to HTTPS at support/nginx/hello.conf:4'],
      severity: 'low',
    },
    {
      name: 'a committed Apache vhost with a RewriteRule to https (low)',
      edits: { 'support/apache/hello.conf': '<VirtualHost *:80>\n  ServerName hello.example.org\n  RewriteEngine on\n  RewriteRule ^ https://%{SERVER_NAME}%{REQUEST_URI} [END,NE,R=permanent]\n</VirtualHost>\n' },
      expect: ['config/prod.exs:6'],
      messageIncludes: ['an Apache redirect to HTTPS at support/apache/hello.conf:4'],
      severity: 'low',
    },
    {
      name: 'a Terraform AWS load balancer whose port-80 listener redirects to HTTPS (low)',
      edits: { 'infra/aws/load_balancer.tf': AWS_ALB_TF },
      expect: ['config/prod.exs:6'],
      messageIncludes: ['an AWS load balancer listener on port 80 that redirects to HTTPS (Terraform) at infra/aws/load_balancer.tf:7'],
      severity: 'low',
    },
    {
      name: 'a Terraform Google URL map with default_url_redirect { https_redirect = true } (low)',
      edits: { 'deploy/gcp/lb.tf': GCP_URL_MAP_TF },
      expect: ['config/prod.exs:6'],
      messageIncludes: ['a Google Cloud URL map that redirects HTTP to HTTPS (Terraform) at deploy/gcp/lb.tf:1'],
      severity: 'low',
    },
    {
      name: 'a Terraform listener whose redirect a variable chooses (a dynamic block) does not count (high)',
      edits: {
        'infra/aws/load_balancer.tf': AWS_ALB_TF.replace('    type = "redirect"\n\n    redirect {', '    type = var.certificate_arn != "" ? "redirect" : "forward"\n\n    dynamic "redirect" {\n      for_each = var.certificate_arn != "" ? [1] : []\n      content {').replace('      status_code = "HTTP_301"\n    }', '      status_code = "HTTP_301"\n      }\n    }'),
      },
      expect: ['config/prod.exs:6'],
      severity: 'high',
    },
    {
      name: 'a Terraform listener on port 80 that forwards plain HTTP to the app (high)',
      edits: { 'infra/aws/load_balancer.tf': AWS_ALB_TF.replace('type = "redirect"', 'type = "forward"') },
      expect: ['config/prod.exs:6'],
      severity: 'high',
    },
    {
      name: 'an nginx sample whose redirect is commented out (high)',
      edits: { 'support/nginx/hello.conf': NGINX_SITE.replace('    return 301', '    # return 301') },
      expect: ['config/prod.exs:6'],
      severity: 'high',
    },
  ],
});
