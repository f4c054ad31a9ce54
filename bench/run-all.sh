#!/usr/bin/env bash
# Every figure in the README's "Evidence" section, in one run (about 6 minutes on 2 cores). Prints Markdown tables.
# Figures, not tests: run on an idle machine; nothing here asserts.
set -euo pipefail
cd "$(dirname "$0")/.."
out=artifacts/bench
dotnet publish src/Seedance.Mcp -c Release -r linux-x64 -p:PublishAot=true -o "$out/aot" --nologo -v quiet
dotnet publish src/Seedance.Mcp -c Release -o "$out/jit" --nologo -v quiet
dotnet build bench/Seedance.Bench -c Release --nologo -v quiet
bench="dotnet bench/Seedance.Bench/bin/Release/net10.0/Seedance.Bench.dll"
echo "machine: $(nproc) cores, $(grep MemTotal /proc/meminfo | awk '{printf "%.0f GiB", $2/1048576}'), .NET SDK $(dotnet --version)"
echo; echo "## MCP start-up, memory, check_task over stdio"
$bench startup "native AOT=$out/aot/seedance-mcp" "JIT=dotnet $out/jit/seedance-mcp.dll"
echo; echo "## Polling efficiency (simulated clock)"
$bench polling
echo; echo "## 1,000 tasks awaited at once"
$bench concurrency 1000
echo; echo "## A 500 MB result streamed to disk"
$bench download 500
echo; echo "## check_task over Streamable HTTP (native AOT server)"
$bench http "$out/aot/seedance-mcp" 10
