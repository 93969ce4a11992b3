// Live reload in headless Chromium (playwright-core): `debrief serve` on a copy of the example
// archive, with a copy of the default theme in the site so its stylesheet can be edited. A save
// reloads the open page it changes, keeping its scroll position, and leaves an unrelated open page
// alone (a marker set in its `window` survives); a save that breaks the build shows an overlay
// naming file:line (the last good page stays), and the next good save clears it; a stylesheet-only
// change swaps the stylesheet of an open page without reloading it.
// usage: node live_reload.mjs DEBRIEF_BINARY SITE_DIR   (SITE_DIR is a scratch copy: it is edited)
import { launch, reporter } from './chromium.mjs';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [binary, site] = process.argv.slice(2);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
fs.cpSync(path.join(repo, 'themes/default'), path.join(site, 'themes/default'), { recursive: true });
const file = path.join(site, 'content/2024/2024-11-07-e-post-og-webhotell.md');
const original = fs.readFileSync(file, 'utf8');
const css = path.join(site, 'themes/default/static/style.css');
const originalCss = fs.readFileSync(css, 'utf8');

const server = spawn(binary, ['-C', site, 'serve', '--port', '0', '--now', '2026-11-28'], { stdio: ['ignore', 'pipe', 'ignore'] });
const url = await new Promise((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (chunk) => {
    out += chunk;
    const found = out.match(/http:\/\/[0-9.:]+\//);
    if (found) resolve(found[0]);
  });
  server.on('exit', () => reject(new Error('debrief serve exited')));
  setTimeout(() => reject(new Error('debrief serve did not start')), 30000);
});
const browser = await launch();
const { fail, count } = reporter('live reload');
// Whether `page` still has the marker set in its window (gone once the page reloads).
const marked = (page) => page.evaluate(() => window.debriefMarker === 1);
const mark = (page) => page.evaluate(() => { window.debriefMarker = 1; });
try {
  const context = await browser.newContext({ viewport: { width: 800, height: 400 } });
  const page = await context.newPage();
  const other = await context.newPage();
  await page.goto(url + 'incidents/2024-11-07-e-post-og-webhotell/');
  await other.goto(url + 'incidents/anycast-dns-stale-answers/');
  // The browser's own scroll restoration off, so the position is the reload script's doing.
  await page.evaluate(() => { history.scrollRestoration = 'manual'; window.scrollTo({ top: 600, behavior: 'instant' }); });
  const scrolled = await page.evaluate(() => window.scrollY);
  if (scrolled < 500) fail(`the page is too short to check the scroll position (${scrolled} px)`);
  await mark(page);
  await mark(other);
  await page.waitForTimeout(300);
  const started = Date.now();
  fs.writeFileSync(file, original.replace('Utfordringer med e-post og webhotell', 'Oppdatert: e-post og webhotell'));
  await page.waitForFunction(() => document.querySelector('h1')?.textContent.includes('Oppdatert'), null, { timeout: 15000 })
    .catch(() => fail('the page did not show the saved change'));
  if (await marked(page)) fail('the page was not reloaded');
  const ms = Date.now() - started;
  await page.waitForFunction((y) => Math.abs(window.scrollY - y) <= 2, scrolled, { timeout: 5000 })
    .catch(async () => fail(`the reload lost the scroll position: ${await page.evaluate(() => window.scrollY)} px, was ${scrolled}`));
  // The other tab has been told by now (the same build); give it time to act if it were to reload.
  await other.waitForTimeout(1000);
  if (!(await marked(other))) fail('an unrelated open page was reloaded');

  fs.writeFileSync(file, original.replace('severity = "sev1"', 'severity = "sev7"'));
  await page.waitForSelector('#debrief-errors', { timeout: 15000 }).catch(() => fail('no overlay after a broken save'));
  const overlay = (await page.textContent('#debrief-errors').catch(() => '')) || '';
  if (!/unknown severity `sev7`[\s\S]*content\/2024\/2024-11-07-e-post-og-webhotell\.md:\d+:\d+/.test(overlay)) {
    fail(`the overlay does not name the problem and its file:line: ${overlay.slice(0, 200)}`);
  }
  if (!(await page.textContent('h1')).includes('Oppdatert')) fail('the last good page was not kept');
  await other.waitForSelector('#debrief-errors', { timeout: 15000 }).catch(() => fail('no overlay on the other page'));

  fs.writeFileSync(file, original);
  await page.waitForFunction(() => !document.getElementById('debrief-errors') && document.querySelector('h1')?.textContent.includes('Utfordringer'), null, { timeout: 15000 })
    .catch(() => fail('the next good save did not clear the overlay'));
  await other.waitForFunction(() => !document.getElementById('debrief-errors'), null, { timeout: 15000 })
    .catch(() => fail('the next good save did not clear the overlay of the other page'));
  if (!(await marked(other))) fail('clearing the overlay reloaded an unrelated page');

  // A stylesheet-only change: its content-hashed name changes in every page, and nothing else does.
  await mark(page);
  const link = () => page.evaluate(() => [...document.querySelectorAll('link[rel~="stylesheet"]')].map((l) => l.href));
  const before = await link();
  fs.writeFileSync(css, originalCss + '\n:root { --debrief-live-check: swapped; }\n');
  await page.waitForFunction(() => getComputedStyle(document.documentElement).getPropertyValue('--debrief-live-check').trim() === 'swapped', null, { timeout: 15000 })
    .catch(() => fail('a stylesheet change did not reach the open page'));
  if (!(await marked(page))) fail('a stylesheet-only change reloaded the page instead of swapping the stylesheet');
  await page.waitForFunction((old) => {
    const links = [...document.querySelectorAll('link[rel~="stylesheet"]')].map((l) => l.href);
    return links.length === old.length && links.every((href, i) => href !== old[i]);
  }, before, { timeout: 5000 }).catch(async () => fail(`the old stylesheet was not replaced: ${before} → ${await link()}`));
  if (!(await marked(other))) fail('a stylesheet-only change reloaded the unrelated page');
  console.log(`live reload: save to reload in ${ms} ms, scroll kept, unrelated page left alone, overlay on a broken save and cleared on the next, stylesheet swapped without reload, ${count()} problems`);
} finally {
  fs.writeFileSync(file, original);
  fs.writeFileSync(css, originalCss);
  await browser.close();
  server.kill();
}
process.exit(count() === 0 ? 0 : 1);
