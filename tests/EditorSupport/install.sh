#!/usr/bin/env bash
# Installs what the editor-support tests need: Node (Debian's nodejs and npm, when missing) and
# the YAML language server (npm package yaml-language-server, pinned in package.json) into
# tests/EditorSupport/node_modules. The tests speak LSP to it over stdio, as VS Code's YAML
# extension, Neovim or Helix would. 1.25.0 is the newest release that runs on Node 20 (2.x needs
# Node 22.13). Without it the tests skip and print why.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  apt-get update && apt-get install -y --no-install-recommends nodejs npm
fi
if [ ! -x node_modules/.bin/yaml-language-server ] || ! grep -q '"version": "1.25.0"' node_modules/yaml-language-server/package.json; then
  npm install --no-audit --no-fund --no-save --no-package-lock
fi
test -f node_modules/yaml-language-server/bin/yaml-language-server
echo "yaml-language-server $(node -p 'require("./node_modules/yaml-language-server/package.json").version') under node $(node --version)"
