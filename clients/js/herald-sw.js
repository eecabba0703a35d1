// Herald's service worker: shows each web push as a notification and opens the inbox when one is clicked.
// HeraldClient.enablePush registers /sw.js on the page's own origin (scope /), so an application serves a one-line
// worker there that imports this one from Herald (a worker's script must come from the page's origin; what it
// imports need not):
//
//   importScripts("https://notify.example.com/herald-sw.js");
//
// The push payload (encrypted by the server, decrypted by the browser) is JSON:
//   { id, type, category, title, body, tag, url }   url: the inbox with ?notification=<id>
// A push without data or with something other than JSON still shows a generic notification: a push that shows nothing
// counts against the site (userVisibleOnly), and an exception here would lose it.

const GENERIC = "New notification";

// a new version takes over at once; it handles no fetches, so claiming open pages only lets a click navigate them
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("push", (event) => {
  const message = read(event.data);
  const options = { body: message.body, data: { url: message.url } };
  // the same tag replaces the earlier notification (an aggregate that gathered another event) instead of stacking
  if (message.tag) options.tag = message.tag;
  event.waitUntil(self.registration.showNotification(message.title, options));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const data = event.notification.data;
  event.waitUntil(open(sameOrigin(data && data.url)));
});

/** The payload as { title, body, tag, url }, with text only; a generic notification for anything unreadable. */
function read(data) {
  let json = null;
  try {
    json = data ? data.json() : null;
  } catch (e) {
    json = null; // not JSON
  }
  if (json === null || typeof json !== "object") return { title: GENERIC, body: "", tag: "", url: "/" };
  const text = (value) => (typeof value === "string" ? value : "");
  return { title: text(json.title) || GENERIC, body: text(json.body), tag: text(json.tag), url: text(json.url) || "/" };
}

/** `url` if it is on this origin, else the root: a push never opens another site. */
function sameOrigin(url) {
  const root = new URL("/", self.location.origin).href;
  if (typeof url !== "string" || url === "") return root;
  try {
    const target = new URL(url, self.location.origin);
    return target.origin === self.location.origin ? target.href : root;
  } catch (e) {
    return root;
  }
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
