#!/usr/bin/env bash
# Installs Debian's chromium for the report page's browser test (ReportPageBrowserTests), if missing.
# .ci/run calls this before `dotnet test`; with CI=true that test fails rather than skips without chromium.
set -euo pipefail
command -v chromium || (apt-get update && apt-get install -y chromium)
