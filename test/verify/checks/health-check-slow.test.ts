import { check } from '../../../src/verify/checks/health-check-slow.js';
import { table } from '../harness.js';

table(check, {
  valid: [
    { name: 'single-digit milliseconds' },
    // Nearest-rank p95 of 10 samples is the 10th: one slow outlier of 10 counts, so 9 fast + 1 at the limit passes.
    { name: 'p95 exactly at the limit', edit: (a) => void (a.health!.samples = [5, 5, 5, 5, 5, 5, 5, 5, 5, 1000]) },
  ],
  invalid: [
    { name: 'every probe over a second', edit: (a) => void (a.health!.samples = [1200, 1300, 1250, 1400, 1100, 1350, 1500, 1450, 1200, 1600]), match: /p50 1300 ms, p95 1600 ms over 10 sequential requests/ },
    { name: 'mostly fast, tail over the limit', edit: (a) => void (a.health!.samples = [20, 22, 25, 21, 23, 24, 20, 22, 21, 2500]), match: /p95 2500 ms/ },
  ],
  notApplicable: [
    { name: 'not sampled (health did not answer 2xx directly)', edit: (a) => void (a.health!.samples = []), match: /not sampled/ },
    { name: 'no health path', edit: (a) => void (a.health = null) },
  ],
});
