// An external, real MCP client (the official TypeScript SDK) against the built server, over stdio and over
// Streamable HTTP, on the sandbox: generate -> check (with progress) -> extend -> list, plus a bad call.
// Usage: node mcp-client.mjs <server command> [args...]
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [command, ...baseArgs] = process.argv.slice(2);
if (!command) {
  console.error("usage: node mcp-client.mjs <server command> [args...]");
  process.exit(2);
}

let passed = 0;
let failed = 0;
function check(name, condition, detail = "") {
  if (condition) {
    passed++;
    console.log(`ok   ${name}`);
  } else {
    failed++;
    console.log(`FAIL ${name} ${detail}`);
  }
}

function environment(root) {
  const env = { ...process.env };
  delete env.SEEDANCE_API_KEY;
  delete env.APIMART_API_KEY;
  return {
    ...env,
    SEEDANCE_JOURNAL: join(root, "journal.db"),
    SEEDANCE_OUTPUT_DIR: join(root, "videos"),
    Seedance__Sandbox__TaskDuration: "00:00:02",
  };
}

async function flow(client, label) {
  const { tools } = await client.listTools();
  check(`${label}: the tools`, tools.map((t) => t.name).join(",") === "generate_video,check_task,extend_video,list_tasks,get_balance,generate_long_video,stop_long_video",
    tools.map((t) => t.name).join(","));
  check(`${label}: output schemas`, tools.every((t) => t.outputSchema?.type === "object"));
  check(`${label}: annotations`, tools[0].annotations?.readOnlyHint === false && tools[1].annotations?.readOnlyHint === true);

  const bad = await client.callTool({ name: "generate_video", arguments: { prompt: "x", size: "16x9", duration: 30 } });
  const badText = bad.content.map((c) => c.text).join(" ");
  check(`${label}: bad call is an error naming size and duration`, bad.isError === true && badText.includes("size") && badText.includes("duration"), badText);

  const generated = await client.callTool({ name: "generate_video", arguments: { prompt: "a cat surfing at sunset", size: "9:16", generate_audio: true } });
  const id = generated.structuredContent?.task_id;
  check(`${label}: generate_video returns a task id`, typeof id === "string" && id.startsWith("task_"), JSON.stringify(generated));

  const progress = [];
  const checked = await client.callTool({ name: "check_task", arguments: { task_id: id, wait: 30 } }, undefined, {
    onprogress: (p) => progress.push(p),
    timeout: 60000,
  });
  check(`${label}: check_task waits until succeeded`, checked.structuredContent?.status === "succeeded", JSON.stringify(checked.structuredContent));
  const video = checked.structuredContent?.local_video_path;
  check(`${label}: the video is on disk`, typeof video === "string" && existsSync(video), video);
  check(`${label}: progress notifications arrived`, progress.length >= 1 && progress.every((p) => p.total === 100), JSON.stringify(progress));

  const extended = await client.callTool({ name: "extend_video", arguments: { task_id: id, prompt: "the cat rides the wave to the shore", wait: 30 } },
    undefined, { timeout: 60000 });
  check(`${label}: extend_video continues the clip`, extended.structuredContent?.status === "succeeded" && extended.structuredContent?.parent_task_id === id,
    JSON.stringify(extended.structuredContent));

  const listed = await client.callTool({ name: "list_tasks", arguments: { limit: 5 } });
  check(`${label}: list_tasks shows both`, listed.structuredContent?.count === 2, JSON.stringify(listed.structuredContent));
}

async function overStdio() {
  const root = mkdtempSync(join(tmpdir(), "seedance-ext-stdio-"));
  const client = new Client({ name: "external-stdio", version: "1.0.0" });
  const transport = new StdioClientTransport({ command, args: [...baseArgs, "--sandbox"], env: environment(root), stderr: "pipe" });
  await client.connect(transport);
  try {
    await flow(client, "stdio");
  } finally {
    await client.close();
    rmSync(root, { recursive: true, force: true });
  }
}

async function overHttp() {
  const root = mkdtempSync(join(tmpdir(), "seedance-ext-http-"));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const server = spawn(command, [...baseArgs, "--http", "--port", String(port), "--sandbox"], { env: environment(root), stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${log}`)), 30000);
    server.stderr.on("data", (chunk) => {
      log += chunk;
      if (log.includes("Streamable HTTP at")) {
        clearTimeout(timer);
        resolve();
      }
    });
    server.on("exit", (code) => reject(new Error(`server exited with ${code}: ${log}`)));
  });
  const client = new Client({ name: "external-http", version: "1.0.0" });
  try {
    await client.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`)));
    await flow(client, "http");
    await client.close();
  } finally {
    server.kill();
    rmSync(root, { recursive: true, force: true });
  }
}

try {
  await overStdio();
  await overHttp();
} catch (error) {
  failed++;
  console.log(`FAIL unexpected error: ${error?.stack ?? error}`);
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
