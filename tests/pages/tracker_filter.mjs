// The action tracker's filter in headless Chromium (playwright-core):
//   - for every facet link of the full list, the JavaScript filter (`actions/?owner=…`) shows exactly the
//     rows of the matching server-side view, which marks its own link as current;
//   - choosing an owner in the form filters the rows, says how many are shown, and puts the choice in
//     the URL; reloading that URL restores it.
// usage: node tracker_filter.mjs BASE_URL   (a built site served at BASE_URL, ending in /)
// Exits 1 on any mismatch, after reporting each.
import { launch, reporter } from './chromium.mjs';


const base = process.argv[2];
const browser = await launch();
const { fail, count } = reporter('tracker filter');
const rows = (page, selector) => page.$$eval(selector, (rs) => rs.map((r) => r.id).join(' '));
try {
  const js = await (await browser.newContext()).newPage();
  const plain = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await plain.goto(base + 'actions/');
  const facets = await plain.$$eval('a[href*="/actions/"][href$="/"]', (as) =>
    [...new Set(as.map((a) => a.getAttribute('href')).filter((h) => /\/actions\/(owners|status|kinds|services)\/[^/]+\/$/.test(h)))]);
  if (facets.length === 0) fail('the full list links to no views');
  const key = { owners: 'owner', status: 'status', kinds: 'kind', services: 'service' };
  for (const href of facets) {
    const [group, slug] = href.split('/').filter(Boolean).slice(-2);
    await js.goto(`${base}actions/?${key[group]}=${encodeURIComponent(slug)}`);
    const filtered = await rows(js, '#tracker-table tbody tr:not([hidden])');
    await plain.goto(new URL(href, base).href);
    const view = await rows(plain, '#tracker-table tbody tr');
    if (filtered !== view) {
      const rowCount = (ids) => ids.split(' ').filter(Boolean).length;
      fail(`${href}: the filter shows ${rowCount(filtered)} rows, the view ${rowCount(view)} (or in another order)`);
    }
    const current = await plain.getAttribute(`a[href="${href}"]`, 'aria-current');
    if (current !== 'page') fail(`${href}: its own link is not marked current`);
  }

  await js.goto(base + 'actions/');
  const all = (await rows(js, '#tracker-table tbody tr')).split(' ').length;
  const owner = await js.$eval('select[name="owner"] option:nth-child(2)', (o) => o.value);
  await js.selectOption('select[name="owner"]', owner, { timeout: 5000 });
  const shown = (await rows(js, '#tracker-table tbody tr:not([hidden])')).split(' ').filter(Boolean).length;
  if (!(shown > 0 && shown < all)) fail(`choosing owner ${owner} shows ${shown} of ${all} rows`);
  if (!js.url().includes(`owner=${encodeURIComponent(owner)}`)) fail(`the URL keeps no owner: ${js.url()}`);
  const said = await js.textContent('.filter-count');
  if (!said || !said.includes(String(shown))) fail(`the count says "${said}", ${shown} rows are shown`);
  await js.reload();
  const again = (await rows(js, '#tracker-table tbody tr:not([hidden])')).split(' ').filter(Boolean).length;
  if (again !== shown) fail(`after a reload ${again} rows are shown, not ${shown}`);
  console.log(`tracker filter: ${facets.length} views compared, owner filter and URL state checked, ${count()} problems`);
} finally {
  await browser.close();
}
process.exit(count() === 0 ? 0 : 1);
