// Herald's service worker: shows each web push as a notification and opens where it leads when one is clicked.
// HeraldClient.enablePush registers /sw.js on the page's own origin (scope /), so an application serves a short
// worker there that imports this one from Herald (a worker's script must come from the page's origin; what it
// imports need not), naming Herald's origin so a click may go through Herald's link:
//
//   self.HERALD_ORIGIN = "https://notify.example.com";
//   importScripts("https://notify.example.com/herald-sw.js");
//
// The push payload (encrypted by the server, decrypted by the browser) is JSON:
//   { id, type, category, title, body, tag, url, link? }
//   url: Herald's signed /api/open/<token> (marks the notification read, then redirects to its link or the inbox);
//   link: the notification's own link into the product, opened instead when url's origin is not allowed here.
// A push without data or with something other than JSON still shows a generic notification: a push that shows nothing
// counts against the site (userVisibleOnly), and an exception here would lose it.

const GENERIC = "New notification";

// a new version takes over at once; it handles no fetches, so claiming open pages only lets a click navigate them
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("push", (event) => {
  const message = read(event.data);
  const options = { body: message.body, data: { url: message.url, link: message.link } };
  // the same tag replaces the earlier notification (an aggregate that gathered another event) instead of stacking
  if (message.tag) options.tag = message.tag;
  event.waitUntil(self.registration.showNotification(message.title, options));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const data = event.notification.data;
  event.waitUntil(open(target(data && data.url, data && data.link)));
});

/** The payload as { title, body, tag, url }, with text only; a generic notification for anything unreadable. */
function read(data) {
  let json = null;
  try {
    json = data ? data.json() : null;
  } catch (e) {
    json = null; // not JSON
  }
  if (json === null || typeof json !== "object") return { title: GENERIC, body: "", tag: "", url: "/", link: "" };
  const text = (value) => (typeof value === "string" ? value : "");
  return {
    title: text(json.title) || GENERIC, body: text(json.body), tag: text(json.tag), url: text(json.url) || "/",
    link: text(json.link),
  };
}

/** The origins a click may open: this worker's own and Herald's, when the importing worker named it. */
function allowedOrigins() {
  const origins = [self.location.origin];
  if (typeof self.HERALD_ORIGIN === "string" && self.HERALD_ORIGIN !== "") {
    try {
      origins.push(new URL(self.HERALD_ORIGIN).origin);
    } catch (e) {
      // not a URL: only this origin
    }
  }
  return origins;
}

/** The first of `urls` on an allowed origin, else the root: a push never opens a site it was not meant to. */
function target(...urls) {
  const root = new URL("/", self.location.origin).href;
  for (const url of urls) {
    if (typeof url !== "string" || url === "") continue;
    try {
      const candidate = new URL(url, self.location.origin);
      if (allowedOrigins().includes(candidate.origin)) return candidate.href;
    } catch (e) {
      // not a URL: try the next
    }
  }
  return root;
}

/**
 * Focuses a window of this origin and shows `url` in it: the one already showing `url`, else one this worker controls
 * (only those can be navigated), else a new window.
 */
async function open(url) {
  const ours = (windows) => windows.filter((w) => new URL(w.url).origin === self.location.origin);
  const all = ours(await self.clients.matchAll({ type: "window", includeUncontrolled: true }));
  const showing = all.find((w) => w.url === url);
  if (showing) return showing.focus();
  const controlled = ours(await self.clients.matchAll({ type: "window" }));
  const target = controlled.find((w) => w.focused) || controlled[0];
  if (!target) return self.clients.openWindow(url);
  // focus first: a click allows focusing or opening a window only once and only for a moment, navigating needs neither
  const focused = (await target.focus()) || target;
  return focused.navigate(url).catch(() => focused);
}
