#!/usr/bin/env bash
# Installs the packages as a user would: packs Decisioning, Decisioning.NRules and the
# `decisioning` tool (Decisioning.Cli) into a local folder feed; then, in a temporary folder
# outside the repository, tests a project that installs the two libraries from that feed, calls
# AddDecisioning and decides; and installs the tool with `dotnet tool install --add-source` and
# runs `decisioning validate`. Prints "N passed, N failed" last; exits non-zero on any failure.
#
#   bash tests/PackageConsumer/run.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
# A version of its own, so that no package cached by an earlier run is taken instead.
version="0.1.0-local.$(date +%s)"
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
cleanup() {
  rm -rf "$work"
  for id in decisioning decisioning.hosting decisioning.nrules decisioning.rulesengine decisioning.cli; do rm -rf "$packages/$id/$version"; done
}
trap cleanup EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

feed="$work/feed"
for project in src/Decisioning src/Decisioning.Hosting src/Decisioning.NRules src/Decisioning.RulesEngine src/Decisioning.Cli; do
  dotnet pack "$root/$project" -c Release -o "$feed" -p:Version="$version" --nologo -v quiet
done
for id in Decisioning Decisioning.Hosting Decisioning.NRules Decisioning.RulesEngine Decisioning.Cli; do
  test -f "$feed/$id.$version.nupkg" || { echo "error: $id.$version.nupkg was not made"; exit 1; }
done
# The library package must carry what a consumer reads on nuget.org.
contents=$(unzip -l "$feed/Decisioning.$version.nupkg")
grep -q ' README.md$' <<<"$contents" || { echo "error: no README.md in the package"; exit 1; }
grep -q ' README.md$' <<<"$(unzip -l "$feed/Decisioning.RulesEngine.$version.nupkg")" || { echo "error: no README.md in Decisioning.RulesEngine"; exit 1; }
grep -q 'lib/net10.0/Decisioning.xml$' <<<"$contents" || { echo "error: no XML docs in the package"; exit 1; }
grep -q '<repository type="git"' <<<"$(unzip -p "$feed/Decisioning.$version.nupkg" Decisioning.nuspec)" \
  || { echo "error: no repository (Source Link) metadata in the package"; exit 1; }

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
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | grep -Eo '[0-9]+' | awk '{s+=$1} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | grep -Eo '[0-9]+' | awk '{s+=$1} END {print s+0}')
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi   # a build failure is a failure

cd "$work"
if dotnet tool install Decisioning.Cli --tool-path "$work/tools" --add-source "$feed" --version "$version" \
   && "$work/tools/decisioning" validate "$consumer/spec-example/map.yaml" \
   && ! "$work/tools/decisioning" validate "$consumer/spec-example/customer-C001.json" >/dev/null; then
  passed=$((passed + 1)); echo "tool: installed from the feed; validate exits 0 on a valid map and 1 on an invalid one"
else
  failed=$((failed + 1)); echo "tool: FAILED"
fi

echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
