// Live reload in headless Chromium (playwright-core): `debrief serve` on a copy of the example
// archive; a save reloads the open page by itself, a save that breaks the build shows an overlay
// naming file:line (the last good page stays), and the next good save clears it.
// usage: node live_reload.mjs DEBRIEF_BINARY SITE_DIR   (SITE_DIR is a scratch copy: it is edited)
import { launch, reporter } from './chromium.mjs';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const [binary, site] = process.argv.slice(2);
const file = path.join(site, 'content/2024/2024-11-07-e-post-og-webhotell.md');
const original = fs.readFileSync(file, 'utf8');

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
try {
  const page = await browser.newPage();
  await page.goto(url + 'incidents/2024-11-07-e-post-og-webhotell/');
  await page.evaluate(() => { window.debriefMarker = 1; });
  await page.waitForTimeout(300);
  const started = Date.now();
  fs.writeFileSync(file, original.replace('Utfordringer med e-post og webhotell', 'Oppdatert: e-post og webhotell'));
  await page.waitForFunction(() => document.querySelector('h1')?.textContent.includes('Oppdatert'), null, { timeout: 15000 })
    .catch(() => fail('the page did not show the saved change'));
  const reloaded = await page.evaluate(() => window.debriefMarker === undefined);
  if (!reloaded) fail('the page was not reloaded');
  const ms = Date.now() - started;

  fs.writeFileSync(file, original.replace('severity = "sev1"', 'severity = "sev7"'));
  await page.waitForSelector('#debrief-errors', { timeout: 15000 }).catch(() => fail('no overlay after a broken save'));
  const overlay = (await page.textContent('#debrief-errors').catch(() => '')) || '';
  if (!/unknown severity `sev7`[\s\S]*content\/2024\/2024-11-07-e-post-og-webhotell\.md:\d+:\d+/.test(overlay)) {
    fail(`the overlay does not name the problem and its file:line: ${overlay.slice(0, 200)}`);
  }
  if (!(await page.textContent('h1')).includes('Oppdatert')) fail('the last good page was not kept');

  fs.writeFileSync(file, original);
  await page.waitForFunction(() => !document.getElementById('debrief-errors') && document.querySelector('h1')?.textContent.includes('Utfordringer'), null, { timeout: 15000 })
    .catch(() => fail('the next good save did not clear the overlay'));
  console.log(`live reload: save to reload in ${ms} ms, overlay on a broken save and cleared on the next, ${count()} problems`);
} finally {
  fs.writeFileSync(file, original);
  await browser.close();
  server.kill();
}
process.exit(count() === 0 ? 0 : 1);
