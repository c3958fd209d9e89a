#!/usr/bin/env bash
# Installs the packages as a user would: packs the whole solution (`dotnet pack Decisioning.sln`)
# into a local folder feed and checks every package a host, an analyst or a tool user adds is there
# with what its package page shows (README, description, tags, license, repository) and a symbols
# package; then, in a temporary folder outside the repository, tests a project that installs the
# library packages from that feed and uses each (core, hosting, NRules, RulesEngine, the history
# stores, the testing kit, batch, diff, the board); and installs the `decisioning` tool with
# `dotnet tool install --add-source` and runs `decisioning validate`. Prints "N passed, N failed"
# last; exits non-zero on any failure.
#
#   bash tests/PackageConsumer/run.sh                              # builds what it packs
#   PACKAGE_CONSUMER_NO_BUILD=1 bash tests/PackageConsumer/run.sh  # after a Release build (CI)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
# A version of its own, so that no package cached by an earlier run is taken instead.
version="0.1.0-local.$(date +%s)"
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
ids=(Decisioning Decisioning.Hosting Decisioning.Batch Decisioning.Diffing Decisioning.NRules Decisioning.RulesEngine
     Decisioning.History.Sqlite Decisioning.History.Postgres Decisioning.Testing Decisioning.Reporting Decisioning.Board
     Decisioning.Cli)
cleanup() {
  rm -rf "$work"
  for id in "${ids[@]}"; do rm -rf "$packages/${id,,}/$version"; done
}
trap cleanup EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

feed="$work/feed"
# PackageVersion, not Version: the package is stamped, the assemblies already built are kept.
pack=(dotnet pack "$root/Decisioning.sln" -c Release -o "$feed" -p:PackageVersion="$version" --nologo -v quiet)
if [ "${PACKAGE_CONSUMER_NO_BUILD:-}" = 1 ]; then pack+=(--no-build); fi
"${pack[@]}"

passed=0
failed=0
check() {   # check NAME COMMAND...: one counted check
  if "${@:2}"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $1"; fi
}
package_complete() {   # what nuget.org shows for a package, and its symbols
  local id=$1 nupkg="$feed/$1.$version.nupkg" nuspec
  [ -f "$nupkg" ] || { echo "$id: no package"; return 1; }
  [ -f "$feed/$id.$version.snupkg" ] || { echo "$id: no symbols package"; return 1; }
  grep -q ' README.md$' <<<"$(unzip -l "$nupkg")" || { echo "$id: no README.md"; return 1; }
  nuspec=$(unzip -p "$nupkg" "$id.nuspec")
  for element in '<readme>README.md</readme>' '<description>' '<tags>' '<license type="expression">MIT</license>' '<repository type="git"'; do
    grep -q "$element" <<<"$nuspec" || { echo "$id: no $element in its nuspec"; return 1; }
  done
  if [ "$id" != Decisioning.Cli ]; then
    grep -q "lib/net10.0/$id.xml$" <<<"$(unzip -l "$nupkg")" || { echo "$id: no XML docs"; return 1; }
  fi
}
for id in "${ids[@]}"; do check "package $id" package_complete "$id"; done
echo "packages: ${ids[*]}"

cat > "$work/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
CONFIG

consumer="$work/consumer"
cp -r "$root/tests/PackageConsumer/Consumer" "$consumer"
cp -r "$root/tests/Decisioning.Tests/Maps/spec-example" "$consumer/spec-example"
log="$work/test.log"
set +e
dotnet test "$consumer" -p:DecisioningVersion="$version" --nologo > "$log" 2>&1
rc=$?
set -e
cat "$log"
tests_passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | grep -Eo '[0-9]+' | awk '{s+=$1} END {print s+0}')
tests_failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | grep -Eo '[0-9]+' | awk '{s+=$1} END {print s+0}')
if [ "$rc" -ne 0 ] && [ "$tests_failed" -eq 0 ]; then tests_failed=1; fi   # a build failure is a failure
passed=$((passed + tests_passed))
failed=$((failed + tests_failed))

cd "$work"
tool() {
  dotnet tool install Decisioning.Cli --tool-path "$work/tools" --add-source "$feed" --version "$version" \
    && "$work/tools/decisioning" validate "$consumer/spec-example/map.yaml" \
    && ! "$work/tools/decisioning" validate "$consumer/spec-example/customer-C001.json" >/dev/null
}
check "tool: installed from the feed; validate exits 0 on a valid map and 1 on an invalid one" tool

echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
