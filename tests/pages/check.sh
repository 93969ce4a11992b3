#!/usr/bin/env bash
# Page-quality checks on the example archive (content/), built twice into temporary folders:
#   public    `build --now 2026-11-28`
#   internal  `build --now 2026-11-28 --drafts --audience internal` (draft, review and internal banners)
# 1. Nu HTML Checker: every .html file, then the stylesheet with --css; zero errors.
# 2. Both builds served on 127.0.0.1; browser.mjs opens every page (index, incidents, taxonomies, terms,
#    404, action tracker, …) in headless Chromium: axe-core WCAG 2.0/2.1 A+AA with light and dark colour
#    schemes, no horizontal overflow at 1280 and 320 px, no page or stylesheet that fails to load.
#    Pages of the internal build byte-identical to the public build's are opened once. The search page
#    is also opened with queries in its URL (PAGES_SEARCH), so axe and the overflow check see its results
#    and facets.
# 3. tracker_filter.mjs: the action tracker's JavaScript filter shows exactly the rows of each
#    server-side view, and keeps its state in the URL.
# 4. live_reload.mjs: `debrief serve` reloads an open page on save, keeping its scroll position, and
#    leaves an unrelated open page alone; shows an overlay naming file:line when a save breaks the
#    build, and clears it on the next good save; swaps the stylesheet without a reload when only the
#    theme's CSS changed.
# 5. Every same-site link names a file of its build; feed.xml and sitemap.xml are well-formed XML.
# 6. search.mjs: the search page end to end on the fixture archive tests/fixtures/search/ (built public
#    and internal): inflections, plurals, typos, å/æ folding, ticket keys, facets and their counts, URL
#    state, the header box, zero results, markup in titles, internal reports, keyboard, live region.
# Any problem is printed (page, rule, impact, elements) and makes the script exit non-zero.
# Needs `bash tests/pages/setup.sh` first. Without the tools it exits 0 with SKIP, unless CI=true.
# env: PAGES_JOBS (browser pages in parallel, default 2), AXE_AT (default "light@1280,dark@1280,light@320"),
#      PAGES_SEARCH (queries the search page is opened with; see browser.mjs).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.."

NOW=2026-11-28
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
VNU_JAR=$here/node_modules/vnu-jar/build/dist/vnu.jar
case "${CI:-}" in true | TRUE | True | 1 | yes) in_ci=1 ;; *) in_ci=0 ;; esac
started=$SECONDS

give_up() {
  if [ "$in_ci" = 1 ]; then
    echo "pages: ERROR: $*" >&2
    exit 1
  fi
  echo "pages: SKIP: $* (run bash tests/pages/setup.sh; with CI=true this is an error)" >&2
  exit 0
}
for tool in java node python3 cargo; do
  command -v "$tool" >/dev/null 2>&1 || give_up "$tool is missing"
done
[ -x "$CHROMIUM" ] || give_up "$CHROMIUM is missing"
[ -f "$VNU_JAR" ] && [ -f "$here/node_modules/axe-core/axe.min.js" ] &&
  [ -f "$here/node_modules/playwright-core/package.json" ] || give_up "tests/pages/node_modules is not installed"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/debrief-pages.XXXXXX")
