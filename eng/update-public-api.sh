#!/usr/bin/env bash
# Adds every public symbol the analyzer reports as undeclared (RS0016) to that project's
# PublicAPI.Unshipped.txt and drops every declared symbol that no longer exists (RS0017). Run after an
# intended change to the public surface, then review the diff.
set -euo pipefail
cd "$(dirname "$0")/.."
for i in 1 2 3; do
  log=$(for project in src/*/*.csproj; do dotnet build "$project" --no-incremental 2>&1 || true; done)
  grep -qE "RS001[67]" <<<"$log" || break
  grep -oE "error RS0017: Symbol '.*' is part of the declared API.*\[[^]]*\]" <<<"$log" \
    | sed -E "s/error RS0017: Symbol '(.*)' is part of the declared API.*\[(.*)\/[^/]*\.csproj\]/\2\t\1/" \
    | sort -u | while IFS=$'\t' read -r dir symbol; do grep -vxF -- "$symbol" "$dir/PublicAPI.Unshipped.txt" > "$dir/PublicAPI.Unshipped.txt.tmp" || true; mv "$dir/PublicAPI.Unshipped.txt.tmp" "$dir/PublicAPI.Unshipped.txt"; done || true
  grep -oE "error RS0016: Symbol '.*' is not part of the declared public API.*\[[^]]*\]" <<<"$log" \
    | sed -E "s/error RS0016: Symbol '(.*)' is not part of the declared public API.*\[(.*)\/[^/]*\.csproj\]/\2\t\1/" \
    | sort -u | while IFS=$'\t' read -r dir symbol; do echo "$symbol" >> "$dir/PublicAPI.Unshipped.txt"; done || true
  for f in src/*/PublicAPI.Unshipped.txt; do { head -1 "$f"; tail -n +2 "$f" | sort -u; } > "$f.tmp" && mv "$f.tmp" "$f"; done
done
