// The proof that Herald's elements drop into a product on another origin: this script serves a small "customer app"
// at http://localhost:<port> (Herald runs at 127.0.0.1: another origin), which loads <herald-bell>, <herald-inbox> and
// <herald-preferences> from Herald, signs in with a token, and registers its own /sw.js that imports Herald's worker.
// Headless Chromium then sees a notification arrive live, marks it read, changes a preference, and a second tab
// follows both. Any error in the page (a refused preflight, a blocked module) fails it.
// The page and the worker are the README's own blocks, so the README's example cannot rot.
// Usage: node customer-app.test.mjs <heraldUrl> <appPort> <userToken> <publisherToken> <user> <screenshot.png>
import { readFileSync } from "node:fs";
import http from "node:http";
import { chromium } from "playwright-core";

const [heraldUrl, appPort, userToken, publisherToken, user, screenshot] = process.argv.slice(2);
const herald = heraldUrl.replace(/\/$/, "");

// the README's page and service worker, verbatim but for Herald's address
const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
const block = (lang) => {
  const found = readme.match(new RegExp("^```" + lang + "\\n([\\s\\S]*?)^```", "m"));
  if (!found) throw new Error("no " + lang + " block in the README");
  return found[1].replaceAll("https://notify.example.com", herald);
};
const page = block("html");
const worker = block("js");

const server = http.createServer((request, response) => {
  if (request.url === "/" || request.url.startsWith("/?")) {
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    response.end(page);
  } else if (request.url === "/session/token") {
    // the application's own session hands the signed-in user's access token to its page
    response.writeHead(200, { "Content-Type": "text/plain", "Cache-Control": "no-store" });
    response.end(userToken);
  } else if (request.url === "/sw.js") {
    // the one line an application serves: Herald's worker, imported from Herald
    response.writeHead(200, { "Content-Type": "text/javascript" });
    response.end(worker);
  } else if (request.url === "/favicon.ico") {
    response.writeHead(204).end();
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
const appUrl = `http://localhost:${appPort}/`;
async function open() {
  const tab = await browser.newPage({ viewport: { width: 1050, height: 720 } });
  tab.on("pageerror", (e) => problems.push("page error: " + e.message));
  // a failed load shows as an answer >= 400 (with its address) and again as a console line (without one)
  tab.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) problems.push("console: " + m.text());
  });
  tab.on("response", (r) => { if (r.status() >= 400) problems.push(r.status() + " " + r.request().method() + " " + r.url()); });
  tab.on("requestfailed", (r) => problems.push("request failed: " + r.url() + " " + r.failure()?.errorText));
  await tab.addInitScript(helpers);
  await tab.goto(appUrl);
  await until(tab, () => document.querySelector("herald-inbox").client?.isLive() && window.count() !== undefined);
  return tab;
}

let first;
try {
  first = await open();
  const second = await open();
  // the app's /sw.js, which imports Herald's worker from Herald's origin, registers and activates
  const active = await first.evaluate(() => navigator.serviceWorker.register("/sw.js")
    .then(() => navigator.serviceWorker.ready).then((registration) => registration.active.scriptURL));
  if (active !== `http://localhost:${appPort}/sw.js`) throw new Error("service worker: " + active);

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
  await first.click('main herald-inbox article button[data-action="read"]');
  for (const tab of [first, second]) {
    await until(tab, () => count() === "0" && articles()[0].classList.contains("read"));
  }

  // a preference changed in the first tab: the second follows
  await first.uncheck('main herald-preferences input[data-category="general"][data-channel="push"]');
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
