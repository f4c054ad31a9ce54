#!/usr/bin/env bash
# Builds the MCP server twice (native AOT and JIT), then prints start-up time, memory and check_task cost for both.
# Figures, not a test: run it on an idle machine.  Usage: bash bench/mcp-bench.sh [--runs=N] [--calls=N]
set -euo pipefail
cd "$(dirname "$0")/.."
out=artifacts/bench
dotnet publish src/Seedance.Mcp -c Release -r linux-x64 -p:PublishAot=true -o "$out/aot" --nologo -v quiet
dotnet publish src/Seedance.Mcp -c Release -o "$out/jit" --nologo -v quiet
dotnet build bench/Seedance.Bench -c Release --nologo -v quiet
echo "machine: $(nproc) cores, $(grep MemTotal /proc/meminfo | awk '{printf "%.0f GiB", $2/1048576}'), $(dotnet --version)"
dotnet bench/Seedance.Bench/bin/Release/net10.0/Seedance.Bench.dll startup "$@" \
  "native AOT=$out/aot/seedance-mcp" \
  "JIT=dotnet $out/jit/seedance-mcp.dll"
