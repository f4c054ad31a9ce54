// End-to-end browser test of the MCP Apps player view, through the real server.
//
// The test is the host: it launches the built server over stdio (sandbox mode) with the official TypeScript SDK
// client, reads the view with resources/read ui://seedance/player.html, and serves THAT text to a sandboxed iframe
// under the CSP a host builds from the content's _meta.ui.csp. The host page plays the host's side of the protocol
// with the official AppBridge from @modelcontextprotocol/ext-apps. The test calls generate_video and check_task on
// the server and feeds the real call arguments and CallToolResults to the view (tool-input, then tool-result); the
// view's own tools/call requests (Check again, Extend this clip) are proxied to the server through the SDK client.
// Headless Chromium (Debian's `chromium`) drives it all.
//
//   node tests/external/player/player-test.mjs dotnet src/Seedance.Mcp/bin/Debug/net10.0/seedance-mcp.dll
//
// (--sandbox is added by the test.) Needs: `npm install` in tests/external, chromium (install-chromium.sh).
// Env: CHROMIUM (binary), PLAYER_SCREENSHOT (where the playing clip is saved, default artifacts/player.png),
// PLAYER_SCREENSHOT_DARK (optional, the same in the dark theme), PLAYER_USER_FOLDERS=1 (save videos in the user's videos
// folder instead of a temporary one: how docs/player.png is taken).
// Checks marked [crafted] feed hand-made results for what the sandbox cannot produce; everything else is real.
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import puppeteer from "puppeteer-core";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { RESOURCE_MIME_TYPE, getToolUiResourceUri, isToolVisibilityModelOnly } from "@modelcontextprotocol/ext-apps/app-bridge";

const [command, ...baseArgs] = process.argv.slice(2);
if (!command) {
  console.error("usage: node tests/external/player/player-test.mjs <server command> [args...]   (--sandbox is added)");
  process.exit(2);
}

const here = dirname(fileURLToPath(import.meta.url));
const screenshotPath = resolve(process.env.PLAYER_SCREENSHOT || "artifacts/player.png");
const VIEW_URI = "ui://seedance/player.html";
const VIEW_TOOLS = ["generate_video", "check_task", "extend_video"];
const SANDBOX_KEY = "sk-sandbox-local"; // the sandbox's default token (SandboxOptions.DefaultApiKey)

let passed = 0;
let failed = 0;
function check(name, ok, detail) {
  if (ok) { passed++; console.log(`ok ${name}`); }
  else { failed++; console.log(`FAIL ${name}${detail === undefined ? "" : ` (${typeof detail === "string" ? detail : JSON.stringify(detail)})`}`); }
}

function findChromium() {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  for (const name of ["chromium", "chromium-browser", "google-chrome"]) {
    try { return execFileSync("which", [name], { encoding: "utf8" }).trim(); } catch { /* try the next */ }
  }
  throw new Error("no chromium found: run tests/external/player/install-chromium.sh");
}

const usd = (n) => new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 4 }).format(n);
const originOf = (url) => { try { return new URL(url).origin; } catch { return null; } };
const until = async (condition, ms, step = 100) => {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((ok) => setTimeout(ok, step))) {
    if (condition()) return true;
  }
  return condition();
};

// ---- state that cleanup needs ----
const root = mkdtempSync(join(tmpdir(), "player-test-"));
let client;
let transport;
let browser;
let httpServer;
let serverLog = "";

async function cleanup() {
  try { await browser?.close(); } catch { /* killed below */ }
  try { browser?.process()?.kill("SIGKILL"); } catch { /* already gone */ }
  try { await client?.close(); } catch { /* killed below */ }
  const pid = transport?.pid;
  if (pid) { try { process.kill(pid, "SIGKILL"); } catch { /* already gone */ } }
  httpServer?.close();
  rmSync(root, { recursive: true, force: true });
}

// A hung browser or server must not hang CI: give up, clean up, count it.
const watchdog = setTimeout(async () => {
  check("test finished within 4 minutes", false);
  await cleanup();
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(1);
}, 240000);

