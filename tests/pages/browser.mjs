// Browser checks for every page of a built site, in headless Debian Chromium driven by playwright-core:
//   - the page loads (HTTP 200, except 404.html), its stylesheet applies, and no same-origin
//     subresource (CSS, image, …) fails to load;
//   - axe-core finds no WCAG 2.0/2.1 A and AA violation, with `prefers-color-scheme` light and dark;
//   - at viewport widths 1280 and 320 px nothing overflows the page horizontally.
// The search page is checked once more per query of PAGES_SEARCH, after its script has rendered the
// results and facets of that query (none rendered is a load problem).
//
// usage: node browser.mjs LABEL=BASE_URL=DIR [LABEL=BASE_URL=DIR ...]
//   DIR is the built output served at BASE_URL (http://127.0.0.1:PORT/); every *.html file in it is a page.
//   A page byte-identical to the same page of an earlier site (the internal build shares many pages with
//   the public one) is checked once.
// env:   CHROMIUM (default /usr/bin/chromium), PAGES_JOBS (pages checked in parallel, default 2),
//        PAGES_SUMMARY (a file to write the counts to, as JSON), PAGES_DEADLINE (seconds, default 600: then
//        give up, exit 1; playwright-core kills the browser on exit),
//        AXE_AT (where axe runs, default "light@1280,dark@1280,light@320": both colour schemes on the wide
//        layout, and the narrow layout, where tables scroll and the header wraps, once more),
//        PAGES_SEARCH (space-separated query strings for search/, default "q=database
//        q=database&severity=sev3&lang=en").
// Exits 1 when anything is found, after reporting every problem: page, scheme, rule id, impact, targets.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const SCHEMES = ['light', 'dark'];
const WIDTHS = [1280, 320];
const AXE_AT = (process.env.AXE_AT || 'light@1280,dark@1280,light@320').split(',').map((s) => s.trim());
for (const at of AXE_AT) {
  const [scheme, width] = at.split('@');
  if (!SCHEMES.includes(scheme) || !WIDTHS.includes(Number(width))) throw new Error(`bad AXE_AT entry ${at}`);
}
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const SEARCHES = (process.env.PAGES_SEARCH ?? 'q=database q=database&severity=sev3&lang=en').split(/\s+/).filter(Boolean);
const JOBS = Math.max(1, Number(process.env.PAGES_JOBS || 2));
const HEIGHT = 900;
const DEADLINE = Number(process.env.PAGES_DEADLINE || 600);
setTimeout(() => {
  console.log(`browser: gave up after ${DEADLINE}s`);
  process.exit(1);
}, DEADLINE * 1000).unref();

const sites = process.argv.slice(2).map((arg) => {
  const [label, base, dir] = arg.split('=');
  if (!label || !base || !dir) throw new Error(`bad argument ${arg}: want LABEL=BASE_URL=DIR`);
  return { label, base: base.endsWith('/') ? base : base + '/', dir };
});
if (!sites.length) {
  console.error('usage: node browser.mjs LABEL=BASE_URL=DIR ...');
  process.exit(2);
}

function htmlFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.html')) out.push(path.relative(dir, p).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

// Every page of every site: index, incidents, taxonomies and terms, 404, …
const jobs = [];
const seen = new Map(); // relative path -> contents of the page already queued
let pageCount = 0;
let searchViews = 0; // extra jobs: the search page with a query
for (const site of sites) {
  const files = htmlFiles(site.dir);
  if (!files.length) throw new Error(`no .html files in ${site.dir}`);
  for (const file of files) {
    pageCount++;
    const html = fs.readFileSync(path.join(site.dir, file));
    if (seen.get(file)?.equals(html)) continue;
    seen.set(file, html);
    const urlPath = file === 'index.html' ? '' : file.replace(/(^|\/)index\.html$/, '$1');
    jobs.push({ site, file, url: site.base + urlPath, name: `[${site.label}] /${urlPath}` });
  }
  // The search page with results: every site, since each has its own index.
  if (files.includes('search/index.html')) {
    for (const query of SEARCHES) {
      const url = `${site.base}search/?${query}`;
      jobs.push({ site, file: 'search/index.html', url, name: `[${site.label}] /search/?${query}`, search: true });
      searchViews++;
    }
  }
}

const problems = { axe: 0, axeNodes: 0, overflow: 0, load: 0 };
const report = (lines) => console.log(lines.join('\n'));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  // playwright-core gives every launch a fresh, temporary --user-data-dir and removes it on close.
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  timeout: 60_000,
});

async function newPage(colorScheme) {
  const context = await browser.newContext({ colorScheme, viewport: { width: WIDTHS[0], height: HEIGHT } });
  await context.addInitScript({ content: axeSource });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return page;
}

async function runAxe(page, job, scheme, width) {
  const result = await page.evaluate(
    async (tags) => {
      return await window.axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
    },
    AXE_TAGS,
  );
  for (const v of result.violations) {
    problems.axe++;
    problems.axeNodes += v.nodes.length;
    const lines = [`AXE ${job.name} (${scheme}, ${width}px): ${v.id} (${v.impact}) ${v.help} [${v.nodes.length} element(s)]`];
    for (const n of v.nodes.slice(0, 25)) {
      const why = (n.failureSummary || '').split('\n').slice(1).map((s) => s.trim()).join(' ');
      lines.push(`    ${n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' , ')}${why ? '  :: ' + why : ''}`);
    }
    if (v.nodes.length > 25) lines.push(`    … and ${v.nodes.length - 25} more`);
    report(lines);
  }
}

