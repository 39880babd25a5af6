/**
 * The HTML reports in a real browser (issue 21): playwright-core driving Debian's chromium, axe-core
 * injected into each page. Two real corpus apps (`report` and `audit`) and a live `verify` run against
 * the loopback nginx + Phoenix stub of the verify tests. Each page: no console error, no axe violation
 * above "moderate", a category gauge lands on its findings, the severity filter hides and shows, no
 * horizontal overflow at 400 px, keyboard reachable; screenshots at 400 and 1280 px go to
 * test-artifacts/html-report/ (gitignored) for people to look at.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync } from '../helpers/cli.js';
import { REPO } from '../helpers/project.js';
import { startMatrix, type LiveMatrix } from '../verify/live-servers.js';

const CORPUS_APPS = join(REPO, '..', 'shared', 'corpus', 'apps');
/** Two corpus apps of different shapes: a LiveView app with Postgres, and a small app without a database. */
const APPS = ['fly-apps+live_beats', 'hexpm+diff'];
const present = APPS.every((a) => existsSync(join(CORPUS_APPS, a, 'mix.exs')));
if (!present) process.stdout.write(`html browser tests: corpus apps skipped, no corpus at ${CORPUS_APPS}\n`);

const ARTIFACTS = join(REPO, 'test-artifacts', 'html-report');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const env = { SOURCE_DATE_EPOCH: '1780000000', NO_COLOR: '1' };

let browser: Browser;
const pages: Record<string, string> = {};
let matrix: LiveMatrix | undefined;

async function htmlOf(name: string, args: string[]): Promise<void> {
  const r = await runCliAsync(args, { env });
  expect(r.stderr).toBe('');
  expect(r.stdout.startsWith('<!doctype html>')).toBe(true);
  const file = join(ARTIFACTS, `${name}.html`);
  writeFileSync(file, r.stdout);
  pages[name] = file;
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const runs: Promise<void>[] = [];
  if (present) {
    runs.push(htmlOf('report-live_beats', ['report', join(CORPUS_APPS, APPS[0]!), '--format', 'html']));
    runs.push(htmlOf('audit-diff', ['audit', join(CORPUS_APPS, APPS[1]!), '--format', 'html', '--fail-on', 'none']));
  }
  matrix = await startMatrix({ weak: { stub: { secureHeaders: false, csp: null, cookieFlags: '' } } });
  const v = matrix.variants.weak!;
  runs.push(htmlOf('verify', ['verify', v.url, '--ca-file', matrix.caFile, '--http-port', String(v.http), '--format', 'html', '--fail-on', 'none']));
  const root = process.getuid?.() === 0;
  [browser] = await Promise.all([chromium.launch({ executablePath: CHROMIUM, args: root ? ['--no-sandbox'] : [] }), ...runs]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await matrix?.stop();
});

interface Opened {
  page: Page;
  errors: string[];
}

async function open(name: string, width: number): Promise<Opened> {
  const page = await browser.newPage({ viewport: { width, height: 900 }, reducedMotion: 'reduce' });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  // Self-contained: any request other than the file itself is a defect.
  page.on('request', (r) => {
    if (!r.url().startsWith('file://')) errors.push(`network request: ${r.url()}`);
  });
  const file = pages[name];
  expect(file, `${name} was rendered`).toBeDefined();
  await page.goto(pathToFileURL(file ?? '').href);
  return { page, errors };
}

async function seriousAxeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown }[] }[] }> } };
    const r = await w.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.targets.join(' ')}`);
}

/** Horizontal overflow of the page in px (0 when nothing scrolls sideways). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Full-page screenshots at 1280 and 400 px with the first finding of each category open, then every details open at 400 px. */
async function layout(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.querySelectorAll('section.category details.finding:first-of-type').forEach((d) => ((d as HTMLDetailsElement).open = true)));
  for (const width of [1280, 400]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await overflow(page), `${name} scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(ARTIFACTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  expect(await overflow(page), `${name} with every details open scrolls sideways at 400 px`).toBeLessThanOrEqual(0);
  // Printed: no filter form.
  await page.emulateMedia({ media: 'print' });
  expect(await page.isVisible('#severity-filter')).toBe(false);
  await page.emulateMedia({ media: 'screen' });
}

