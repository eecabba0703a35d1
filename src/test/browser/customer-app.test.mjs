// The proof that Herald's elements drop into a product on another origin: this script serves a small "customer app"
// at http://localhost:<port> (Herald runs at 127.0.0.1: another origin), which loads <herald-bell>, <herald-inbox> and
// <herald-preferences> from Herald, signs in with a token, and registers its own /sw.js that imports Herald's worker.
// Headless Chromium then sees a notification arrive live, marks it read, changes a preference, and a second tab
// follows both. Any error in the page (a refused preflight, a blocked module) fails it.
// Usage: node customer-app.test.mjs <heraldUrl> <appPort> <userToken> <publisherToken> <user> <screenshot.png>
import http from "node:http";
import { chromium } from "playwright-core";

const [heraldUrl, appPort, userToken, publisherToken, user, screenshot] = process.argv.slice(2);
const herald = heraldUrl.replace(/\/$/, "");

const page = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Acme Projects</title>
  <style>
    body { font-family: system-ui, sans-serif; margin: 0; background: #f8fafc; color: #0f172a; }
    header { display: flex; align-items: center; justify-content: space-between; padding: 10px 24px;
      background: #0f766e; color: #fff; }
    main { display: grid; grid-template-columns: 3fr 2fr; gap: 24px; padding: 24px; max-width: 1000px; }
    section { background: #fff; border-radius: 12px; padding: 12px 16px; box-shadow: 0 1px 3px rgb(0 0 0 / .1); }
    /* the app's theme, through the elements' custom properties and parts */
    herald-bell, herald-inbox, herald-preferences { --herald-accent: #0f766e; --herald-radius: 12px;
      --herald-font: 15px system-ui, sans-serif; }
    herald-bell { color: #fff; --herald-text: #0f172a; }
    herald-inbox::part(item-title) { color: #134e4a; }
  </style>
</head>
<body>
  <header><strong>Acme Projects</strong><herald-bell></herald-bell></header>
  <main>
    <section><h2>Activity</h2><herald-inbox></herald-inbox></section>
    <section><h2>Notification settings</h2><herald-preferences></herald-preferences></section>
  </main>
  <script type="module">
    import { configure } from "${herald}/herald-elements.js";
    const token = new URLSearchParams(location.hash.slice(1)).get("token");
    window.herald = configure({ baseUrl: "${herald}", getToken: async () => token });
    window.herald.addEventListener("status", (e) => { document.body.dataset.live = e.detail.state; });
    window.workerReady = navigator.serviceWorker.register("/sw.js").then(() => navigator.serviceWorker.ready)
      .then((registration) => registration.active.scriptURL);
  </script>
</body>
</html>`;

const server = http.createServer((request, response) => {
  if (request.url === "/" || request.url.startsWith("/?")) {
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    response.end(page);
  } else if (request.url === "/sw.js") {
    // the one line an application serves: Herald's worker, imported from Herald
    response.writeHead(200, { "Content-Type": "text/javascript" });
    response.end(`importScripts("${herald}/herald-sw.js");\n`);
  } else {
    response.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(Number(appPort), "localhost", resolve));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
const helpers = () => {
  const root = (tag) => document.querySelector(tag).shadowRoot;
  window.articles = () => [...(root("herald-inbox")?.querySelectorAll("article") ?? [])];
  window.count = () => document.querySelector("herald-bell").dataset.count;
  window.pref = (selector) => root("herald-preferences").querySelector(selector);
};
const until = (tab, predicate, arg) => tab.waitForFunction(predicate, arg, { timeout: 30000 });
const problems = [];
const appUrl = `http://localhost:${appPort}/#token=${encodeURIComponent(userToken)}`;
async function open() {
  const tab = await browser.newPage({ viewport: { width: 1050, height: 720 } });
  tab.on("pageerror", (e) => problems.push("page error: " + e.message));
  tab.on("console", (m) => { if (m.type() === "error") problems.push("console: " + m.text()); });
  tab.on("requestfailed", (r) => problems.push("request failed: " + r.url() + " " + r.failure()?.errorText));
  await tab.addInitScript(helpers);
  await tab.goto(appUrl);
  await until(tab, () => document.body.dataset.live === "live" && window.count() !== undefined);
  return tab;
}

let first;
try {
  first = await open();
  const second = await open();
  const worker = await first.evaluate(() => window.workerReady);
  if (!worker.startsWith(`http://localhost:${appPort}/sw.js`)) throw new Error("service worker: " + worker);

  const title = "Build #" + Math.floor(Math.random() * 1000) + " finished";
  const published = await fetch(herald + "/api/events", {
    method: "POST",
    headers: { Authorization: "Bearer " + publisherToken, "Content-Type": "application/cloudevents+json" },
    body: JSON.stringify({
      specversion: "1.0", id: crypto.randomUUID(), source: "/acme/ci", type: "notification.created", subject: user,
      datacontenttype: "application/json", data: { title, body: "All 214 tests passed." },
    }),
  });
  if (published.status !== 202) throw new Error("publish: " + published.status + " " + (await published.text()));

  // it arrives live in both tabs: the feed and the bell's badge
  for (const tab of [first, second]) {
    await until(tab, (t) => articles().length === 1 && articles()[0].querySelector(".title").textContent === t
      && count() === "1", title);
  }
  await first.click("herald-bell button.bell");
  await until(first, () => !document.querySelector("herald-bell").shadowRoot.querySelector(".panel").hidden);
  await first.screenshot({ path: screenshot });
  await first.keyboard.press("Escape");

  // read in the first tab: the second follows
  await first.click('herald-inbox article button[data-action="read"]');
  for (const tab of [first, second]) {
    await until(tab, () => count() === "0" && articles()[0].classList.contains("read"));
  }

  // a preference changed in the first tab: the second follows
  await first.uncheck('herald-preferences input[data-category="general"][data-channel="push"]');
  await until(first, () => pref(".status").textContent === "Saved.");
  await until(second, () => !pref('input[data-category="general"][data-channel="push"]').checked);
  await second.screenshot({ path: screenshot.replace(/\.png$/, "-second-tab.png") });

  if (problems.length > 0) throw new Error(problems.join("; "));
  console.log("browser test passed: the customer app at localhost:" + appPort + " embeds Herald at " + herald);
} catch (e) {
  if (first) await first.screenshot({ path: screenshot.replace(/\.png$/, "-failure.png") }).catch(() => {});
  console.error("browser test failed: " + e.message + (problems.length ? " (" + problems.join("; ") + ")" : ""));
  process.exitCode = 1;
} finally {
  await browser.close();
  server.close();
}
