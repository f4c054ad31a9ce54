#!/usr/bin/env bash
# Every figure in the README's "Evidence" section, in one run (about 6 minutes on 2 cores). Prints Markdown tables.
# Figures, not tests: run on an idle machine; nothing here asserts.
set -euo pipefail
cd "$(dirname "$0")/.."
out=artifacts/bench
bench="dotnet bench/Seedance.Bench/bin/Release/net10.0/Seedance.Bench.dll"
# mcp-bench.sh builds both servers and the benchmark into $out, prints the machine line and the start-up table.
echo "## MCP start-up, memory, check_task over stdio"
bash bench/mcp-bench.sh
echo; echo "## Polling efficiency (simulated clock)"
$bench polling
echo; echo "## 1,000 tasks awaited at once"
$bench concurrency 1000
echo; echo "## A 500 MB result streamed to disk"
$bench download 500
echo; echo "## check_task over Streamable HTTP (native AOT server)"
$bench http "$out/aot/seedance-mcp" 10
