#!/usr/bin/env bash
# Installs Debian's chromium and a CJK font for the browser tests (report page, strategy board),
# if missing. Without a CJK font Chinese labels render as boxes in the screenshots; the pages name
# WenQuanYi Micro Hei in their font fallback chain, so this small font is enough.
# .ci/run calls this before `dotnet test`; with CI=true the browser tests fail rather than skip without chromium.
set -euo pipefail
missing=()
command -v chromium >/dev/null || missing+=(chromium)
fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-wqy-microhei)
if [ "${#missing[@]}" -gt 0 ]; then
  apt-get update && apt-get install -y --no-install-recommends "${missing[@]}"
fi
command -v chromium
