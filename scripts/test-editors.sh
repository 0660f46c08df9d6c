#!/usr/bin/env bash
# Runs BriefLint in real editors: Neovim (headless LSP client), VS Code through
# code-server (the vscode API suite inside the real extension host, with the
# packaged .vsix installed) and the VS Code UI through Playwright + Chromium.
#
# It installs what it needs first:
#   - Debian packages: chromium, neovim, libkrb5-dev (for code-server's kerberos module), a CJK font
#   - Node 24, for code-server only (code-server refuses Node 20; the project stays on Node 20)
#   - code-server from the npm registry, cached in .vscode-test/ (ignored) so a second run is fast
# Under CI=true a missing prerequisite that cannot be installed is a failure.
# Without root, the script prints the exact command to run and skips what cannot run.
#
# Usage: bash scripts/test-editors.sh [--install-only] [nvim|vscode|ui]...
#   BRIEFLINT_VSIX=FILE   test that .vsix instead of packaging one (npm run package)
#   BRIEFLINT_UPDATE_SCREENSHOTS=1   copy the UI test's best two screenshots to docs/
#   BRIEFLINT_KEEP_TMP=1   keep the editors' throwaway folders (for debugging)
#   BRIEFLINT_EDITOR_CACHE=DIR   where Node 24 and code-server are installed (default .vscode-test/)
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)

NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
# Ignored by git; CI can point BRIEFLINT_EDITOR_CACHE at a folder it keeps between runs.
CACHE="${BRIEFLINT_EDITOR_CACHE:-$ROOT/.vscode-test}"
# fonts-wqy-microhei: a small CJK font, so that hanzi show in the UI test's screenshots.
APT_PACKAGES=(chromium neovim libkrb5-dev fonts-wqy-microhei)

install_only=false
only=()
for arg in "$@"; do
  case "$arg" in
    --install-only) install_only=true ;;
    nvim | vscode | ui) only+=("$arg") ;;
    *) echo "usage: bash scripts/test-editors.sh [--install-only] [nvim|vscode|ui]..." >&2; exit 2 ;;
  esac
