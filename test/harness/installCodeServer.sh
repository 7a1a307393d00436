#!/usr/bin/env bash
# Installs code-server (VS Code 1.100.3's workbench and Node extension host) into a git-ignored
# cache folder, the way @vscode/test-electron caches VS Code under .vscode-test/.
# It is never a dependency of the project: it is a test host, like the desktop VS Code.
set -euo pipefail
CODE_SERVER_VERSION=4.100.3
RIPGREP_CACHE_NAME=vscode-ripgrep-cache-1.15.11
RIPGREP_ARCHIVE=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cache="$root/.vscode-test/code-server-$CODE_SERVER_VERSION"
bin="$cache/node_modules/.bin/code-server"

if [ -x "$bin" ]; then
  echo "code-server $CODE_SERVER_VERSION already in $cache"
  exit 0
fi

missing=()
for tool in rg chromium g++ make pkg-config; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Missing tools: ${missing[*]}. On Debian, run as root:" >&2
  echo "  apt-get update && apt-get install -y chromium g++ make pkg-config libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev ripgrep" >&2
  exit 1
fi

mkdir -p "$cache/tmp"
export TMPDIR="$cache/tmp"
# @vscode/ripgrep's postinstall downloads rg from GitHub: give it Debian's rg from its cache instead.
mkdir -p "$TMPDIR/$RIPGREP_CACHE_NAME" "$TMPDIR/rg-pack"
cp "$(command -v rg)" "$TMPDIR/rg-pack/rg"
tar -czf "$TMPDIR/$RIPGREP_CACHE_NAME/$RIPGREP_ARCHIVE" -C "$TMPDIR/rg-pack" rg

cd "$cache"
[ -f package.json ] || echo '{"name":"marginalia-code-server-cache","private":true}' > package.json
echo "Installing code-server $CODE_SERVER_VERSION into $cache (about a minute)"
npm_config_unsafe_perm=true npm_config_yes=true \
  XDG_CACHE_HOME="$cache/tmp/xdg-cache" \
  npm install --no-save --no-audit --no-fund "code-server@$CODE_SERVER_VERSION"
[ -x "$bin" ] || { echo "code-server did not install into $cache" >&2; exit 1; }
echo "code-server installed: $bin"
