// Headless Chromium opens the demo page (built from Herald's drop-in elements) as a user, publishes events, sees the
// bell's badge and the feed update live (an aggregate in place), reads, archives and snoozes, changes preferences in
// one tab and sees a second tab (in Polish) follow, and saves screenshots.
// Usage: node inbox.test.mjs <baseUrl> <screenshot.png>
import path from "node:path";
import { chromium } from "playwright-core";

const [baseUrl, screenshot] = process.argv.slice(2);
const user = "browser-" + Math.random().toString(36).slice(2, 8);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
// the feed's articles and the preferences' status, inside the elements' shadow roots
const helpers = () => {
  window.articles = () => [...(document.getElementById("inbox")?.shadowRoot?.querySelectorAll("article") ?? [])];
  window.meta = (i) => window.articles()[i].querySelector(".meta").textContent;
  window.prefsStatus = () => document.getElementById("preferences").shadowRoot.querySelector(".status").textContent;
  window.prefsInput = (selector) => document.getElementById("preferences").shadowRoot.querySelector(selector);
};
const until = (target, predicate, arg) => target.waitForFunction(predicate, arg, { timeout: 30000 });
let page;
try {
  const errors = [];
  const open = async (lang, height) => {
    const tab = await browser.newPage({ viewport: { width: 1100, height } });
    tab.on("pageerror", (e) => errors.push(e.message));
    await tab.addInitScript(helpers);
    await tab.goto(baseUrl);
    await tab.fill("#user", user);
    await tab.selectOption("#lang", lang);
    await tab.click('button:has-text("Sign in")');
    await until(tab, () => document.getElementById("live").textContent === "live");
    return tab;
  };
  page = await open("en", 700);

  // three likes of the same post gather into one notification, updated in place
  for (let i = 0; i < 3; i++) {
    await page.click('#samples button:has-text("post.liked")');
    await until(page, (n) => articles().length === 1 && (n === 1 || meta(0).includes("×" + n)), i + 1);
  }
  await until(page, () => document.getElementById("bell").dataset.count === "1");
  const title = await page.textContent("#inbox article .title");
  if (!/liked your post$/.test(title)) throw new Error("unexpected item: " + title);
  const label = await page.getAttribute("#bell button.bell", "aria-label");
  if (label !== "Notifications, 1 unread") throw new Error("bell label: " + label);

  await page.click('#inbox article button[data-action="read"]');
  await until(page, () => document.getElementById("bell").dataset.count === "0" && articles()[0].classList.contains("read"));

  // event data is shown as text, never as markup
  await page.click('#samples button:has-text("notification.created")');
  await until(page, () => articles().length === 2);
  const first = await page.textContent("#inbox article .title");
  if (!first.startsWith("<img src=x")) throw new Error("markup was not shown as text: " + first);
  if (await page.$("#inbox article img")) throw new Error("event data became an element");

  // the bell opens the feed in a popover; Escape closes it and gives the focus back to the bell
  await page.click("#bell button.bell");
  await until(page, () => {
    const bell = document.getElementById("bell").shadowRoot;
    const feed = bell.querySelector("herald-inbox").shadowRoot.querySelectorAll("article");
    return !bell.querySelector(".panel").hidden && feed.length === 2;
  });
  await page.screenshot({ path: screenshot });
  await page.keyboard.press("Escape");
  await until(page, () => document.getElementById("bell").shadowRoot.querySelector(".panel").hidden
    && document.getElementById("bell").shadowRoot.activeElement?.classList.contains("bell"));

  // archive: gone from the feed, found under Archived, back with Unarchive
  const archivedTitle = await page.textContent("#inbox article .title");
  await page.click('#inbox article:first-child button[data-action="archive"]');
  await until(page, () => articles().length === 1);
  await page.click('#inbox [role="tab"][data-filter="archived"]');
  await until(page, (t) => articles().length === 1 && articles()[0].querySelector(".title").textContent === t, archivedTitle);
  await page.click('#inbox article button[data-action="unarchive"]');
  await until(page, () => articles().length === 0);
  // the tabs follow the arrow keys (ARIA tabs): Archived -> Snoozed -> All
  await page.focus('#inbox [role="tab"][data-filter="archived"]');
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await until(page, () => articles().length === 2
    && document.getElementById("inbox").getAttribute("filter") === "all");

  // snooze: hidden from the feed, listed under Snoozed with its time
  await page.click('#inbox article:first-child button[data-action="snooze"]');
  await until(page, () => articles().length === 1);
  await page.click('#inbox [role="tab"][data-filter="snoozed"]');
  await until(page, () => articles().length === 1 && meta(0).includes("snoozed until"));
  await page.click('#inbox [role="tab"][data-filter="all"]');
  await until(page, () => articles().length === 1);

  // preferences: a second tab of the same user, in Polish, sees a change made in the first
  const tab2 = await open("pl", 900);
  await tab2.waitForFunction(() => document.getElementById("inbox").shadowRoot
    .querySelector('[data-filter="unread"]').textContent === "Nieprzeczytane", null, { timeout: 30000 });
  await page.check('#preferences input[name="muted"]');
  await until(page, () => prefsStatus() === "Saved.");
  await until(tab2, () => prefsInput('input[name="muted"]').checked);
  await page.uncheck('#preferences input[data-category="social"][data-channel="push"]');
  await until(page, () => prefsStatus() === "Saved.");
  await until(tab2, () => !prefsInput('input[data-category="social"][data-channel="push"]').checked);

  // muted: the notification arrives in the feed and the badge, but no toast
  await page.evaluate(() => { document.getElementById("toast").hidden = true; });
  await page.click('#samples button:has-text("mission.completed")');
  await until(page, () => articles().length === 2);
  await page.waitForTimeout(500);
  if (await page.isVisible("#toast")) throw new Error("a muted notification raised a toast");
  await page.uncheck('#preferences input[name="muted"]');
  await until(page, () => prefsStatus() === "Saved." && !prefsInput('input[name="muted"]').checked);
  await page.click('#samples button:has-text("mission.completed")');
  await until(page, () => articles().length === 3 && !document.getElementById("toast").hidden);
  await until(tab2, () => articles().length === 3);
  await tab2.screenshot({ path: screenshot.replace(/\.png$/, "-preferences.png"), fullPage: true });
  await page.screenshot({ path: screenshot.replace(/\.png$/, "-filters.png") });

  // channels: save an email address, and see an invalid phone number pointed at
  await until(page, () => document.getElementById("contacts-status").textContent !== ""
    && document.getElementById("push-note").textContent !== "checking…");
  const email = user + "@herald.test";
  await page.fill("#contact-email", email);
  await page.fill("#contact-phone", "12345");
  await page.click("#contacts-save");
  await until(page, () => document.getElementById("contacts-status").textContent.includes("/phone: ")
    && document.getElementById("contact-phone").getAttribute("aria-invalid") === "true");
  await page.fill("#contact-phone", "");
  await page.click("#contacts-save");
  await until(page, (e) => document.getElementById("contacts-status").textContent === "Saved."
    && document.getElementById("contact-email").value === e, email);

  // deliveries: mission.completed also goes by push, so its list has a push chip (status as the server says)
  await page.click('#inbox article:first-child button[data-action="deliveries"]');
  await until(page, () => {
    const chips = [...articles()[0].querySelectorAll(".chip")];
    return chips.length > 0 && !chips.some((c) => c.textContent.endsWith("…"));
  });
  const chips = await page.evaluate(() => [...articles()[0].querySelectorAll(".chip")].map((c) => c.textContent));
  if (!chips.some((c) => /^push: [a-z]+/.test(c))) throw new Error("no push delivery status: " + chips.join(", "));
  await page.screenshot({ path: path.join(path.dirname(screenshot), "channels.png"), fullPage: true });

  // a link back into the product: another like makes the post's notification unread again; opening it marks it read
  // (the second tab sees that) and the page goes to the post in the product (answered here, as the product would)
  await page.route((url) => url.searchParams.has("post") && !url.pathname.startsWith("/api/"), (route) =>
    route.fulfill({ status: 200, contentType: "text/html", body: "<!DOCTYPE html><title>Post</title><h1>The post</h1>" }));
  await page.click('#samples button:has-text("post.liked")');
  const likedIs = (state) => articles().some((a) => / liked your post$/.test(a.querySelector(".title").textContent)
    && a.classList.contains(state));
  await until(page, likedIs, "unread");
  await until(tab2, likedIs, "unread");
  await Promise.all([
    page.waitForURL((url) => url.searchParams.has("post"), { timeout: 30000 }),
    page.evaluate(() => articles().find((a) => / liked your post$/.test(a.querySelector(".title").textContent))
      .querySelector(".text").click()),
  ]);
  const landed = new URL(page.url());
  if (!/^\?post=[^&]+$/.test(landed.search)) throw new Error("landed on " + page.url());
  if ((await page.textContent("h1")) !== "The post") throw new Error("not the product's page: " + page.url());
  await until(tab2, likedIs, "read");
  if (errors.length > 0) throw new Error("errors in the page: " + errors.join("; "));
  console.log("browser test passed as " + user);
} catch (e) {
  if (page) await page.screenshot({ path: screenshot.replace(/\.png$/, "-failure.png") }).catch(() => {});
  console.error("browser test failed: " + e.message);
  process.exitCode = 1;
} finally {
  await browser.close();
}
