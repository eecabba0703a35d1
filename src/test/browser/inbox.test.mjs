// Headless Chromium opens the demo page as a user, publishes an event, sees the badge and the item arrive live,
// marks it read, and saves a screenshot (and others beside it). Usage: node inbox.test.mjs <baseUrl> <screenshot.png>
import path from "node:path";
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

  // archive: gone from the inbox, found under Archived, back with Unarchive
  const archivedTitle = await page.textContent("#items li .title");
  await page.click('#items li:first-child button:has-text("Archive")');
  await until(() => document.querySelectorAll("#items li").length === 1);
  await page.click('#views button:has-text("Archived")');
  await until((t) => document.querySelectorAll("#items li").length === 1
    && document.querySelector("#items li .title").textContent === t, archivedTitle);
  await page.click('#items li button:has-text("Unarchive")');
  await until(() => document.querySelectorAll("#items li").length === 0);
  await page.click('#views button:has-text("Inbox")');
  await until(() => document.querySelectorAll("#items li").length === 2);

  // snooze: hidden from the inbox, listed under Snoozed with its time
  await page.click('#items li:first-child button:has-text("Snooze 1h")');
  await until(() => document.querySelectorAll("#items li").length === 1);
  await page.click('#views button:has-text("Snoozed")');
  await until(() => document.querySelectorAll("#items li").length === 1
    && document.querySelector("#items li .meta").textContent.includes("snoozed until"));
  await page.click('#views button:has-text("Inbox")');
  await until(() => document.querySelectorAll("#items li").length === 1);

  // preferences: a second tab of the same user sees a change made in the first
  const tab2 = await browser.newPage({ viewport: { width: 900, height: 900 } });
  tab2.on("pageerror", (e) => errors.push(e.message));
  await tab2.goto(baseUrl);
  await tab2.fill("#user", user);
  await tab2.click('button:has-text("Sign in")');
  await tab2.waitForFunction(() => document.getElementById("live").textContent === "live", null, { timeout: 30000 });
  await page.click("#prefs-toggle");
  await page.check("#muted");
  await until(() => document.getElementById("prefs-status").textContent === "Saved.");
  await tab2.waitForFunction(() => document.getElementById("muted").checked, null, { timeout: 30000 });
  await page.uncheck('#categories input[aria-label="social push"]');
  await until(() => document.getElementById("prefs-status").textContent === "Saved.");
  await tab2.waitForFunction(() => !document.querySelector('#categories input[aria-label="social push"]').checked,
    null, { timeout: 30000 });

  // muted: the notification arrives in the list and the badge, but no toast
  await page.evaluate(() => { document.getElementById("toast").hidden = true; });
  await page.click('#samples button:has-text("mission.completed")');
  await until(() => document.querySelectorAll("#items li").length === 2);
  await page.waitForTimeout(500);
  if (await page.isVisible("#toast")) throw new Error("a muted notification raised a toast");
  await page.uncheck("#muted");
  await until(() => document.getElementById("prefs-status").textContent === "Saved."
    && !document.getElementById("muted").checked);
  await page.click('#samples button:has-text("mission.completed")');
  await until(() => document.querySelectorAll("#items li").length === 3 && !document.getElementById("toast").hidden);
  await tab2.click("#prefs-toggle");
  await tab2.screenshot({ path: screenshot.replace(/\.png$/, "-preferences.png"), fullPage: true });
  await page.screenshot({ path: screenshot.replace(/\.png$/, "-filters.png") });

  // channels: the preferences panel (still open) saves an email address, and points at an invalid phone number
  if (await page.isHidden("#preferences")) await page.click("#prefs-toggle");
  await until(() => document.getElementById("contacts-status").textContent !== ""
    && document.getElementById("push-note").textContent !== "checking…");
  const email = user + "@herald.test";
  await page.fill("#contact-email", email);
  await page.fill("#contact-phone", "12345");
  await page.click("#contacts-save");
  await until(() => document.getElementById("contacts-status").textContent.includes("/phone: ")
    && document.getElementById("contact-phone").getAttribute("aria-invalid") === "true");
  await page.fill("#contact-phone", "");
  await page.click("#contacts-save");
  await until((e) => document.getElementById("contacts-status").textContent === "Saved."
    && document.getElementById("contact-email").value === e, email);

  // deliveries: mission.completed also goes by push, so its list has a push chip (status as the server says)
  await page.click('#items li:first-child button:has-text("Deliveries")');
  await until(() => {
    const chips = [...document.querySelectorAll("#items li:first-child .deliveries .chip")];
    return chips.length > 0 && !chips.some((c) => c.classList.contains("loading"));
  });
  const chips = await page.$$eval("#items li:first-child .deliveries .chip", (all) => all.map((c) => c.textContent));
  if (!chips.some((c) => /^push: [a-z]+/.test(c))) throw new Error("no push delivery status: " + chips.join(", "));
  await page.screenshot({ path: path.join(path.dirname(screenshot), "channels.png"), fullPage: true });
  if (errors.length > 0) throw new Error("errors in the page: " + errors.join("; "));
  console.log("browser test passed as " + user);
} catch (e) {
  if (page) await page.screenshot({ path: screenshot.replace(/\.png$/, "-failure.png") }).catch(() => {});
  console.error("browser test failed: " + e.message);
  process.exitCode = 1;
} finally {
  await browser.close();
}
