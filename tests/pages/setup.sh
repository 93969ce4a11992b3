#!/usr/bin/env bash
# Installs what the page checks (tests/pages/check.sh) need, when it is missing:
#   - Debian `chromium` (apt-get, only when /usr/bin/chromium is absent; needs root),
#   - Java 17+ for the Nu HTML Checker (Debian `default-jre-headless`, only when `java` is absent),
#   - vnu-jar, axe-core and playwright-core at the versions pinned in package.json / package-lock.json
#     (`npm ci` into tests/pages/node_modules, only when that is missing or out of date).
# Needs Node.js 20+ with npm and python3 (for the local web server); those are not installed here.
# Quick when everything is present (no network). With CI=true anything missing or failing is an error;
# otherwise the checks are skipped with a SKIP message and exit status 0.
set -euo pipefail
cd "$(dirname "$0")"

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
case "${CI:-}" in true | TRUE | True | 1 | yes) in_ci=1 ;; *) in_ci=0 ;; esac

give_up() {
  if [ "$in_ci" = 1 ]; then
    echo "pages setup: ERROR: $*" >&2
    exit 1
  fi
  echo "pages setup: SKIP: $* (the page checks will be skipped; with CI=true this is an error)" >&2
  exit 0
}

# --- Debian packages: chromium, and Java if there is none --------------------------------------------
apt_pkgs=()
[ -x "$CHROMIUM" ] || apt_pkgs+=(chromium)
command -v java >/dev/null 2>&1 || apt_pkgs+=(default-jre-headless)
if [ ${#apt_pkgs[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    give_up "missing ${apt_pkgs[*]}, and cannot apt-get install as $(id -un) (run as root, or: apt-get install -y ${apt_pkgs[*]})"
  fi
  echo "pages setup: apt-get install -y ${apt_pkgs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! { apt-get update && apt-get install -y "${apt_pkgs[@]}"; }; then
    give_up "apt-get install ${apt_pkgs[*]} failed"
  fi
fi
[ -x "$CHROMIUM" ] || give_up "$CHROMIUM is still missing after installing chromium"
command -v java >/dev/null 2>&1 || give_up "java is still missing"
java_major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p')
[ "${java_major:-0}" -ge 17 ] || give_up "the Nu HTML Checker needs Java 17 or newer; found ${java_major:-unknown}"
command -v python3 >/dev/null 2>&1 || give_up "python3 (for the local web server) is missing"

# --- npm packages ------------------------------------------------------------------------------------
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  give_up "node and npm are missing (Node.js 20+ is needed)"
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || give_up "playwright-core needs Node.js 20 or newer; found $(node --version)"

wanted=$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)
stamp=node_modules/.debrief-pages-stamp
have_all() {
  [ -f node_modules/vnu-jar/build/dist/vnu.jar ] && [ -f node_modules/axe-core/axe.min.js ] &&
    [ -f node_modules/playwright-core/package.json ]
}
if [ "$(cat "$stamp" 2>/dev/null)" = "$wanted" ] && have_all; then
  echo "pages setup: node_modules up to date"
else
  echo "pages setup: npm ci (vnu-jar, axe-core, playwright-core)"
  # --ignore-scripts: vnu-jar's postinstall would download a Java runtime from GitHub when it finds none;
  # the system Java is used instead, and nothing else here has an install script.
  if ! npm ci --ignore-scripts --no-audit --no-fund --loglevel=error; then
    give_up "npm ci failed in tests/pages"
  fi
  have_all || give_up "npm ci did not install vnu-jar, axe-core and playwright-core"
  echo "$wanted" >"$stamp"
fi

echo "pages setup: ok: $("$CHROMIUM" --version 2>/dev/null | head -n1), Java $java_major, Node $(node --version)," \
  "vnu-jar $(node -p 'require("vnu-jar/package.json").version')," \
  "axe-core $(node -p 'require("axe-core/package.json").version')," \
  "playwright-core $(node -p 'require("playwright-core/package.json").version')"