done
if [ ${#only[@]} -eq 0 ]; then only=(nvim vscode ui); fi
wants() { local x; for x in "${only[@]}"; do [ "$x" = "$1" ] && return 0; done; return 1; }

is_ci() { [ "${CI:-}" = "true" ] || [ "${CI:-}" = "1" ]; }
log() { printf '[test-editors] %s\n' "$*" >&2; }
started=$(date +%s)

# --- Debian packages -------------------------------------------------------
missing_apt=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing_apt+=("$pkg")
done
if [ ${#missing_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    log "installing Debian packages: ${missing_apt[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing_apt[@]}" >/dev/null
  else
    log "missing Debian packages: ${missing_apt[*]}"
    log "install them with:  sudo apt-get update && sudo apt-get install -y ${missing_apt[*]}"
    if is_ci; then log "CI=true: a missing prerequisite is a failure"; exit 1; fi
  fi
fi

# --- Node 24 and code-server (only for the VS Code tests) -------------------
case "$(uname -m)" in aarch64 | arm64) node_arch=arm64 ;; *) node_arch=x64 ;; esac
node24_dir="$CACHE/node24/node_modules/node/node_modules/node-linux-$node_arch"
code_server_dir="$CACHE/code-server-$CODE_SERVER_VERSION"
code_server_bin="$code_server_dir/node_modules/.bin/code-server"

# A folder with its own package.json: without one, npm walks up and installs into the project's node_modules.
make_package_root() {
  mkdir -p "$1"
  [ -f "$1/package.json" ] || printf '{ "name": "brieflint-editor-test-cache", "private": true }\n' >"$1/package.json"
}

install_code_server() {
  if [ ! -x "$node24_dir/bin/node" ]; then
    log "installing Node $NODE24_VERSION for code-server into $CACHE/node24"
    make_package_root "$CACHE/node24"
    npm install --prefix "$CACHE/node24" --no-save --no-audit --no-fund --loglevel=error "node@$NODE24_VERSION" >/dev/null
  fi
  if [ ! -x "$node24_dir/bin/node" ]; then
    log "Node 24 did not install at $node24_dir (expected the node-linux-$node_arch package)"
    return 1
  fi
  if [ ! -f "$code_server_dir/.installed" ] || [ ! -x "$code_server_bin" ]; then
    if ! dpkg-query -W -f='${Status}' libkrb5-dev 2>/dev/null | grep -q 'install ok installed'; then
      log "code-server needs libkrb5-dev to build; install it with: sudo apt-get install -y libkrb5-dev"
      return 1
    fi
    log "installing code-server $CODE_SERVER_VERSION into $CACHE (2.5-4 min, once)"
    rm -rf "$code_server_dir"
    make_package_root "$code_server_dir"
    # Node 24 first on PATH and --nodedir: the machine's npm config points node-gyp at Node 20's headers.
    # Run from `npm test`, the environment carries the outer npm's npm_config_* (its user agent says
    # node/v20, which code-server's postinstall reads as the Node version): start the install clean.
    (cd "$code_server_dir" &&
      for variable in $(compgen -e | grep -i '^npm_'); do unset "$variable"; done &&
      PATH="$node24_dir/bin:$PATH" npm install --no-save --no-audit --no-fund --loglevel=error \
        --nodedir="$node24_dir" "code-server@$CODE_SERVER_VERSION" >"$code_server_dir/install.log" 2>&1) || {
      log "code-server install failed; the last lines of $code_server_dir/install.log:"
      tail -n 30 "$code_server_dir/install.log" >&2
      return 1
    }
    touch "$code_server_dir/.installed"
  fi
}

if wants vscode || wants ui; then
  if ! install_code_server; then
    if is_ci; then log "CI=true: code-server is a prerequisite of the VS Code tests"; exit 1; fi
    log "the VS Code tests will be skipped"
  fi
fi
log "prerequisites ready after $(($(date +%s) - started)) s"
if $install_only; then exit 0; fi

# --- Build: the bundles, the packaged .vsix, the vscode API suite ----------
log "building dist/, brieflint.vsix and the vscode API suite"
if [ -n "${BRIEFLINT_VSIX:-}" ]; then
  # A given .vsix (a release candidate, say) is tested as it is.
  [ -f "$BRIEFLINT_VSIX" ] || { log "BRIEFLINT_VSIX=$BRIEFLINT_VSIX does not exist"; exit 2; }
  BRIEFLINT_VSIX=$(cd "$(dirname "$BRIEFLINT_VSIX")" && pwd)/$(basename "$BRIEFLINT_VSIX")
  node esbuild.mjs
elif wants vscode || wants ui; then
  # Production bundles into dist/ and the .vsix that users install; vsce gets no terminal to ask on.
  npm run --silent package </dev/null >/dev/null
  BRIEFLINT_VSIX="$ROOT/brieflint.vsix"
else
  node esbuild.mjs
fi
if wants vscode; then node test/vscode/build.mjs; fi
log "prerequisites and build took $(($(date +%s) - started)) s"

# --- Run the tests with node's test runner; its summary closes the output ---
export BRIEFLINT_NODE24="$node24_dir/bin/node"
export BRIEFLINT_CODE_SERVER="$code_server_bin"
export BRIEFLINT_VSIX="${BRIEFLINT_VSIX:-$ROOT/brieflint.vsix}"
files=()
wants nvim && files+=(test/nvim/nvim.e2e.ts)
wants vscode && files+=(test/vscode/runCodeServer.ts)
wants ui && files+=(test/ui/ui.e2e.ts)
# One file at a time: two code-servers and two Chromiums at once are too much for two cores.
exec node --import tsx --test --test-concurrency=1 --test-reporter=spec "${files[@]}"
