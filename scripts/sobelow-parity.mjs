#!/usr/bin/env node
/**
 * Sobelow parity on the corpus: every Sobelow 0.13 config finding stored in the corpus, beside what our
 * audit reports for the same app, with a verdict (true/false) and, for each finding we do not report,
 * the reason it is false (or a plain "GAP" when it is true and we miss it).
 *
 *   node scripts/sobelow-parity.mjs            rerun the audit on every corpus app, write docs/sobelow-parity.md
 *   node scripts/sobelow-parity.mjs --check    same, but write nothing: exit 1 when the doc would change or a
 *                                              finding is neither reported nor explained
 *   --corpus DIR        the corpus (default ../shared/corpus, as check.py finds it from a worktree)
 *   --audit-json DIR    read <app>.json audit outputs from DIR instead of running the CLI (build first otherwise)
 *   --only a,b          restrict to these apps (does not write the doc)
 *   --out FILE          the doc to write or check (default docs/sobelow-parity.md)
 *   --reasons FILE      verdicts and reasons (default docs/sobelow-parity-reasons.json)
 *
 * Verdicts come from the corpus's sobelow/REVIEW.md where it judges the finding, otherwise from
 * docs/sobelow-parity-reasons.json ("(our review)"), which also holds the reason for every finding we do not
 * report, keyed "<app>|<Sobelow class>|<file>:<line>[|<key>]" with the file as Sobelow prints it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLASSES = ['Config.CSRF', 'Config.CSRFRoute', 'Config.CSWH', 'Config.Headers', 'Config.Secrets',
  'Config.HTTPS', 'Config.HSTS', 'Config.CSP'];
/** Classes Sobelow reports about the app's prod config as a whole: any finding of ours of the class answers it. */
const APP_WIDE = new Set(['Config.HTTPS', 'Config.HSTS']);
/** Router classes: a finding of ours at another pipeline of the same router counts, marked as such. */
const SAME_FILE = new Set(['Config.CSP', 'Config.CSRF', 'Config.Headers']);
const NEAR = 3;

function parseArgs(argv) {
  const args = {
    check: false,
    corpus: resolve(repo, '../shared/corpus'),
    auditJson: null,
    only: null,
    out: join(repo, 'docs/sobelow-parity.md'),
    reasons: join(repo, 'docs/sobelow-parity-reasons.json'),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--check') args.check = true;
    else if (a === '--corpus') args.corpus = resolve(argv[++i]);
    else if (a === '--audit-json') args.auditJson = resolve(argv[++i]);
    else if (a === '--only') args.only = new Set(argv[++i].split(','));
    else if (a === '--out') args.out = resolve(argv[++i]);
    else if (a === '--reasons') args.reasons = resolve(argv[++i]);
    else {
      console.error(`sobelow-parity: unknown argument ${a}`);
      process.exit(2);
    }
  }
  return args;
}