/** Clicks the gauge of the first category with a finding: the URL names it and its findings are in view. */
async function clickCategory(page: Page): Promise<string> {
  const anchor = await page.evaluate(() => document.querySelector('section.category:has(.sev-group)')?.id ?? '');
  expect(anchor).not.toBe('');
  await page.click(`a.gauge[href="#${anchor}"]`);
  await page.waitForFunction((h) => location.hash === h && window.scrollY > 0, `#${anchor}`, { timeout: 10_000 });
  expect(new URL(page.url()).hash).toBe(`#${anchor}`);
  const box = await page.evaluate((id) => {
    const r = document.getElementById(id)?.getBoundingClientRect();
    return r ? { top: r.top, viewport: window.innerHeight, scrolled: window.scrollY } : null;
  }, anchor);
  expect(box?.scrolled).toBeGreaterThan(0);
  expect(box?.top).toBeGreaterThanOrEqual(-2);
  expect(box?.top).toBeLessThan((box?.viewport ?? 0) / 2);
  return anchor;
}

/** Unchecks every severity but the most severe one present: only its findings stay visible; checking them all back shows all. */
async function filterBySeverity(page: Page): Promise<void> {
  const present = await page.evaluate(() => [...new Set([...document.querySelectorAll('[data-severity]')].map((e) => e.getAttribute('data-severity')))]);
  expect(present.length).toBeGreaterThan(0);
  const keep = present[0] ?? '';
  expect(await page.isVisible('#severity-filter')).toBe(true);
  for (const box of await page.$$('#severity-filter input[type=checkbox]')) if ((await box.getAttribute('value')) !== keep) await box.uncheck();
  const shown = await page.evaluate(() => [...document.querySelectorAll('[data-severity]')].filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => e.getAttribute('data-severity')));
  expect(new Set(shown)).toEqual(new Set([keep]));
  for (const box of await page.$$('#severity-filter input[type=checkbox]')) await box.check();
  const all = await page.evaluate(() => [...document.querySelectorAll('[data-severity]')].filter((e) => (e as HTMLElement).offsetParent !== null).length);
  expect(all).toBe(await page.evaluate(() => document.querySelectorAll('[data-severity]').length));
}

/** Tab reaches the skip link first, then the score gauges; Enter on a gauge follows it. */
async function keyboard(page: Page): Promise<void> {
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip');
  await page.keyboard.press('Tab');
  const href = await page.evaluate(() => document.activeElement?.getAttribute('href') ?? '');
  expect(href).toMatch(/^#cat-/);
  await page.keyboard.press('Enter');
  // Following a link is asynchronous in the browser: wait for the fragment (fails after 10 s if it never changes).
  await page.waitForFunction((h) => location.hash === h, href, { timeout: 10_000 });
  expect(new URL(page.url()).hash).toBe(href);
}

/** Everything a page must do, on one browser page: keyboard, anchors, filter, layout at both widths, axe, no console error. */
async function checkPage(name: string): Promise<Page> {
  const { page, errors } = await open(name, 1280);
  await keyboard(page);
  await clickCategory(page);
  await filterBySeverity(page);
  await layout(page, name);
  // axe over every finding and section open, but one plan diff: thousands of identical diff lines cost seconds and say nothing new.
  await page.evaluate(() => document.querySelectorAll('#h-plan ~ details.section:not(:first-of-type)').forEach((d) => ((d as HTMLDetailsElement).open = false)));
  expect(await seriousAxeViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
  return page;
}

describe.skipIf(!present)('HTML reports of corpus apps in chromium', () => {
  it('report: gauges, findings, plan with diffs, cost bars', async () => {
    const page = await checkPage('report-live_beats');
    expect(await page.locator('.bars li').count()).toBeGreaterThan(1);
    expect(await page.locator('#h-plan ~ details pre.diff').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('audit: excerpts with the evidence line marked', async () => {
    const page = await checkPage('audit-diff');
    expect(await page.locator('.excerpt .ln.mark').count()).toBeGreaterThan(0);
    await page.close();
  });
});

describe('HTML report of a live verify run in chromium', () => {
  it('verify: TLS, latency and the requests made', async () => {
    const page = await checkPage('verify');
    const facts = await page.locator('dl.facts').innerText();
    expect(facts).toMatch(/TLS\s+TLSv1\.[23]/);
    expect(facts).toMatch(/Health latency\s+\/health/);
    expect(await page.locator('ol.requests li').count()).toBeGreaterThan(3);
    expect(await page.locator('body').innerText()).not.toMatch(/\brules\b/);
    await page.close();
  });

  it('without JavaScript: no filter, every finding shown', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(pathToFileURL(pages.verify ?? '').href);
    expect(await page.isVisible('#severity-filter')).toBe(false);
    const findings = await page.locator('details.finding').count();
    expect(findings).toBeGreaterThan(0);
    expect(await page.locator('details.finding:visible').count()).toBe(findings);
    await context.close();
  });
});
