import { notApplicable } from '../../audit/types.js';
import { headerEvidence } from '../evidence.js';
import { pageAnswer } from '../queries.js';
import type { VerifyCheck } from '../types.js';

export const check = {
  id: 'nosniff-header-missing',
  title: 'No x-content-type-options: nosniff',
  category: 'web-security',
  severity: 'low',
  description:
    'Without `x-content-type-options: nosniff` browsers may guess a response’s type from its content, so an uploaded or reflected file served as text can be run as a script or stylesheet.',
  fix: 'Use `put_secure_browser_headers` in the browser (and API) pipelines — it sets `x-content-type-options: nosniff` — or add the header where TLS terminates.',
  equivalents: [],
  requires: ['page'],
  check(a) {
    const p = pageAnswer(a);
    if ('na' in p) return notApplicable(p.na);
    const v = (p.ok.response!.headers['x-content-type-options'] ?? '').trim().toLowerCase();
    if (v === 'nosniff') return [];
    return [{ message: `${p.ok.request.url} ${v ? `sends x-content-type-options "${v}" instead of nosniff` : 'sends no x-content-type-options header'}`, evidence: [headerEvidence(p.ok, 'x-content-type-options')] }];
  },
} as const satisfies VerifyCheck;
