// Headless Chromium walks through the operations console at /admin/ (dev tokens on): the flow refreshes, a user's
// story explains a notification, a dead letter is replayed, the analytics charts are drawn, and the replay is in the
// audit trail. Screenshots of each section go to the given directory.
// Usage: node console.test.mjs <baseUrl> <screenshotDir> <storyUser> <deadLetterDeliveryId>
import path from "node:path";
import fs from "node:fs";
import { chromium } from "playwright-core";

const [baseUrl, screenshotDir, storyUser, deadLetterId] = process.argv.slice(2);
if (!baseUrl || !screenshotDir || !storyUser || !deadLetterId) {
  console.error("usage: node console.test.mjs <baseUrl> <screenshotDir> <storyUser> <deadLetterDeliveryId>");
  process.exit(2);
}
const consoleUrl = new URL("admin/", baseUrl.endsWith("/") ? baseUrl : baseUrl + "/").toString();
const shot = (name) => path.join(screenshotDir, name);
fs.mkdirSync(screenshotDir, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
const errors = [];
let page;
let step = "start";

/** Waits for a condition in the page; fails at once when the page has thrown meanwhile, naming what was awaited. */
async function until(what, predicate, arg, timeout = 30000) {
  try {
    await page.waitForFunction(predicate, arg, { timeout });
  } catch (e) {
    noPageErrors();
    throw new Error("waited " + timeout / 1000 + " s for " + what + await shownProblems());
  }
  noPageErrors();
}

/** Clicks (a search, a refresh) until the condition holds: the server may need a moment to have the data. */
async function retrying(what, click, predicate, arg, timeout = 30000) {
  const end = Date.now() + timeout;
  for (;;) {
    await page.click(click);
    try {
      await page.waitForFunction(predicate, arg, { timeout: Math.max(1, Math.min(3000, end - Date.now())) });
      noPageErrors();
      return;
    } catch (e) {
      noPageErrors();
      if (Date.now() >= end) {
        throw new Error("waited " + timeout / 1000 + " s (clicking " + click + ") for " + what + await shownProblems());
      }
    }
  }
}

function noPageErrors() {
  if (errors.length > 0) throw new Error("errors in the page: " + errors.join("; "));
}

/** What the page shows as wrong, for the failure message: its problem boxes and the operation message. */
async function shownProblems() {
  const shown = await page.evaluate(() => [...document.querySelectorAll(".problem:not([hidden]), #ops-message.error")]
    .filter((e) => e.offsetParent !== null && e.textContent.trim())
    .map((e) => e.textContent.trim())).catch(() => []);
  return shown.length > 0 ? "; the page shows: " + shown.join(" | ") : "";
}

/** A CSS string literal: "..." with quotes, backslashes and line breaks escaped. */
function cssString(text) {
  return '"' + text.replace(/["\\]/g, "\\$&").replace(/\n/g, "\\a ") + '"';
}

/** A screenshot of the whole page, from its top (a click may have scrolled it; the tab bar is sticky). */
async function screenshot(name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: shot(name), fullPage: true });
}

async function openTab(name) {
  step = name;
  await page.click("#tab-" + name);
  await until("the " + name + " section", (id) => !document.getElementById(id).hidden, name);
}

try {
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("dialog", (d) => {
    errors.push("unexpected dialog: " + d.message());
    d.dismiss().catch(() => {});
  });

  // flow: signed in through dev tokens, the numbers appear, then change at the next refresh
  step = "flow";
  await page.goto(consoleUrl);
  await until("a dev-mode sign-in and the first flow numbers", () => !document.getElementById("dev-note").hidden
    && /^(paused|running)$/.test(document.getElementById("flow-paused").textContent)
    && /^\d[\d,]*$/.test(document.getElementById("flow-parked").textContent)
    && /^\d[\d,]*$/.test(document.getElementById("flow-dead").textContent)
    && document.getElementById("flow-updated").textContent.startsWith("updated "));
  const firstUpdate = await page.textContent("#flow-updated");
  await until("the flow to refresh", (first) => document.getElementById("flow-updated").textContent !== first,
    firstUpdate, 15000);
  if (await page.isVisible("#flow-error")) throw new Error("flow error: " + await page.textContent("#flow-error"));
  await screenshot("flow.png");

  // a user's story: at least one notification, explained
  await openTab("story");
  await page.fill("#story-query", storyUser);
  await retrying("a story item of " + storyUser + " with an explanation", "#story-user-button",
    () => [...document.querySelectorAll("#story-items .story-item .explanation")].some((e) => e.textContent.trim()));
  if (await page.$("#story-items img, #story-items script")) throw new Error("story data became markup");
  await screenshot("story.png");

  // dead letters: the IT's dead letter is listed; replaying it says so
  await openTab("letters");
  await retrying("the dead letter " + deadLetterId, "#dead-search",
    (id) => [...document.querySelectorAll("#dead-list tr.row")].some((r) => r.dataset.id === id), deadLetterId);
  await page.click(`#dead-list tr.row[data-id=${cssString(deadLetterId)}] button.replay`);
  await until("the message \"replayed 1\"", () => {
    const message = document.getElementById("ops-message");
    return /\breplayed 1\b/.test(message.textContent) && !message.classList.contains("error");
  });
  await until("the replayed dead letter to leave the open ones", (id) => ![...document.querySelectorAll(
    "#dead-list tr.row")].some((r) => r.dataset.id === id && !r.classList.contains("resolved")), deadLetterId);
  await screenshot("dead-letters.png");

  // analytics: both charts drawn in SVG (lines of the series, bars of the channels)
  await openTab("analytics");
  await until("both analytics charts", () => document.querySelectorAll("#analytics-chart svg path.series").length > 0
    && document.querySelectorAll("#channels-chart svg rect.bar").length > 0);
  if (await page.isVisible("#analytics-error")) {
    throw new Error("analytics error: " + await page.textContent("#analytics-error"));
  }
  await screenshot("analytics.png");

  // types: a type's email as it would go, in the layout with the brand, shown in a sandboxed frame
  await openTab("types");
  await until("the event types", () => [...document.querySelectorAll("#preview-type option")]
    .some((o) => o.value === "message.received"));
  await page.selectOption("#preview-type", "message.received");
  await page.selectOption("#preview-channel", "email");
  await page.selectOption("#preview-locale", "en");
  await page.click("#preview-show");
  await until("the email preview", () => {
    const frame = document.getElementById("preview-frame");
    return frame && frame.getAttribute("sandbox") === "" && frame.srcdoc.includes("Read and reply")
      && document.getElementById("preview-result").textContent.includes("Ana sent you a message");
  });
  await screenshot("preview.png");

  // audit: the replay above is in the trail
  await openTab("audit");
  await retrying("an audit entry dead-letters.replay", "#audit-refresh",
    () => [...document.querySelectorAll("#audit-table tbody tr .action")]
      .some((cell) => cell.textContent.trim() === "dead-letters.replay"));
  await screenshot("audit.png");

  noPageErrors();
  console.log("browser test passed: console at " + consoleUrl);
} catch (e) {
  if (page) await page.screenshot({ path: shot("console-failure.png"), fullPage: true }).catch(() => {});
  console.error("browser test failed at " + step + ": " + e.message);
  process.exitCode = 1;
} finally {
  await browser.close();
}