/** Corpus apps: name, the directory we audit (truth `root`) and the Phoenix root Sobelow ran in, relative to it. */
function corpusApps(corpus) {
  const truth = JSON.parse(readFileSync(join(corpus, 'truth.json'), 'utf8'));
  return truth
    .map((t) => {
      const name = t.repo.replace('/', '+');
      const root = t.root || '.';
      const phx = t.umbrella && t.web_app_dir ? t.web_app_dir : '.';
      return { name, root, auditDir: join(corpus, 'apps', name, root), prefix: posix.normalize(phx) };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Sobelow's config findings for one app (null when nothing is stored: Sobelow found no router). */
function sobelowFindings(corpus, app) {
  const file = join(corpus, 'sobelow', `${app.name}.config.json`);
  if (!existsSync(file)) return null;
  let data;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  const out = [];
  for (const conf of ['high_confidence', 'medium_confidence', 'low_confidence']) {
    for (const f of data.findings?.[conf] ?? []) {
      const kind = f.type.split(':')[0];
      const detail = f.pipeline ?? f.key ?? f.route ?? '';
      const path = posix.normalize(posix.join(app.prefix, f.file));
      out.push({ kind, file: f.file, line: f.line, detail, path, confidence: conf.split('_')[0], key: f.key ?? f.route ?? null });
    }
  }
  const order = (f) => [CLASSES.indexOf(f.kind), f.path, String(f.line).padStart(6, '0'), f.detail].join('\u0000');
  return out.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}

const REVIEW_LINE = /^- (Config\.\w+) (\S+):(\d+)(?: \[([^\]]+)\])? — \*\*([^*]+)\*\*:? ?(.*)$/;

/** REVIEW.md's verdicts: {app: [{kind, file, line, key, verdict, reason}]}. */
function loadReview(corpus) {
  const review = {};
  let app = null;
  for (const line of readFileSync(join(corpus, 'sobelow/REVIEW.md'), 'utf8').split('\n')) {
    const head = /^## (\S+) \(Phoenix root/.exec(line);
    if (head) {
      app = head[1];
      review[app] ??= [];
      continue;
    }
    if (line.startsWith('## ')) app = null;
    const m = REVIEW_LINE.exec(line);
    if (!app || !m) continue;
    const [, kind, file, ln, key, verdict, rest] = m;
    const reason = rest.split(' phoenix-ops: ')[0].trim();
    review[app].push({ kind, file, line: Number(ln), key: key ?? null, verdict: verdict.trim(), reason });
  }
  return review;
}

function reviewFor(entries, f) {
  const hits = (entries ?? []).filter((e) => e.kind === f.kind && e.file === f.file && e.line === f.line);
  return hits.find((e) => e.key === f.key) ?? hits[0] ?? null;
}

export function reasonKey(app, f) {
  return [app, f.kind, `${f.file}:${f.line}`, ...(f.key ? [f.key] : [])].join('|');
}

/** Our audit's findings for one app, each evidence flattened: [{ruleId, severity, file, line, equivalents}]. */
function ourFindings(args, app) {
  let text;
  if (args.auditJson) {
    text = readFileSync(join(args.auditJson, `${app.name}.json`), 'utf8');
  } else {
    const p = spawnSync(process.execPath, [join(repo, 'bin/phoenix-ops.js'), 'audit', app.auditDir, '--format', 'json'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      timeout: 300_000,
    });
    text = p.stdout;
    if (!text) throw new Error(`audit of ${app.name} printed nothing (exit ${p.status}): ${(p.stderr ?? '').trim().slice(-200)}`);
  }
  const got = JSON.parse(text);
  const findings = Array.isArray(got) ? got : got.findings;
  return findings.flatMap((f) =>
    (f.evidence?.length ? f.evidence : [{ file: '', line: 0 }]).map((e) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      file: e.file ?? '',
      line: e.line ?? 0,
      equivalents: (f.equivalents ?? []).map(String),
    })),
  );
}

/** Our findings at the Sobelow finding's place: same class, same file, a nearby line unless Sobelow gives none. */
function matchHere(f, ours) {
  return ours.filter((o) => o.equivalents.includes(`sobelow:${f.kind}`) && o.file === f.path && (f.line === 0 || Math.abs(o.line - f.line) <= NEAR));
}

/**
 * Our findings answering one Sobelow finding: at its place; else, for router classes, one at another pipeline of the
 * same router that answers no other Sobelow finding (`taken`); else, for app-wide classes, any of the class.
 */
function match(f, ours, taken) {
  const here = matchHere(f, ours);
  if (here.length) return { found: here, where: 'here' };
  const sameClass = ours.filter((o) => o.equivalents.includes(`sobelow:${f.kind}`));
  const sameFile = sameClass.filter((o) => o.file === f.path && !taken.has(o));
  if (SAME_FILE.has(f.kind) && sameFile.length) return { found: sameFile, where: 'file' };
  if (APP_WIDE.has(f.kind) && sameClass.length) return { found: sameClass, where: 'app' };
  return { found: [], where: null };
}

const cell = (s) => String(s).replaceAll('|', '\\|').replaceAll('\n', ' ');

function describeOurs(found) {
  const seen = new Set();
  const parts = [];
  for (const o of found) {
    const s = `${o.ruleId} (${o.severity}) ${o.file}:${o.line}`;
    if (!seen.has(s)) parts.push(s);
    seen.add(s);
  }
  return parts.join('; ');
}

