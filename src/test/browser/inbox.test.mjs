// Headless Chromium opens the demo page as a user, publishes an event, sees the badge and the item arrive live,
// marks it read, and saves a screenshot. Usage: node inbox.test.mjs <baseUrl> <screenshot.png>
import { chromium } from "playwright-core";

const [baseUrl, screenshot] = process.argv.slice(2);
const user = "browser-" + Math.random().toString(36).slice(2, 8);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
const until = (predicate, arg) => page.waitForFunction(predicate, arg, { timeout: 30000 });
let page;
try {
  page = await browser.newPage({ viewport: { width: 900, height: 640 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(baseUrl);
  await page.fill("#user", user);
  await page.click('button:has-text("Sign in")');
  await until(() => document.getElementById("live").textContent === "live");

  // three likes of the same post gather into one notification, updated in place
  for (let i = 0; i < 3; i++) {
    await page.click('#samples button:has-text("post.liked")');
    await until((n) => document.querySelectorAll("#items li").length === 1
      && (n === 1 || document.querySelector("#items li .meta").textContent.includes("×" + n)), i + 1);
  }
  await until(() => document.getElementById("badge").textContent === "1"
    && document.querySelectorAll("#items li").length === 1);
  const title = await page.textContent("#items li .title");
  if (!/liked your post$/.test(title)) throw new Error("unexpected item: " + title);

  await page.click('#items li button:has-text("Mark read")');
  await until(() => document.getElementById("badge").textContent === "0"
    && document.querySelector("#items li.read") !== null);

  // event data is shown as text, never as markup
  await page.click('#samples button:has-text("notification.created")');
  await until(() => document.querySelectorAll("#items li").length === 2);
  const first = await page.textContent("#items li .title");
  if (!first.startsWith("<img src=x")) throw new Error("markup was not shown as text: " + first);
  if (await page.$("#items img")) throw new Error("event data became an element");
  await page.screenshot({ path: screenshot });
  if (errors.length > 0) throw new Error("errors in the page: " + errors.join("; "));
  console.log("browser test passed as " + user);
} catch (e) {
  if (page) await page.screenshot({ path: screenshot.replace(/\.png$/, "-failure.png") }).catch(() => {});
  console.error("browser test failed: " + e.message);
  process.exitCode = 1;
} finally {
  await browser.close();
}
