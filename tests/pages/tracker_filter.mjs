// The action tracker's filter in headless Chromium (playwright-core):
//   - the views are paginated and list open actions (a closed status lists its closed ones), and
//     the JavaScript filter filters the rows of the page it is on. So for every facet link of the
//     first page of actions/, the filter there (`actions/?owner=…`) shows exactly the rows of that
//     page that the matching server-side view lists on any of its pages, in the same order; a
//     closed status, which actions/ does not list, has no choice in the filter and no row there;
//     and each view marks its own link as current;
//   - choosing an owner in the form filters the rows, says how many are shown, and puts the choice in
//     the URL; reloading that URL restores it.
// usage: node tracker_filter.mjs BASE_URL   (a built site served at BASE_URL, ending in /)
// Exits 1 on any mismatch, after reporting each.
import { launch, reporter } from './chromium.mjs';


const base = process.argv[2];
const browser = await launch();
const { fail, count } = reporter('tracker filter');
// A row is known by its action's title and its incident's page (rows carry no id).
const rowKeys = (page, selector) => page.$$eval(selector, (rs) => rs.map((r) =>
  `${r.querySelector('.a-title-text').textContent} @ ${r.querySelector('.a-incident a').getAttribute('href')}`));
const rows = async (page, selector) => (await rowKeys(page, selector)).join('\n');
// Every row of the view whose first page is open in `page`, following rel="next" to the last page.
const allRows = async (page) => {
  const keys = [];
  for (;;) {
    keys.push(...await rowKeys(page, '#tracker-table tbody tr'));
    const next = await page.$('link[rel="next"]');
    if (!next) return keys;
    await page.goto(new URL(await next.getAttribute('href'), page.url()).href);
  }
};
try {
  const js = await (await browser.newContext()).newPage();
  const plain = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await plain.goto(base + 'actions/');
  const onFirstPage = await rowKeys(plain, '#tracker-table tbody tr');
  const facets = await plain.$$eval('a[href*="/actions/"][href$="/"]', (as) =>
    [...new Set(as.map((a) => a.getAttribute('href')).filter((h) => /\/actions\/(owners|status|kinds|services)\/[^/]+\/$/.test(h)))]);
  if (facets.length === 0) fail('the full list links to no views');
  const key = { owners: 'owner', status: 'status', kinds: 'kind', services: 'service' };
  for (const href of facets) {
    const [group, slug] = href.split('/').filter(Boolean).slice(-2);
    await plain.goto(new URL(href, base).href);
    const current = await plain.getAttribute(`a[href="${href}"]`, 'aria-current');
    if (current !== 'page') fail(`${href}: its own link is not marked current`);
    const inView = new Set(await allRows(plain));
    const expected = onFirstPage.filter((k) => inView.has(k)).join('\n');
    await js.goto(`${base}actions/?${key[group]}=${encodeURIComponent(slug)}`);
    const offered = await js.$$eval(`select[name="${key[group]}"] option`, (os) => os.map((o) => o.value));
    if (!offered.includes(slug)) {
      // Nothing on this page is in that view (a closed status): the filter must not offer it.
      if (expected) fail(`${href}: the filter offers no ${slug}, but this page has its rows`);
      continue;
    }
    const filtered = await rows(js, '#tracker-table tbody tr:not([hidden])');
    if (filtered !== expected) {
      const rowCount = (ids) => ids.split('\n').filter(Boolean).length;
      fail(`${href}: the filter shows ${rowCount(filtered)} rows, the view has ${rowCount(expected)} of this page's (or in another order)`);
    }
  }

  await js.goto(base + 'actions/');
  const all = (await rowKeys(js, '#tracker-table tbody tr')).length;
  const owner = await js.$eval('select[name="owner"] option:nth-child(2)', (o) => o.value);
  await js.selectOption('select[name="owner"]', owner, { timeout: 5000 });
  const shown = (await rowKeys(js, '#tracker-table tbody tr:not([hidden])')).length;
  if (!(shown > 0 && shown < all)) fail(`choosing owner ${owner} shows ${shown} of ${all} rows`);
  if (!js.url().includes(`owner=${encodeURIComponent(owner)}`)) fail(`the URL keeps no owner: ${js.url()}`);
  const said = await js.textContent('.filter-count');
  if (!said || !said.includes(String(shown))) fail(`the count says "${said}", ${shown} rows are shown`);
  await js.reload();
  const again = (await rowKeys(js, '#tracker-table tbody tr:not([hidden])')).length;
  if (again !== shown) fail(`after a reload ${again} rows are shown, not ${shown}`);
  console.log(`tracker filter: ${facets.length} views compared, owner filter and URL state checked, ${count()} problems`);
} finally {
  await browser.close();
}
process.exit(count() === 0 ? 0 : 1);
