// Browser test of the MCP Apps player view (src/Seedance.Mcp/Apps/player.html).
//
// A loopback server hosts a test page that embeds the view in a sandboxed iframe, under the CSP a host
// builds from the resource's `_meta.ui.csp`, and plays the host's side of the protocol with the official
// AppBridge from @modelcontextprotocol/ext-apps. Headless Chromium (Debian's `chromium`) drives it.
//
//   node tests/external/player/player-test.mjs
//
// Needs: `npm install` in tests/external, chromium and ffmpeg (install-chromium.sh). Env: CHROMIUM (binary),
// PLAYER_SCREENSHOT (where the succeeded state is saved, default artifacts/player.png).
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, statSync, createReadStream } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import puppeteer from "puppeteer-core";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../../..");
const playerPath = join(repo, "src/Seedance.Mcp/Apps/player.html");
const screenshotPath = resolve(process.env.PLAYER_SCREENSHOT || "artifacts/player.png");

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

// ---- media made at test time: a 2 s clip and its last frame ----
const work = mkdtempSync(join(tmpdir(), "player-test-"));
const clip = join(work, "clip.mp4");
const lastFrame = join(work, "last.png");
const ffmpeg = (args) => execFileSync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", ...args]);
const encode = (source) => ffmpeg(["-f", "lavfi", "-i", source, "-t", "2", "-pix_fmt", "yuv420p", "-movflags", "+faststart", clip]);
try {
  // A calm sunset gradient reads better in the README screenshot than test bars.
  encode("gradients=s=640x360:rate=25:c0=0x1b1f4b:c1=0xff7a59:c2=0xffc66d:c3=0x6a4c93:nb_colors=4:speed=0.02:type=linear");
} catch {
  encode("testsrc=size=640x360:rate=25"); // ffmpeg builds without the gradients source
}
ffmpeg(["-sseof", "-0.1", "-i", clip, "-frames:v", "1", "-update", "1", lastFrame]);

// ---- the host page's copy of AppBridge, bundled for the browser ----
const bundle = await esbuild.build({
  entryPoints: [join(here, "host-bridge.mjs")],
  bundle: true, format: "esm", platform: "browser", write: false, logLevel: "warning",
  nodePaths: [join(here, "../node_modules")],
});
const bridgeJs = bundle.outputFiles[0].text;

// ---- loopback server ----
let origin = "";
const served = [];
function sendFile(req, res, file, type) {
  const size = statSync(file).size;
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range || "");
  if (range) {
    const start = range[1] ? Number(range[1]) : size - Number(range[2]);
    const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
    res.writeHead(206, { "Content-Type": type, "Accept-Ranges": "bytes", "Content-Length": end - start + 1,
      "Content-Range": `bytes ${start}-${end}/${size}` });
    createReadStream(file, { start, end }).pipe(res);
  } else {
    res.writeHead(200, { "Content-Type": type, "Accept-Ranges": "bytes", "Content-Length": size });
    createReadStream(file).pipe(res);
  }
}
// The CSP a host builds from the resource metadata the C# server declares:
// _meta.ui.csp = { resourceDomains: [<where videos and frames are served>] }, nothing else.
const viewCsp = () => [
  "default-src 'none'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  `img-src 'self' data: ${origin}`,
  `media-src 'self' data: ${origin}`,
  "font-src 'self'",
  "connect-src 'none'",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'self'",
].join("; ");