/** Judge one Sobelow finding: verdict, our matching findings, and why not when we do not report it. */
function judge(app, f, ours, taken, review, reasons) {
  const r = reviewFor(review[app.name], f);
  const mine = reasons[reasonKey(app.name, f)];
  const verdict = r ? r.verdict : mine?.verdict ? `${mine.verdict} (our review)` : '?';
  const isTrue = verdict.startsWith('TP');
  const { found, where } = match(f, ours, taken);
  const why = mine?.reason ?? (r && !isTrue ? r.reason : '');
  let status;
  if (found.length) status = isTrue || verdict === '?' ? 'reported' : 'reported-false';
  else if (isTrue) status = 'gap';
  else if (why) status = 'explained';
  else status = 'unexplained';
  return { f, verdict, isTrue, found, where, why, status, reviewReason: r?.reason ?? '' };
}

function appTable(app, judged) {
  const lines = [
    '| Sobelow type | file:line | pipeline/key | verdict | ours | reason when not reported |',
    '|---|---|---|---|---|---|',
  ];
  for (const j of judged) {
    const { f } = j;
    let ours = j.found.length ? describeOurs(j.found) : '—';
    if (j.where === 'app') ours += ' (app-wide)';
    if (j.where === 'file') ours += ' (same router, another pipeline)';
    if (j.status === 'reported-false') ours += ' — reported though false';
    let why = '';
    if (j.status === 'gap') why = `**GAP** (true, we miss it)${j.why ? `: ${j.why}` : j.reviewReason ? `: ${j.reviewReason}` : ''}`;
    else if (j.status === 'unexplained') why = '**UNEXPLAINED**: not reported, no reason in the reasons file';
    else if (j.status === 'explained') why = j.why;
    else if (j.status === 'reported-false') why = j.why ? `(false: ${j.why})` : '';
    lines.push(`| ${f.kind} | ${cell(`${f.path}:${f.line}`)} | ${cell(f.detail)} | ${cell(j.verdict)} | ${cell(ours)} | ${cell(why)} |`);
  }
  return lines.join('\n');
}

function classSummary(all, classNotes) {
  const lines = [
    '| Sobelow class | total | true | reported by us (true / false) | not reported: true (gaps) / false (explained) | why the unreported ones are false |',
    '|---|---:|---:|---|---|---|',
  ];
  const tot = { n: 0, t: 0, rt: 0, rf: 0, gap: 0, ex: 0 };
  for (const kind of CLASSES) {
    const js = all.filter((j) => j.f.kind === kind);
    const c = {
      n: js.length,
      t: js.filter((j) => j.isTrue).length,
      rt: js.filter((j) => j.status === 'reported').length,
      rf: js.filter((j) => j.status === 'reported-false').length,
      gap: js.filter((j) => j.status === 'gap').length,
      ex: js.filter((j) => j.status === 'explained' || j.status === 'unexplained').length,
    };
    for (const k of Object.keys(tot)) tot[k] += c[k];
    lines.push(`| ${kind} | ${c.n} | ${c.t} | ${c.rt} / ${c.rf} | ${c.gap} / ${c.ex} | ${cell(classNotes[kind] ?? '')} |`);
  }
  lines.push(`| **all** | **${tot.n}** | **${tot.t}** | **${tot.rt} / ${tot.rf}** | **${tot.gap} / ${tot.ex}** | |`);
  return lines.join('\n');
}

function countsLine(all, appCount) {
  const truths = all.filter((j) => j.isTrue);
  const falses = all.filter((j) => !j.isTrue);
  const reportedTrue = truths.filter((j) => j.found.length).length;
  const reportedFalse = falses.filter((j) => j.found.length);
  const as = {};
  for (const j of reportedFalse) {
    for (const id of new Set(j.found.map((o) => `${o.ruleId} ${o.severity}`))) as[id] = (as[id] ?? 0) + 1;
  }
  const asText = Object.entries(as)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([id, n]) => `${id} ×${n}`)
    .join(', ');
  return `Sobelow: ${all.length} config findings on ${appCount} apps; we report ${reportedTrue} of the ${truths.length} true ones; ` +
    `of the ${falses.length} false ones we report ${reportedFalse.length}${asText ? ` (as ${asText})` : ''}.`;
}

