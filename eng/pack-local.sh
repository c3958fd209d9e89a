#!/usr/bin/env bash
# Packs every Decisioning package (dotnet pack of the solution) into a local folder feed, for a
# machine where they are not published: the libraries and the `decisioning` tool (Decisioning.Cli).
#
#   bash eng/pack-local.sh [FEED_DIR]        # default: artifacts/feed in the repository
#
# Every run stamps a new version (0.1.0-local.YYYYMMDDHHMMSS). NuGet keeps each package id and
# version it has seen in its global cache (~/.nuget/packages) and never looks at the feed again
# for that version, so re-packing under an old version would silently install the old copy.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
feed=$(mkdir -p "${1:-$root/artifacts/feed}" && cd "${1:-$root/artifacts/feed}" && pwd)
version="${DECISIONING_VERSION:-0.1.0-local.$(date -u +%Y%m%d%H%M%S)}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet pack "$root/Decisioning.sln" -c Release -o "$feed" -p:Version="$version" --nologo -v quiet
for project in "$root"/src/Decisioning*/; do
  id=$(basename "$project")
  test -f "$feed/$id.$version.nupkg" || { echo "error: $id.$version.nupkg was not made" >&2; exit 1; }
done

cat <<DONE
Packed version $version into $feed

In your project:
  dotnet add package Decisioning.Hosting --version $version --source $feed
The command line tool:
  dotnet tool install --global Decisioning.Cli --version $version --add-source $feed
DONE