// The widest elements sticking out past the viewport (outermost first), for the report.
async function overflow(page) {
  return await page.evaluate(() => {
    const root = document.documentElement;
    const by = root.scrollWidth - root.clientWidth;
    if (by <= 0) return null;
    const vw = root.clientWidth;
    const culprits = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right <= vw + 0.5 || r.width === 0) continue;
      if (culprits.some((c) => c.el.contains(el))) continue;
      const id = el.id ? `#${el.id}` : '';
      const cls = typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).join('.') : '';
      culprits.push({ el, desc: `${el.tagName.toLowerCase()}${id}${cls} (right edge ${Math.round(r.right)}px)` });
      if (culprits.length >= 6) break;
    }
    return { by, culprits: culprits.map((c) => c.desc) };
  });
}

async function checkPage(pages, job) {
  for (const scheme of SCHEMES) {
    const page = pages[scheme];
    const failed = [];
    const origin = new URL(job.site.base).origin;
    const onResponse = (r) => {
      if (r.url().startsWith(origin) && r.status() >= 400 && r.request().resourceType() !== 'document'
          && !r.url().endsWith('/favicon.ico')) failed.push(`${r.status()} ${r.url()}`);
    };
    const onFailed = (r) => {
      if (r.url().startsWith(origin)) failed.push(`${r.failure()?.errorText} ${r.url()}`);
    };
    page.on('response', onResponse);
    page.on('requestfailed', onFailed);
    await page.setViewportSize({ width: WIDTHS[0], height: HEIGHT });
    const resp = await page.goto(job.url, { waitUntil: 'load' });
    if (job.search) {
      // The script fetches the index after `load`: wait for the status line, the results and facets.
      const rendered = await page.waitForFunction(() => document.querySelector('.search-status')?.textContent.trim()
        && document.querySelector('.search-results .search-result') && document.querySelector('.search-facet'),
        null, { timeout: 15_000 }).then(() => true, () => false);
      if (!rendered) {
        problems.load++;
        report([`LOAD ${job.name} (${scheme}): no results and facets rendered`]);
      }
    }
    page.off('response', onResponse);
    page.off('requestfailed', onFailed);

    if (scheme === SCHEMES[0]) {
      const want = job.file.endsWith('404.html') ? [200, 404] : [200];
      if (!resp || !want.includes(resp.status())) {
        problems.load++;
        report([`LOAD ${job.name}: HTTP ${resp ? resp.status() : 'no response'} for ${job.url}`]);
      }
      for (const f of failed) {
        problems.load++;
        report([`LOAD ${job.name}: subresource failed: ${f}`]);
      }
      const styled = await page.evaluate(() => [...document.styleSheets].some((s) => {
        try { return s.cssRules.length > 10; } catch { return false; }
      }));
      if (!styled) {
        problems.load++;
        report([`LOAD ${job.name}: no stylesheet applied`]);
      }
    }

    for (const width of WIDTHS) {
      // Overflow does not depend on the colour scheme: measured once, in the first scheme.
      const measure = scheme === SCHEMES[0];
      const axe = AXE_AT.includes(`${scheme}@${width}`);
      if (!measure && !axe) continue;
      if (width !== WIDTHS[0]) await page.setViewportSize({ width, height: HEIGHT });
      if (measure) {
        const o = await overflow(page);
        if (o) {
          problems.overflow++;
          report([`OVERFLOW ${job.name} (${width}px): page is ${o.by}px wider than the viewport`,
            ...o.culprits.map((c) => `    ${c}`)]);
        }
      }
      if (axe) await runAxe(page, job, scheme, width);
    }
  }
}

const started = Date.now();
let next = 0;
async function worker() {
  const pages = {};
  for (const scheme of SCHEMES) pages[scheme] = await newPage(scheme);
  while (next < jobs.length) {
    const job = jobs[next++];
    try {
      await checkPage(pages, job);
    } catch (e) {
      problems.load++;
      report([`ERROR ${job.name}: ${e.message.split('\n')[0]}`]);
    }
  }
  for (const scheme of SCHEMES) await pages[scheme].context().close();
}
try {
  await Promise.all(Array.from({ length: Math.min(JOBS, jobs.length) }, worker));
} finally {
  await browser.close();
}

const secs = ((Date.now() - started) / 1000).toFixed(1);
console.log(`browser: ${pageCount} pages (${sites.map((s) => s.label).join(', ')}; ${pageCount - jobs.length + searchViews} `
  + `identical to an earlier site's, checked once) and ${searchViews} search result views, axe ${AXE_TAGS.join('+')} at ${AXE_AT.join(' ')}, `
  + `overflow at ${WIDTHS.join('+')}px: `
  + `${problems.axe} axe violations (${problems.axeNodes} elements), ${problems.overflow} overflowing, `
  + `${problems.load} load problems, in ${secs}s`);
if (process.env.PAGES_SUMMARY) {
  fs.writeFileSync(process.env.PAGES_SUMMARY, JSON.stringify({ pages: pageCount, distinct: jobs.length - searchViews, searchViews, ...problems }) + '\n');
}
process.exit(problems.axe || problems.overflow || problems.load ? 1 : 0);