function render(apps, perApp, all, classNotes) {
  const out = [
    '# Sobelow parity on the corpus',
    '',
    '<!-- generated by scripts/sobelow-parity.mjs from the corpus (sobelow/*.config.json, sobelow/REVIEW.md, truth.json),',
    '     our audit and docs/sobelow-parity-reasons.json; do not edit by hand -->',
    '',
    'Every config finding of Sobelow 0.13 (`-i XSS,SQL,Traversal,RCE,Misc,CI,DOS,Vuln`, stored in the corpus as',
    '`sobelow/<app>.config.json`) beside what `phoenix-ops audit <app> --format json` reports. A Sobelow finding is',
    `reported by us when one of our findings declares its class in \`equivalents\` (\`sobelow:Config.CSP\`, …) at the same`,
    `file and a line within ${NEAR} (any line when Sobelow names the file only, line 0), or for CSP, CSRF and Headers at`,
    'another pipeline of the same router ("same router, another pipeline"); HTTPS and HSTS are about the prod config as a',
    'whole, so any finding of the class answers them ("app-wide"). Verdict: TP = a real production problem,',
    'FP = not; from the corpus\'s sobelow/REVIEW.md where it judges the finding, otherwise "(our review)" from reading the',
    'app\'s code. Paths are relative to the directory we audit (the corpus truth\'s `root`).',
    '',
    `**${countsLine(all, apps.length)}**`,
    '',
    '## By Sobelow class',
    '',
    classSummary(all, classNotes),
    '',
  ];
  const gaps = all.filter((j) => j.status === 'gap');
  const unexplained = all.filter((j) => j.status === 'unexplained');
  out.push('## True findings we miss', '');
  if (!gaps.length) out.push('None.', '');
  for (const j of gaps) out.push(`- ${j.app} ${j.f.kind} ${j.f.path}:${j.f.line}${j.f.detail ? ` (${j.f.detail})` : ''}: ${j.why || j.reviewReason}`);
  if (gaps.length) out.push('');
  if (unexplained.length) {
    out.push('## Not reported and not explained', '');
    for (const j of unexplained) out.push(`- ${reasonKey(j.app, j.f)}`);
    out.push('');
  }
  out.push('## Per app', '');
  for (const app of apps) {
    const judged = perApp.get(app.name);
    const where = app.prefix === '.' ? app.root : `${app.root} (Sobelow ran in ${app.prefix})`;
    if (judged === null) {
      out.push(`### ${app.name} (audited: ${where})`, '', 'No Sobelow output stored: Sobelow printed nothing (it cannot find the router at this root).', '');
    } else if (!judged.length) {
      out.push(`### ${app.name} (audited: ${where})`, '', 'Sobelow reports no config finding.', '');
    } else {
      out.push(`### ${app.name} (audited: ${where})`, '', appTable(app, judged), '');
    }
  }
  return out.join('\n');
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const reasons = JSON.parse(readFileSync(args.reasons, 'utf8'));
  const classNotes = reasons._classes ?? {};
  const review = loadReview(args.corpus);
  const apps = corpusApps(args.corpus).filter((a) => !args.only || args.only.has(a.name));
  const perApp = new Map();
  const all = [];
  for (const app of apps) {
    const sob = sobelowFindings(args.corpus, app);
    if (sob === null) {
      perApp.set(app.name, null);
      continue;
    }
    const ours = sob.length ? ourFindings(args, app) : [];
    const taken = new Set(sob.flatMap((f) => matchHere(f, ours)));
    const judged = sob.map((f) => ({ ...judge(app, f, ours, taken, review, reasons), app: app.name }));
    perApp.set(app.name, judged);
    all.push(...judged);
  }
  const known = new Set(all.map((j) => reasonKey(j.app, j.f)));
  const stale = Object.keys(reasons).filter((k) => !k.startsWith('_') && !known.has(k) && (!args.only || args.only.has(k.split('|')[0])));
  const doc = render(apps, perApp, all, classNotes);
  const unexplained = all.filter((j) => j.status === 'unexplained');
  console.log(countsLine(all, apps.length));
  for (const j of unexplained) console.log(`unexplained: ${reasonKey(j.app, j.f)}`);
  for (const k of stale) console.log(`stale reason (no such Sobelow finding): ${k}`);
  for (const j of all.filter((x) => x.status === 'gap')) console.log(`gap: ${reasonKey(j.app, j.f)}`);
  if (args.check) {
    const same = existsSync(args.out) && readFileSync(args.out, 'utf8') === doc;
    if (!same && !args.only) console.log(`${relative(process.cwd(), args.out)} is out of date: run node scripts/sobelow-parity.mjs`);
    process.exit(unexplained.length || stale.length || (!same && !args.only) ? 1 : 0);
  }
  if (!args.only) writeFileSync(args.out, doc);
  process.exit(unexplained.length ? 1 : 0);
}

main();
