/** Deploy files that put HTTPS in front of an app, shared by the tests of the scan and of https-not-enforced. */

/** A Helm chart's Ingress template for ingress-nginx with TLS (its `tls:` is line 8). */
export function helmIngress(chart: string): string {
  return `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {{ include "${chart}.fullname" . }}
  annotations:
    kubernetes.io/ingress.class: nginx
spec:
  tls:
    - hosts:
        - {{ .Values.host }}
      secretName: {{ include "${chart}.fullname" . }}-tls
  rules:
    - host: {{ .Values.host }}
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: {{ include "${chart}.fullname" . }}
                port:
                  number: 4000
`;
}
