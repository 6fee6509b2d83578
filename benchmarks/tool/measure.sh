#!/bin/bash
# Install-to-first-PNG of the dcgan tool (docs/performance.md): three times, each into a fresh tool path from an empty
# NuGet cache, dotnet tool install from the folder feed alone, then dcgan generate --count 16.
# usage: benchmarks/tool/measure.sh FEED VERSION
set -euo pipefail
feed=$(cd "$1" && pwd); version=$2
for i in 1 2 3; do
  w=$(mktemp -d); cd $w
  printf '<?xml version="1.0" encoding="utf-8"?>\n<configuration><packageSources><clear /><add key="local" value="%s" /></packageSources></configuration>\n' "$feed" > nuget.config
  export NUGET_PACKAGES=$w/cache
  s=$(date +%s.%N); dotnet tool install Dcgan.Cli --version $version --tool-path $w/tools --configfile nuget.config > /dev/null; m=$(date +%s.%N)
  $w/tools/dcgan generate --count 16 --output $w/out > /dev/null; e=$(date +%s.%N)
  echo "run $i: install $(echo "$m-$s"|bc) s, generate $(echo "$e-$m"|bc) s, total $(echo "$e-$s"|bc) s; tool path $(du -sm $w/tools | cut -f1) MB"
  cd /; rm -rf $w
done