servers=()
cleanup() {
  for pid in ${servers[@]+"${servers[@]}"}; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- build -------------------------------------------------------------------------------------------
echo "== pages: build the example archive (public) into a temporary folder"
cargo run --release --locked -- build --now "$NOW" --output "$tmp/public"
echo "== pages: build with --drafts --audience internal"
cargo run --release --locked -- build --now "$NOW" --drafts --audience internal --output "$tmp/internal"
builds=("$tmp/public" "$tmp/internal")
pages=$(find "${builds[@]}" -name '*.html' | wc -l)

# --- Nu HTML Checker ---------------------------------------------------------------------------------
# Prints vnu's messages with the temporary folder cut off the file names; echoes the error count.
vnu() {
  local out status=0 n
  out=$(java -jar "$VNU_JAR" --errors-only "$@" 2>&1) || status=$?
  n=$(printf '%s\n' "$out" | grep -c -E ': (error|fatal|non-document-error)' || true)
  if [ "$status" != 0 ] && [ "$n" = 0 ]; then n=1; fi
  [ -z "$out" ] || printf '%s\n' "$out" | sed "s|file:$tmp/||g" >&2
  echo "$n"
}
echo "== pages: Nu HTML Checker on $pages pages"
vnu_html=$(vnu --skip-non-html "${builds[@]}")
# The stylesheets, each distinct one once (both builds carry the same theme).
mapfile -t css < <(find "${builds[@]}" -name '*.css' -exec sha256sum {} + | sort | awk '!seen[$1]++ { print $2 }')
[ ${#css[@]} -gt 0 ] || { echo "no stylesheet in the build" >&2; exit 1; }
echo "== pages: Nu HTML Checker --css on ${#css[@]} stylesheet(s)"
vnu_css=$(vnu --css "${css[@]}")
echo "vnu: $vnu_html errors in HTML, $vnu_css in CSS"

# --- browser: axe-core, overflow ---------------------------------------------------------------------
# Serves $1 on a free port of 127.0.0.1 (port 0: the server picks one and prints it); sets $port.
serve() {
  local log
  log=$tmp/server-$(basename "$1").log
  : >"$log" # there before the server writes to it, for the sed below
  python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$1" >"$log" 2>"$log.requests" &
  servers+=($!)
  port=
  for _ in $(seq 100); do
    port=$(sed -n 's/^Serving HTTP on .* port \([0-9][0-9]*\) .*/\1/p' "$log")
    [ -n "$port" ] && return 0
    kill -0 "${servers[-1]}" 2>/dev/null || break
    sleep 0.1
  done
  echo "could not start a web server for $1:" >&2
  cat "$log" "$log.requests" >&2
  exit 1
}
serve "$tmp/public" && public_url=http://127.0.0.1:$port/
serve "$tmp/internal" && internal_url=http://127.0.0.1:$port/

echo "== pages: axe-core and overflow in Chromium ($public_url, $internal_url)"
browser_status=0
PAGES_SUMMARY=$tmp/browser.json \
  node "$here/browser.mjs" "public=$public_url=$tmp/public" "internal=$internal_url=$tmp/internal" ||
  browser_status=$?
if [ -f "$tmp/browser.json" ]; then
  read -r axe overflow load < <(node -e \
    'const s = require(process.argv[1]); console.log(s.axe, s.overflow, s.load)' "$tmp/browser.json")
else
  echo "browser checks did not finish (exit status $browser_status)" >&2
  axe='?' overflow='?' load='?'
fi

echo "== pages: the action tracker's filter in Chromium"
filter_status=0
node "$here/tracker_filter.mjs" "$public_url" || filter_status=$?

echo "== pages: live reload in Chromium (debrief serve on a copy of the example)"
reload_status=0
mkdir "$tmp/live"
cp -r debrief.toml content "$tmp/live/"
node "$here/live_reload.mjs" "$PWD/target/release/debrief" "$tmp/live" || reload_status=$?

# --- links ---------------------------------------------------------------------------------------------
# Every same-site link (href/src starting with "/") of every page must name a file of its build,
# and feed.xml and sitemap.xml must be well-formed XML.
echo "== pages: same-site links"
broken=$(python3 - "${builds[@]}" <<'PY'
import os, re, sys
broken = 0
for build in sys.argv[1:]:
    for folder, _, files in os.walk(build):
        for name in files:
            if not name.endswith(".html"):
                continue
            page = os.path.join(folder, name)
            text = open(page, encoding="utf-8").read()
            for target in re.findall(r'(?:href|src)="(/[^"#?]*)', text):
                path = os.path.join(build, target.lstrip("/"))
                if not (os.path.isfile(path) or os.path.isfile(os.path.join(path, "index.html"))):
                    broken += 1
                    print(f"broken link: {os.path.relpath(page, build)} -> {target}", file=sys.stderr)
    # The feed and the sitemap must be well-formed XML.
    import xml.dom.minidom
    for name in ("feed.xml", "sitemap.xml"):
        try:
            xml.dom.minidom.parse(os.path.join(build, name))
        except Exception as error:
            broken += 1
            print(f"not well-formed: {name}: {error}", file=sys.stderr)
print(broken)
PY
)
echo "links: $broken broken"

echo "== pages: the search page in Chromium (the fixture archive tests/fixtures/search)"
search_status=0
node "$here/search.mjs" "$PWD/target/release/debrief" "$PWD/tests/fixtures/search" || search_status=$?

failed=0
for count in "$vnu_html" "$vnu_css" "$browser_status" "$axe" "$overflow" "$load" "$broken" "$filter_status" "$reload_status" \
  "$search_status"; do
  [ "$count" = 0 ] || failed=$((failed + 1))
done
echo "pages: $pages checked, $((vnu_html + vnu_css)) vnu errors, $axe axe violations (light+dark)," \
  "$overflow overflowing (1280+320px), $load load problems, $broken broken links, in $((SECONDS - started))s"
# The plain closing line CI reads: one check each for vnu HTML, vnu CSS, the browser run, axe,
# overflow, loading, links, the tracker filter, live reload and the search page.
echo "pages: $((10 - failed)) passed, $failed failed"
[ "$failed" = 0 ]
