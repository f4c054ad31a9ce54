// An external, real MCP client (the official TypeScript SDK) against the built server, over stdio and over
// Streamable HTTP, on the sandbox: generate -> check (with progress) -> extend -> list, plus a bad call.
// Over HTTP it also answers the price question as a user would, against a provider stand-in that counts the
// generation requests: a "no" sends none, a "yes" sends one.
// Usage: node mcp-client.mjs <server command> [args...]
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ElicitRequestSchema } from "@modelcontextprotocol/sdk/types.js";

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
    // This client declares no elicitation, so with a price threshold every paid call would answer confirmation_required
    // (proved by the confirmation scenarios); the plain flow runs with the question turned off.
    SEEDANCE_CONFIRM_ABOVE_USD: "off",
  };
}

async function flow(client, label) {
  const { tools } = await client.listTools();
  check(`${label}: the tools`, tools.map((t) => t.name).join(",") === "generate_video,check_task,extend_video,list_tasks,get_balance,generate_long_video,stop_long_video,list_models",
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

async function startHttpServer(args, env) {
  // Port 0: the system picks a free port and the server names it on stderr ("Streamable HTTP at http://127.0.0.1:N/mcp"),
  // so no other process can take the port between choosing and binding it.
  const server = spawn(command, [...baseArgs, "--http", "--port", "0", ...args], { env, stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${log}`)), 30000);
    server.stderr.on("data", (chunk) => {
      log += chunk;
      const listening = /Streamable HTTP at http:\/\/[^\s,]*:(\d+)\/mcp/.exec(log);
      if (listening) {
        clearTimeout(timer);
        resolve(Number(listening[1]));
      }
    });
    server.on("exit", (code) => reject(new Error(`server exited with ${code}: ${log}`)));
  });
  return { server, port };
}

async function overHttp() {
  const root = mkdtempSync(join(tmpdir(), "seedance-ext-http-"));
  const { server, port } = await startHttpServer(["--sandbox"], environment(root));
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

// A provider stand-in on loopback that counts generation requests and answers them as the provider does.
async function startProvider() {
  const counts = { posts: 0 };
  const provider = createServer((request, response) => {
    response.setHeader("content-type", "application/json");
    if (request.method === "POST" && request.url.startsWith("/v1/videos/generations")) {
      counts.posts++;
      request.resume();
      response.end(JSON.stringify({ code: 200, data: [{ status: "submitted", task_id: `task_ext${counts.posts}` }] }));
    } else if (request.method === "GET" && request.url.startsWith("/v1/tasks/")) {
      response.end(JSON.stringify({ code: 200, data: { id: request.url.split("/")[3].split("?")[0], status: "processing", progress: 10 } }));
    } else {
      response.statusCode = 404;
      response.end(JSON.stringify({ error: { code: 404, message: "not found", type: "not_found_error" } }));
    }
  });
  await new Promise((resolve) => provider.listen(0, "127.0.0.1", resolve));
  return { provider, counts, url: `http://127.0.0.1:${provider.address().port}` };
}

async function confirmOverHttp() {
  const root = mkdtempSync(join(tmpdir(), "seedance-ext-confirm-"));
  const { provider, counts, url } = await startProvider();
  const env = { ...environment(root), SEEDANCE_BASE_URL: url, SEEDANCE_API_KEY: "sk-external-confirm-test", SEEDANCE_CONFIRM_ABOVE_USD: "0.50" };
  const { server, port } = await startHttpServer([], env);
  const asked = [];
  let answer = { action: "decline" };
  const client = new Client({ name: "external-http-confirm", version: "1.0.0" }, { capabilities: { elicitation: { form: {} } } });
  client.setRequestHandler(ElicitRequestSchema, async (request) => {
    asked.push(request.params);
    return answer;
  });
  try {
    await client.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`)));
    const declined = await client.callTool({ name: "generate_video", arguments: { prompt: "a cat", duration: 10 } });
    check("http confirm: the client is asked the price", asked.length === 1 && asked[0].message.includes("$1.95"), JSON.stringify(asked));
    check("http confirm: a no is an error that says so", declined.isError === true && declined.structuredContent?.kind === "declined",
      JSON.stringify(declined.structuredContent));
    check("http confirm: a no sends nothing to the provider", counts.posts === 0, `posts: ${counts.posts}`);

    answer = { action: "accept", content: { confirm: true } };
    const approved = await client.callTool({ name: "generate_video", arguments: { prompt: "a cat", duration: 10 } });
    check("http confirm: a yes starts the one task", approved.isError !== true && approved.structuredContent?.task_id === "task_ext1",
      JSON.stringify(approved.structuredContent));
    check("http confirm: a yes sends one request", counts.posts === 1, `posts: ${counts.posts}`);
    await client.close();
  } finally {
    server.kill();
    provider.close();
    rmSync(root, { recursive: true, force: true });
  }
}

try {
  await overStdio();
  await overHttp();
  await confirmOverHttp();
} catch (error) {
  failed++;
  console.log(`FAIL unexpected error: ${error?.stack ?? error}`);
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
