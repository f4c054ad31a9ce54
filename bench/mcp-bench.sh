#!/usr/bin/env bash
# Builds the MCP server twice (native AOT and JIT), then prints start-up time, memory, tools/list size and check_task
# cost for both, beside a Node video MCP server from npm (start-up, memory and size only) when npm can install it.
# Figures, not a test: run it on an idle machine.
# Usage: bash bench/mcp-bench.sh [--runs=N] [--calls=N] ["label=other server command" ...]
#   e.g. a previous release, built from its commit: "previous (749ac32)=/tmp/prev-aot/seedance-mcp"
set -euo pipefail
cd "$(dirname "$0")/.."
out=artifacts/bench
dotnet publish src/Seedance.Mcp -c Release -r linux-x64 -p:PublishAot=true -o "$out/aot" --nologo -v quiet
dotnet publish src/Seedance.Mcp -c Release -o "$out/jit" --nologo -v quiet
dotnet build bench/Seedance.Bench -c Release --nologo -v quiet

# The peer: a Node MCP server for video generation (Seedance among its models) that lists its tools without a real key.
peer_package=@evolinkai/evolink-media@1.2.1
peer_main="$out/node-peer/node_modules/@evolinkai/evolink-media/dist/evolink-media/src/index.js"
peer=()
if [ ! -f "$peer_main" ] && command -v npm >/dev/null; then
  mkdir -p "$out/node-peer"
  (cd "$out/node-peer" && echo '{"private":true}' > package.json && npm install --no-audit --no-fund --silent "$peer_package" >/dev/null 2>&1) || true
fi
if [ -f "$peer_main" ] && command -v node >/dev/null; then
  peer=("--peer=Node peer ($peer_package)=env EVOLINK_API_KEY=bench-placeholder node $peer_main")
else
  echo "Node peer: $peer_package could not be installed (no npm or no registry); only this server is measured." >&2
fi

# The check_task figures need a task: the bench client declares no elicitation, so the price question is turned off here.
export SEEDANCE_CONFIRM_ABOVE_USD=off
echo "machine: $(nproc) cores, $(grep MemTotal /proc/meminfo | awk '{printf "%.0f GiB", $2/1048576}'), $(dotnet --version)"
dotnet bench/Seedance.Bench/bin/Release/net10.0/Seedance.Bench.dll startup \
  "native AOT=$out/aot/seedance-mcp" \
  "JIT=dotnet $out/jit/seedance-mcp.dll" \
  "$@" "${peer[@]}"