// ---- the page's copy of AppBridge, bundled for the browser ----
const bundle = await esbuild.build({
  entryPoints: [join(here, "host-bridge.mjs")],
  bundle: true, format: "esm", platform: "browser", write: false, logLevel: "warning",
  nodePaths: [join(here, "../node_modules")],
});
const bridgeJs = bundle.outputFiles[0].text;

// The CSP a host builds from the view's _meta.ui.csp (SEP-1865): resourceDomains go to script/style/img/media/font,
// connectDomains to connect-src, frameDomains to frame-src, baseUriDomains to base-uri; nothing else is allowed.
// report-uri lets the test see every violation.
function hostCsp(csp, tag) {
  const list = (a) => (Array.isArray(a) ? a.filter((s) => typeof s === "string" && /^https?:\/\/[^\s;,'"]+$/.test(s)) : []).join(" ");
  const res = list(csp?.resourceDomains);
  return [
    "default-src 'none'",
    `script-src 'self' 'unsafe-inline' ${res}`,
    `style-src 'self' 'unsafe-inline' ${res}`,
    `img-src 'self' data: ${res}`,
    `media-src 'self' data: ${res}`,
    `font-src 'self' ${res}`,
    `connect-src ${list(csp?.connectDomains) || "'none'"}`,
    `frame-src ${list(csp?.frameDomains) || "'none'"}`,
    "object-src 'none'",
    `base-uri ${list(csp?.baseUriDomains) || "'self'"}`,
    `report-uri /csp-report?view=${tag}`,
  ].map((d) => d.trim()).join("; ");
}

async function main() {
  // ---- the real server, over stdio, as the host's MCP client ----
  client = new Client({ name: "player-test-host", version: "1.0.0" },
    { capabilities: { extensions: { "io.modelcontextprotocol/ui": { mimeTypes: [RESOURCE_MIME_TYPE] } } } });
  const env = { ...process.env };
  delete env.SEEDANCE_API_KEY;
  delete env.APIMART_API_KEY;
  transport = new StdioClientTransport({
    command, args: [...baseArgs, "--sandbox"], stderr: "pipe",
    // PLAYER_USER_FOLDERS=1 (for the README's screenshot) saves into the user's own videos folder, as a user would see it.
    env: { ...env, SEEDANCE_JOURNAL: join(root, "journal.db"),
      ...(process.env.PLAYER_USER_FOLDERS === "1" ? {} : { SEEDANCE_OUTPUT_DIR: join(root, "videos") }),
      // The host here declares no elicitation: with a price threshold the clip would wait for a confirm_quote.
      SEEDANCE_CONFIRM_ABOVE_USD: "off",
      Seedance__Sandbox__TaskDuration: "00:00:02" },
  });
  transport.stderr?.on("data", (chunk) => { serverLog = (serverLog + chunk).slice(-6000); });
  await client.connect(transport);

  const { tools } = await client.listTools();
  const toolByName = new Map(tools.map((t) => [t.name, t]));
  for (const name of VIEW_TOOLS) {
    const tool = toolByName.get(name);
    check(`tools/list: ${name} has _meta.ui.resourceUri ${VIEW_URI}`,
      tool?._meta?.ui?.resourceUri === VIEW_URI && getToolUiResourceUri(tool) === VIEW_URI, tool?._meta);
  }
  check("tools/list: the view may call check_task and extend_video (not model-only)",
    ["check_task", "extend_video"].every((n) => toolByName.has(n) && !isToolVisibilityModelOnly(toolByName.get(n))));

  // The host reads the view once it sees a tool pointing at it.
  const read = await client.readResource({ uri: VIEW_URI });
  const content = read.contents.find((c) => c.uri === VIEW_URI);
  check(`resources/read ${VIEW_URI} is ${RESOURCE_MIME_TYPE} with a whole HTML page`,
    content?.mimeType === RESOURCE_MIME_TYPE && typeof content.text === "string" && /^<!doctype html>/i.test(content.text.trimStart()),
    content && { mimeType: content.mimeType, start: String(content.text).slice(0, 30) });
  const viewHtml = content?.text ?? "";
  const viewCspMeta = content?._meta?.ui?.csp;
  const resourceDomains = viewCspMeta?.resourceDomains ?? [];
  check("resources/read: _meta.ui.csp.resourceDomains is a list of origins",
    Array.isArray(resourceDomains) && resourceDomains.length > 0 && resourceDomains.every((d) => /^https?:\/\//.test(d)), content?._meta);
  const listed = (await client.listResources()).resources.find((r) => r.uri === VIEW_URI);
  check("resources/list has the view with the same MIME type", listed?.mimeType === RESOURCE_MIME_TYPE, listed);

  // ---- the test host: host page, bridge, the view from resources/read (and a control copy), CSP reports ----
  const cspReports = [];
  httpServer = createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    if (url.pathname === "/") { res.writeHead(200, { "Content-Type": "text/html" }); res.end(readFileSync(join(here, "host.html"))); }
    else if (url.pathname === "/bridge.js") { res.writeHead(200, { "Content-Type": "text/javascript" }); res.end(bridgeJs); }
    else if (url.pathname === "/view.html") {
      res.writeHead(200, { "Content-Type": "text/html", "Content-Security-Policy": hostCsp(viewCspMeta, "main") });
      res.end(viewHtml);
    } else if (url.pathname === "/view-control.html") {
      // Control: the same view under a CSP without the declared origins, to show the CSP check can fail.
      res.writeHead(200, { "Content-Type": "text/html", "Content-Security-Policy": hostCsp({}, "control") });
      res.end(viewHtml);
    } else if (url.pathname === "/csp-report" && req.method === "POST") {
      let body = "";
      req.on("data", (c) => { body += c; });
      req.on("end", () => {
        let report;
        try { report = JSON.parse(body)["csp-report"]; } catch { report = body; }
        cspReports.push({ view: url.searchParams.get("view"), report });
        res.writeHead(204); res.end();
      });
    } else if (url.pathname === "/favicon.ico") { res.writeHead(204); res.end(); }
    else { res.writeHead(404); res.end(); }
  });
  await new Promise((ok) => httpServer.listen(0, "127.0.0.1", ok));
  const origin = `http://127.0.0.1:${httpServer.address().port}`;

  // ---- the first real call: generate_video ----
  const prompt = "a cat surfing a wave at sunset";
  const generateArgs = { prompt, duration: 5 };
  const generated = await client.callTool({ name: "generate_video", arguments: generateArgs });
  const taskId = generated.structuredContent?.task_id;
  check("generate_video (real) starts a task", !generated.isError && typeof taskId === "string" && taskId.startsWith("task_"),
    generated.structuredContent);

  // The view's tools/call requests, proxied to the server as a host does (refusing what the view may not call).
  const viewCalls = [];
  async function proxyToolCall(params) {
    const tool = toolByName.get(params?.name);
    if (!tool) throw new Error(`The server has no tool '${params?.name}'.`);
    if (isToolVisibilityModelOnly(tool)) throw new Error(`${params.name} is not available to views.`);
    const result = await client.callTool({ name: params.name, arguments: params.arguments ?? {} }, undefined, { timeout: 60000 });
    viewCalls.push({ params, result });
    return result;
  }

  // ---- browser; one page per view instance (a host shows a fresh view for each tool call) ----
  browser = await puppeteer.launch({
    executablePath: findChromium(),
    headless: true,
    args: ["--no-sandbox", "--disable-dev-shm-usage", "--mute-audio", "--disable-gpu"],
  });
  const consoleErrors = [];
  const requested = [];
  let callId = 0;
  async function openView(toolName, { viewPath = "/view.html", control = false } = {}) {
    const page = await browser.newPage();
    await page.setViewport({ width: 720, height: 900, deviceScaleFactor: 2 });
    if (!control) {
      page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
      page.on("pageerror", (e) => consoleErrors.push(String(e)));
    }
    page.on("request", (r) => requested.push(r.url()));
    await page.exposeFunction("mcpCallTool", proxyToolCall);
    await page.evaluateOnNewDocument((config) => { if (window === window.top) window.hostConfig = config; },
      { toolInfo: { id: ++callId, tool: toolByName.get(toolName) }, viewPath });
    await page.goto(`${origin}/`, { waitUntil: "load" });
    await page.waitForFunction(() => window.initialized === true, { timeout: 15000 });
    const frame = page.frames().find((f) => f.url().endsWith(viewPath));
    if (!frame) throw new Error(`the view's frame (${viewPath}) was not found`);
    const text = (sel) => frame.$eval(sel, (n) => n.textContent.trim());
    const visible = (sel) => frame.$eval(sel, (n) => !n.hidden && n.getClientRects().length > 0);
    // The host sizes the iframe from the view's size-changed notifications; wait for it before clicking low down.
    const fitted = async () => {
      const want = await frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
      await page.waitForFunction((h) => document.getElementById("view").clientHeight === h, { timeout: 5000 }, want);
    };
    return { page, frame, text, visible, fitted };
  }

  // ==== view 1: the generate_video call (real input, real queued result), then Check again through the server ====
  {
    const { page, frame, text, visible } = await openView("generate_video");
    const sent = await page.evaluate(() => window.viewMessages);
    const init = sent.find((m) => m.method === "ui/initialize");
    check("view sent ui/initialize with appInfo, appCapabilities and protocolVersion",
      init && init.id !== undefined && init.params.appInfo?.name === "seedance-player" && typeof init.params.appInfo.version === "string"
        && typeof init.params.appCapabilities === "object" && init.params.protocolVersion === "2026-01-26", init);
    check("view sent ui/notifications/initialized after ui/initialize",
      sent.findIndex((m) => m.method === "ui/notifications/initialized") > sent.indexOf(init));
    check("AppBridge accepted the view's appInfo", (await page.evaluate(() => window.host.appVersion()))?.name === "seedance-player");

    await page.evaluate((a) => window.host.toolInput(a), generateArgs);
    await frame.waitForFunction(() => document.getElementById("prompt").textContent.length > 0, { timeout: 5000 });
    check("tool-input (the real generate_video arguments) shows starting… with the prompt",
      /starting/i.test(await text("#status")) && (await text("#prompt")).includes(prompt), await text("#status"));

    await page.evaluate((r) => window.host.toolResult(r), generated);
    await frame.waitForFunction(() => document.getElementById("badge").textContent === "queued", { timeout: 5000 }).catch(() => {});
    check("the real generate_video result shows the task queued",
      (await text("#badge")) === "queued" && /queued/i.test(await text("#status")), await text("#status"));
    const estimate = generated.structuredContent?.estimated_cost_usd;
    check("…with its estimated cost", typeof estimate === "number" && (await text("#cost")) === `≈ ${usd(estimate)}`
      && (await text("#cost-label")) === "Estimated cost", await text("#cost"));
    check("Check again is offered while not done, Extend is not", (await visible("#check-btn")) && !(await visible("#extend-btn")));

    await frame.click("#check-btn");
    await page.waitForFunction(() => window.toolCalls.length >= 1, { timeout: 5000 });
    const checkCall = (await page.evaluate(() => window.toolCalls))[0];
    check("Check again sends tools/call check_task {task_id, wait: 20}",
      checkCall.name === "check_task" && checkCall.arguments.task_id === taskId && checkCall.arguments.wait === 20, checkCall);
    await frame.waitForFunction(() => document.getElementById("badge").textContent === "succeeded", { timeout: 40000 }).catch(() => {});
    const answer = viewCalls.find((c) => c.params.name === "check_task")?.result?.structuredContent;
    const src = await frame.$eval("#video", (v) => v.getAttribute("src"));
    check("the server's answer to Check again (succeeded) is rendered with its video",
      answer?.status === "succeeded" && (await text("#badge")) === "succeeded" && typeof answer.video_url === "string" && src === answer.video_url,
      { answer: answer?.status, src });
    await page.close();
  }

  // ---- the second real call: check_task with wait 30 (the finished task) ----
  const checkArgs = { task_id: taskId, wait: 30 };
  const checked = await client.callTool({ name: "check_task", arguments: checkArgs }, undefined, { timeout: 60000 });
  const done = checked.structuredContent ?? {};
  check("check_task (real, wait 30) returns the finished task with its link and saved file",
    done.status === "succeeded" && /^http:\/\/127\.0\.0\.1:\d+\//.test(done.video_url ?? "") && typeof done.local_video_path === "string"
      && existsSync(done.local_video_path), done);
  const sandboxOrigin = originOf(done.video_url);
  check("the view's CSP resourceDomains include the sandbox origin of video_url and last_frame_url",
    resourceDomains.includes(sandboxOrigin) && resourceDomains.includes(originOf(done.last_frame_url)), { resourceDomains, sandboxOrigin });

  // ==== view 2: the check_task call (real input, real finished result): the player ====
  {
    const { page, frame, text, visible, fitted } = await openView("check_task");
    await page.evaluate((a) => window.host.toolInput(a), checkArgs);
    await frame.waitForFunction(() => document.getElementById("status").textContent.length > 0, { timeout: 5000 });
    check("tool-input (the real check_task arguments) shows Checking task…", (await text("#status")) === `Checking task ${taskId}…`,
      await text("#status"));

    await page.evaluate((r) => window.host.toolResult(r), checked);
    await frame.waitForFunction(() => !document.getElementById("stage").hidden, { timeout: 5000 });
    const video = await frame.$eval("#video", (v) => ({ src: v.getAttribute("src"), poster: v.getAttribute("poster"), controls: v.controls }));
    check("the real result plays the sandbox's video_url in a <video controls>", video.src === done.video_url && video.controls, video);
    check("the last frame is the poster", video.poster === done.last_frame_url, video.poster);
    let ready = false;
    try {
      await frame.waitForFunction(() => document.getElementById("video").readyState >= 2, { timeout: 15000 });
      ready = true;
    } catch { /* reported below */ }
    const media = await frame.$eval("#video", (v) => ({ readyState: v.readyState, error: v.error && v.error.message, duration: v.duration }));
    check("the video loads data from the sandbox under the view's CSP (readyState >= 2)",
      ready && requested.some((u) => u.startsWith(done.video_url)), media);
    check("cost shows the real cost_usd", typeof done.cost_usd === "number" && (await text("#cost")) === usd(done.cost_usd)
      && (await text("#cost-label")) === "Cost", await text("#cost"));
    check("the saved path is shown", (await text("#path")) === done.local_video_path, await text("#path"));
    check("the link expiry is shown", /^expires .+\(in .+\)$/.test(await text("#expiry")), await text("#expiry"));
    check("the status badge says succeeded", (await text("#badge")) === "succeeded");
    check("Extend is offered when succeeded with a last frame, Check again is not",
      (await visible("#extend-btn")) && !(await visible("#check-btn")));
    const sizes = await page.evaluate(() => window.sizes);
    check("the view reports its size (ui/notifications/size-changed)", sizes.length > 0 && sizes.at(-1) > 300, sizes);

    // Screenshot of the playing clip, once buffered (no spinner over the frame), the poster loaded, the frame fitted.
    const buffered = await frame.waitForFunction(() => {
      const v = document.getElementById("video");
      return v.readyState >= 4 && v.networkState === HTMLMediaElement.NETWORK_IDLE;
    }, { timeout: 10000 }).then(() => true, () => false);
    if (buffered) await new Promise((ok) => setTimeout(ok, 1500)); // Chromium fades its loading spinner out
    await frame.waitForFunction(() => {
      const img = new Image();
      img.src = document.getElementById("video").poster;
      return img.complete;
    }, { timeout: 5000 }).catch(() => {});
    // Play it (muted, which autoplay rules allow), see the time run, and pause mid-clip for the screenshot.
    const played = await frame.evaluate(async () => {
      const v = document.getElementById("video");
      v.muted = true;
      try { await v.play(); } catch (e) { return { error: String(e) }; }
      const start = performance.now();
      while (v.currentTime < 1 && !v.ended && performance.now() - start < 8000) await new Promise((ok) => setTimeout(ok, 25));
      v.pause();
      v.muted = false;
      return { currentTime: v.currentTime, ended: v.ended, duration: v.duration };
    });
    check("the clip plays (its time runs)", played.currentTime >= 1 && !played.ended, played);
    await new Promise((ok) => setTimeout(ok, 300)); // the paused frame and the controls settle
    await fitted();
    mkdirSync(dirname(screenshotPath), { recursive: true });
    const shell = await page.$("#shell");
    await shell.screenshot({ path: screenshotPath });
    check(`screenshot saved to ${screenshotPath}`, statSync(screenshotPath).size > 10000);

    // Extend this clip: inline field, tools/call extend_video proxied to the server, the new task id shown.
    const nextPrompt = "the cat rides the wave onto the beach";
    await frame.click("#extend-btn");
    check("Extend opens an inline prompt field", await visible("#extend-prompt"));
    await frame.type("#extend-prompt", nextPrompt);
    await fitted();
    await frame.click("#extend-submit");
    await page.waitForFunction(() => window.toolCalls.some((c) => c.name === "extend_video"), { timeout: 5000 });
    const extendCall = (await page.evaluate(() => window.toolCalls)).find((c) => c.name === "extend_video");
    check("the host received tools/call extend_video {task_id, prompt}",
      extendCall.arguments.task_id === taskId && extendCall.arguments.prompt === nextPrompt
        && Object.keys(extendCall.arguments).length === 2, extendCall);
    await until(() => viewCalls.some((c) => c.params.name === "extend_video"), 30000);
    const extended = viewCalls.find((c) => c.params.name === "extend_video")?.result;
    const newId = extended?.structuredContent?.task_id;
    check("the server accepted the extension as a new task", !extended?.isError && typeof newId === "string" && newId !== taskId,
      extended?.structuredContent);
    await frame.waitForFunction((id) => document.getElementById("notice").textContent.includes(id), { timeout: 5000 }, String(newId))
      .catch(() => {});
    check("the new task id from the server's answer is shown", !!newId && (await text("#notice")).includes(newId), await text("#notice"));
    await page.waitForFunction((id) => JSON.stringify(window.modelContext || {}).includes(id), { timeout: 5000 }, String(newId))
      .catch(() => {});
    const ctx = await page.evaluate(() => window.modelContext);
    check("the model is told of the new task (ui/update-model-context)", !!newId && JSON.stringify(ctx || {}).includes(newId), ctx);

    // At the server: the extension is a real task that continues the clip.
    const list = (await client.callTool({ name: "list_tasks", arguments: { limit: 10 } })).structuredContent;
    check("list_tasks at the server shows 2 tasks, the new one among them",
      list?.count === 2 && JSON.stringify(list).includes(String(newId)), list);
    const child = (await client.callTool({ name: "check_task", arguments: { task_id: newId, wait: 30 } }, undefined, { timeout: 60000 }))
      .structuredContent;
    check("check_task on the new task: it succeeds and continues the first",
      child?.status === "succeeded" && child.parent_task_id === taskId, child);

    // Theme from the host context.
    await page.evaluate(() => window.host.contextChanged({ theme: "dark" }));
    await frame.waitForFunction(() => document.documentElement.dataset.theme === "dark", { timeout: 5000 }).catch(() => {});
    const bg = await frame.$eval(".card", (n) => getComputedStyle(n).backgroundColor);
    check("host-context-changed to dark darkens the view", bg === "rgb(23, 24, 27)", bg);
    if (process.env.PLAYER_SCREENSHOT_DARK) await shell.screenshot({ path: resolve(process.env.PLAYER_SCREENSHOT_DARK) });
    await page.evaluate(() => window.host.contextChanged({ theme: "light" }));

    // A real failed task (the sandbox's 'fail' fault on the next submit), fed as a later result.
    const fault = await fetch(`${sandboxOrigin}/_sandbox/faults`, { method: "POST", body: "submit/fail",
      headers: { Authorization: `Bearer ${SANDBOX_KEY}`, "Content-Type": "text/plain" } });
    check("the sandbox accepted the 'fail' fault", fault.ok, fault.status);
    const doomed = await client.callTool({ name: "generate_video", arguments: { prompt: "a storm over the harbour", duration: 4 } });
    const doomedId = doomed.structuredContent?.task_id;
    const failedResult = await client.callTool({ name: "check_task", arguments: { task_id: doomedId, wait: 30 } }, undefined, { timeout: 60000 });
    const failedReport = failedResult.structuredContent ?? {};
    const failure = typeof failedReport.error === "object" && failedReport.error ? failedReport.error : {};
    check("check_task (real) reports the failed task with the provider's reason",
      failedReport.status === "failed" && typeof failure.message === "string", failedReport);
    await page.evaluate((r) => window.host.toolResult(r), failedResult);
    await frame.waitForFunction(() => !document.getElementById("error").hidden, { timeout: 5000 }).catch(() => {});
    check("a failed task shows the provider's error",
      (await text("#error-text")) === failure.message && (await text("#error-title")).includes(String(failure.code)),
      { title: await text("#error-title"), text: await text("#error-text") });
    check("a failed task hides the player and the Extend button", !(await visible("#stage")) && !(await visible("#extend-btn")));

    // A real error result: an invalid generate_video call.
    const invalid = await client.callTool({ name: "generate_video", arguments: { prompt: "a cat surfing", duration: 40 } });
    const problem = invalid.structuredContent ?? {};
    check("generate_video with duration 40 (real) is an invalid_arguments error",
      invalid.isError === true && problem.kind === "invalid_arguments" && Array.isArray(problem.violations) && problem.violations.length > 0,
      problem);
    await page.evaluate((r) => window.host.toolResult(r), invalid);
    await frame.waitForFunction((t) => document.getElementById("error-text").textContent === t, { timeout: 5000 }, String(problem.error))
      .catch(() => {});
    check("an isError result shows the error text", (await text("#error-text")) === problem.error, await text("#error-text"));
    const wantViolations = (problem.violations ?? []).map((v) => `${v.parameter}: ${v.problem}`);
    const shownViolations = await frame.$$eval("#violations li", (lis) => lis.map((li) => li.textContent));
    check("an isError result lists the violations", JSON.stringify(shownViolations) === JSON.stringify(wantViolations),
      { shownViolations, wantViolations });
    check("an isError result shows the next step", (await text("#hint")) === problem.next_step, await text("#hint"));
    await fitted();
    const shrunk = await page.evaluate(() => ({ sizes: window.sizes, now: document.getElementById("view").clientHeight }));
    check("the frame shrinks again when the content does", shrunk.now < Math.max(...shrunk.sizes), shrunk);

    // ---- [crafted] what the sandbox does not produce on demand ----
    const report = (fields) => ({ content: [{ type: "text", text: JSON.stringify(fields) }], structuredContent: fields });
    // A task caught mid-render with its progress.
    await page.evaluate((r) => window.host.toolResult(r), report({ task_id: "task_crafted_running", status: "running", done: false,
      progress: 40, prompt, estimated_cost_usd: 0.98, next_step: "Call check_task with this task_id." }));
    await frame.waitForFunction(() => document.getElementById("bar").getAttribute("aria-valuenow") === "40", { timeout: 5000 }).catch(() => {});
    const bar = await frame.$eval("#bar-fill", (n) => n.style.width);
    check("[crafted] a running result shows a 40% progress bar", bar === "40%" && /40%/.test(await text("#status")), bar);
    // A long video being stopped: its shots, its sequence id, and Check again on that id.
    await page.evaluate((r) => window.host.toolResult(r), report({ sequence_id: "seq_crafted0123456789ab", status: "stopping", done: false,
      progress: 30, shot_count: 3, shots_done: 1, shots: [
        { shot: 1, status: "succeeded", prompt: "a kite rises", duration: 5, task_id: "task_s1" },
        { shot: 2, status: "running", prompt: "the kite loops", duration: 5, task_id: "task_s2" },
        { shot: 3, status: "skipped", prompt: "the kite lands", duration: 5 }],
      next_step: "Stopping: no further shot is sent." }));
    await frame.waitForFunction(() => document.getElementById("badge").textContent === "stopping", { timeout: 5000 }).catch(() => {});
    const film = await frame.evaluate(() => ({
      shots: [...document.querySelectorAll("#shots li")].map((li) => li.textContent),
      check: !document.getElementById("check-btn").hidden, task: document.getElementById("task").textContent,
      status: document.getElementById("status").textContent,
    }));
    check("[crafted] a film being stopped lists its shots (the skipped one too), its sequence id, and offers Check again",
      film.shots.length === 3 && film.shots[2].includes("skipped") && film.check && film.task === "seq_crafted0123456789ab"
        && /Stopping/.test(film.status), film);
    // Hostile fields: HTML in text, javascript: and data: links.
    await page.evaluate((r) => window.host.toolResult(r), report({ task_id: "task_x", status: "succeeded", done: true,
      prompt: "<img src=x onerror=\"window.pwned=1\">", video_url: "javascript:window.pwned=1",
      last_frame_url: "data:image/png;base64,AAAA", next_step: "-" }));
    await frame.waitForFunction(() => document.getElementById("subtitle").textContent.startsWith("<img"), { timeout: 5000 }).catch(() => {});
    const inert = await frame.evaluate(() => ({
      pwned: window.pwned, imgs: document.querySelectorAll("img").length,
      stage: document.getElementById("stage").hidden, sub: document.getElementById("subtitle").textContent,
    }));
    check("[crafted] HTML in fields is shown as text and a javascript: video link is refused",
      inert.pwned === undefined && inert.imgs === 0 && inert.stage && inert.sub.startsWith("<img"), inert);

    const torn = await page.evaluate(() => window.host.teardown().then(() => true, (e) => String(e)));
    check("ui/resource-teardown is answered", torn === true, torn);
    await page.close();
  }

  // ==== control: the same view and result under a CSP without the declared origins ====
  {
    const { page, frame } = await openView("check_task", { viewPath: "/view-control.html", control: true });
    await page.evaluate((a) => window.host.toolInput(a), checkArgs);
    await page.evaluate((r) => window.host.toolResult(r), checked);
    const reported = await until(() => cspReports.some((r) => r.view === "control"
      && String(r.report?.["blocked-uri"] ?? "").startsWith(sandboxOrigin)), 10000);
    const state = await frame.$eval("#video", (v) => ({ readyState: v.readyState, error: v.error && v.error.code }));
    check("control: without the sandbox origin in the CSP the video is blocked and the violation is seen",
      reported && state.readyState < 2, { reports: cspReports.filter((r) => r.view === "control").length, state });
    await page.close();
  }

  // ---- over the whole run ----
  const violations = cspReports.filter((r) => r.view === "main");
  check("no CSP violation in the view under the CSP from its _meta.ui.csp", violations.length === 0, violations);
  const allowedOrigins = new Set([origin, sandboxOrigin]);
  const outside = requested.filter((u) => !u.startsWith("data:") && !allowedOrigins.has(originOf(u)));
  check("the pages load nothing but the test host and the sandbox's media", outside.length === 0, outside);
  const relevant = [...new Set(consoleErrors.filter((e) => !/favicon/.test(e)))];
  check("no console errors", relevant.length === 0, relevant.slice(0, 5));
}

try {
  await main();
} catch (e) {
  check("test ran to the end", false, String(e && e.stack || e));
} finally {
  clearTimeout(watchdog);
  if (failed > 0 && serverLog) console.log(`# server stderr (tail):\n${serverLog.split("\n").map((l) => `#   ${l}`).join("\n")}`);
  await cleanup();
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
