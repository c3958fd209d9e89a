#!/usr/bin/env bash
# The history tests start a throwaway PostgreSQL cluster (initdb + pg_ctl, Support/PostgresServer.cs):
# they need Debian's server binaries. Without them those tests are skipped with the reason.
set -euo pipefail
if ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends postgresql >/dev/null
