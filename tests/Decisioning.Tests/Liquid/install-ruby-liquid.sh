#!/usr/bin/env bash
# Installs Shopify's own Liquid (Debian's ruby and ruby-liquid) for the differential tests in
# tests/Decisioning.Tests/Liquid. Without it those tests are skipped with their reason.
set -euo pipefail
if command -v ruby >/dev/null && ruby -e 'require "liquid"' 2>/dev/null; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends ruby ruby-liquid >/dev/null
ruby -e 'require "liquid"; puts "ruby-liquid #{Liquid::VERSION}"'