const server = createServer((req, res) => {
  const path = new URL(req.url, "http://x").pathname;
  served.push(path);
  if (path === "/") { res.writeHead(200, { "Content-Type": "text/html" }); res.end(readFileSync(join(here, "host.html"))); }
  else if (path === "/bridge.js") { res.writeHead(200, { "Content-Type": "text/javascript" }); res.end(bridgeJs); }
  else if (path === "/player.html") {
    res.writeHead(200, { "Content-Type": "text/html", "Content-Security-Policy": viewCsp() });
    res.end(readFileSync(playerPath));
  }
  else if (path === "/media/clip.mp4") sendFile(req, res, clip, "video/mp4");
  else if (path === "/media/last.png") sendFile(req, res, lastFrame, "image/png");
  else if (path === "/favicon.ico") { res.writeHead(204); res.end(); }
  else { res.writeHead(404); res.end(); }
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
origin = `http://127.0.0.1:${server.address().port}`;

// ---- fixtures: what the Seedance tools return ----
const taskId = "task_01JTESTPLAYER";
const prompt = "a cat surfing a wave at sunset";
const report = (fields) => ({
  content: [{ type: "text", text: JSON.stringify(fields) }],
  structuredContent: fields,
});
const running = report({ task_id: taskId, status: "running", done: false, progress: 40, model: "doubao-seedance-2.0",
  prompt, estimated_cost_usd: 0.98, next_step: "Call check_task with this task_id." });
const succeeded = report({ task_id: taskId, status: "succeeded", done: true, progress: 100, model: "doubao-seedance-2.0",
  prompt, video_url: `${origin}/media/clip.mp4`, video_expires_at: new Date(Date.now() + 3 * 86400e3).toISOString(),
  last_frame_url: `${origin}/media/last.png`, local_video_path: "/home/u/Videos/Seedance/task_01JTESTPLAYER.mp4",
  cost_usd: 0.98, estimated_cost_usd: 0.98, next_step: "Show the user the video.",
  sequence: { future: true }, shots_hint: 3 });
const invalid = {
  isError: true,
  content: [{ type: "text", text: "duration must be between 4 and 15" }],
  structuredContent: { kind: "invalid_arguments", error: "The request has 1 problem.",
    violations: [{ parameter: "duration", given: "40", allowed: "4–15", problem: "duration must be between 4 and 15 seconds" }],
    next_step: "Fix duration and call again." },
};
const failedTask = report({ task_id: "task_01FAILED", status: "failed", done: true, prompt,
  error: { code: "content_policy", message: "The prompt was refused by the safety filter." }, next_step: "Change the prompt." });
const extendReply = report({ task_id: "task_02EXTENDED", status: "queued", done: false, next_step: "Call check_task." });

// ---- browser ----
const browser = await puppeteer.launch({
  executablePath: findChromium(),
  headless: true,
  args: ["--no-sandbox", "--disable-dev-shm-usage", "--mute-audio", "--disable-gpu"],
});
const consoleErrors = [];
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 720, height: 900, deviceScaleFactor: 2 });
  page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
  page.on("pageerror", (e) => consoleErrors.push(String(e)));

  await page.goto(`${origin}/`, { waitUntil: "load" });
  await page.waitForFunction(() => window.initialized === true, { timeout: 15000 });
  const frame = page.frames().find((f) => f.url().endsWith("/player.html"));
  if (!frame) throw new Error("the view's frame was not found");
  const text = (sel) => frame.$eval(sel, (n) => n.textContent.trim());
  // The host sizes the iframe from the view's size-changed notifications; wait for it before clicking low down.
  const fitted = async () => {
    const want = await frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
    await page.waitForFunction((h) => document.getElementById("view").clientHeight === h, { timeout: 5000 }, want);
  };
  const visible = (sel) => frame.$eval(sel, (n) => !n.hidden && n.getClientRects().length > 0);

  // Handshake.
  const sent = await page.evaluate(() => window.viewMessages);
  const init = sent.find((m) => m.method === "ui/initialize");
  check("view sent ui/initialize with appInfo, appCapabilities and protocolVersion",
    init && init.id !== undefined && init.params.appInfo?.name === "seedance-player" && typeof init.params.appInfo.version === "string"
      && typeof init.params.appCapabilities === "object" && init.params.protocolVersion === "2026-01-26", init);
  const initIdx = sent.indexOf(init);
  check("view sent ui/notifications/initialized after ui/initialize",
    sent.findIndex((m) => m.method === "ui/notifications/initialized") > initIdx);
  check("AppBridge accepted the view's appInfo", (await page.evaluate(() => window.host.appVersion()))?.name === "seedance-player");

  // Tool input: "starting" with the prompt.
  await page.evaluate((p) => window.host.toolInput({ prompt: p, duration: 5 }), prompt);
  await frame.waitForFunction(() => document.getElementById("prompt").textContent.length > 0, { timeout: 5000 });
  check("tool-input shows starting… with the prompt",
    /starting/i.test(await text("#status")) && (await text("#prompt")).includes(prompt), await text("#status"));

  // Running, 40 %.
  await page.evaluate((r) => window.host.toolResult(r), running);
  await frame.waitForFunction(() => document.getElementById("bar").getAttribute("aria-valuenow") === "40", { timeout: 5000 });
  const bar = await frame.$eval("#bar-fill", (n) => n.style.width);
  check("running result shows a 40% progress bar", bar === "40%" && /40%/.test(await text("#status")), bar);
  check("running result shows the estimated cost", (await text("#cost")) === "≈ $0.98" && (await text("#cost-label")) === "Estimated cost");
  check("Check again is offered while not done, Extend is not",
    (await visible("#check-btn")) && !(await visible("#extend-btn")));

  // Check again -> check_task through the host; its answer (succeeded) is rendered.
  await page.evaluate((r) => { window.toolReplies.check_task = r; }, succeeded);
  await frame.click("#check-btn");
  await page.waitForFunction(() => window.toolCalls.length >= 1, { timeout: 5000 });
  const checkCall = (await page.evaluate(() => window.toolCalls))[0];
  check("Check again sends tools/call check_task {task_id, wait: 20}",
    checkCall.name === "check_task" && checkCall.arguments.task_id === taskId && checkCall.arguments.wait === 20, checkCall);

  // Succeeded (fed as a tool result too, as a host does for a finished call).
  await page.evaluate((r) => window.host.toolResult(r), succeeded);
  await frame.waitForFunction(() => !document.getElementById("stage").hidden, { timeout: 5000 });
  const video = await frame.$eval("#video", (v) => ({ src: v.getAttribute("src"), poster: v.getAttribute("poster"), controls: v.controls }));
  check("succeeded result plays video_url in a <video controls>",
    video.src === `${origin}/media/clip.mp4` && video.controls, video);
  check("the last frame is the poster", video.poster === `${origin}/media/last.png`, video.poster);
  let ready = false;
  try {
    await frame.waitForFunction(() => document.getElementById("video").readyState >= 2, { timeout: 15000 });
    ready = true;
  } catch { /* reported below */ }
  const media = await frame.$eval("#video", (v) => ({ readyState: v.readyState, error: v.error && v.error.message, duration: v.duration }));
  check("the video loads data (readyState >= 2)", ready, media);
  check("cost shows cost_usd as USD", (await text("#cost")) === "$0.98" && (await text("#cost-label")) === "Cost", await text("#cost"));
  check("the saved path is shown", (await text("#path")) === "/home/u/Videos/Seedance/task_01JTESTPLAYER.mp4");
  check("the link expiry is shown", /^expires .*\(in 3 days\)$/.test(await text("#expiry")), await text("#expiry"));
  check("the status badge says succeeded", (await text("#badge")) === "succeeded");
  check("Extend is offered when succeeded with a last frame, Check again is not",
    (await visible("#extend-btn")) && !(await visible("#check-btn")));
  const sizes = await page.evaluate(() => window.sizes);
  check("the view reports its size (ui/notifications/size-changed)", sizes.length > 0 && sizes.at(-1) > 300, sizes);

  // Screenshot of the succeeded state, once the player has buffered (no spinner over the frame).
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
  await fitted();
  mkdirSync(dirname(screenshotPath), { recursive: true });
  const shell = await page.$("#shell");
  await shell.screenshot({ path: screenshotPath });
  check(`screenshot saved to ${screenshotPath}`, statSync(screenshotPath).size > 10000);

  // Extend this clip: inline field, tools/call extend_video, the new task id shown.
  await page.evaluate((r) => { window.toolReplies.extend_video = r; }, extendReply);
  await frame.click("#extend-btn");
  check("Extend opens an inline prompt field", await visible("#extend-prompt"));
  await frame.type("#extend-prompt", "the cat rides the wave onto the beach");
  await fitted();
  await frame.click("#extend-submit");
  await page.waitForFunction(() => window.toolCalls.some((c) => c.name === "extend_video"), { timeout: 5000 });
  const extendCall = (await page.evaluate(() => window.toolCalls)).find((c) => c.name === "extend_video");
  check("the host received tools/call extend_video {task_id, prompt}",
    extendCall.arguments.task_id === taskId && extendCall.arguments.prompt === "the cat rides the wave onto the beach"
      && Object.keys(extendCall.arguments).length === 2, extendCall);
  await frame.waitForFunction(() => document.getElementById("notice").textContent.includes("task_02EXTENDED"), { timeout: 5000 })
    .catch(() => {});
  check("the new task id from the answer is shown", (await text("#notice")).includes("task_02EXTENDED"), await text("#notice"));
  const ctx = await page.evaluate(() => window.modelContext);
  check("the model is told of the new task (ui/update-model-context)",
    JSON.stringify(ctx || {}).includes("task_02EXTENDED"), ctx);

  // Theme from the host context.
  await page.evaluate(() => window.host.contextChanged({ theme: "dark" }));
  await frame.waitForFunction(() => document.documentElement.dataset.theme === "dark", { timeout: 5000 }).catch(() => {});
  const bg = await frame.$eval(".card", (n) => getComputedStyle(n).backgroundColor);
  check("host-context-changed to dark darkens the view", bg === "rgb(23, 24, 27)", bg);
  if (process.env.PLAYER_SCREENSHOT_DARK) await shell.screenshot({ path: resolve(process.env.PLAYER_SCREENSHOT_DARK) });
  await page.evaluate(() => window.host.contextChanged({ theme: "light" }));

  // A failed task: the provider's reason.
  await page.evaluate((r) => window.host.toolResult(r), failedTask);
  await frame.waitForFunction(() => !document.getElementById("error").hidden, { timeout: 5000 });
  check("a failed task shows the provider's error",
    (await text("#error-text")) === "The prompt was refused by the safety filter." && (await text("#error-title")).includes("content_policy"));
  check("a failed task hides the player and the Extend button",
    !(await visible("#stage")) && !(await visible("#extend-btn")));

  // An error result (isError, invalid_arguments).
  await page.evaluate((r) => window.host.toolResult(r), invalid);
  await frame.waitForFunction(() => document.getElementById("error-text").textContent.includes("1 problem"), { timeout: 5000 });
  check("an isError result shows the error text", (await text("#error-text")) === "The request has 1 problem.");
  check("an isError result lists the violations",
    (await text("#violations")) === "duration: duration must be between 4 and 15 seconds", await text("#violations"));
  check("an isError result shows the next step", (await text("#hint")) === "Fix duration and call again.");
  await fitted();
  const shrunk = await page.evaluate(() => ({ sizes: window.sizes, now: document.getElementById("view").clientHeight }));
  check("the frame shrinks again when the content does", shrunk.now < Math.max(...shrunk.sizes), shrunk);

  // Untrusted text and links stay inert.
  const hostile = report({ task_id: "task_x", status: "succeeded", done: true, prompt: "<img src=x onerror=\"window.pwned=1\">",
    video_url: "javascript:window.pwned=1", last_frame_url: "data:image/png;base64,AAAA", next_step: "-" });
  await page.evaluate((r) => window.host.toolResult(r), hostile);
  await frame.waitForFunction(() => document.getElementById("badge").textContent === "succeeded", { timeout: 5000 });
  const inert = await frame.evaluate(() => ({
    pwned: window.pwned, imgs: document.querySelectorAll("img").length,
    stage: document.getElementById("stage").hidden, sub: document.getElementById("subtitle").textContent,
  }));
  check("HTML in fields is shown as text and non-http links are not loaded",
    inert.pwned === undefined && inert.imgs === 0 && inert.stage && inert.sub.startsWith("<img"), inert);

  // Teardown request is answered.
  const torn = await page.evaluate(() => window.host.teardown().then(() => true, (e) => String(e)));
  check("ui/resource-teardown is answered", torn === true, torn);

  check("the view loads nothing from outside the test server",
    served.every((p) => ["/", "/bridge.js", "/player.html", "/media/clip.mp4", "/media/last.png", "/favicon.ico"].includes(p)), served);
  const relevant = consoleErrors.filter((e) => !/favicon/.test(e));
  check("no console errors or CSP violations", relevant.length === 0, relevant);
} catch (e) {
  check("test ran to the end", false, String(e && e.stack || e));
} finally {
  await browser.close();
  server.close();
  rmSync(work, { recursive: true, force: true });
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
