// Herald browser client: a small, dependency-free ES module.
//
//   import { HeraldClient } from "/herald-client.js";
//   const herald = new HeraldClient({ getToken: async () => myAccessToken });
//   herald.addEventListener("created", (e) => console.log(e.detail.notification));
//   await herald.start();
//
// It reads the inbox over REST, then keeps a WebSocket open: it authenticates with a one-time ticket (no token in
// the URL), resumes from the last seq it has so nothing is missed or doubled, and reconnects with exponential
// backoff and full jitter so a restarting server is not hit by every client at once; when the server says when to
// come back (a "reconnect" frame before it restarts), at that moment.
//
// Events (CustomEvent, payload in detail): created {notification, seq, silent} (silent: muted or in quiet hours, so
// no toast), updated {notification, seq} (replace the notification with the same id and order the list by seq: an
// aggregate that gathered an event or a notification back from a snooze moves to the top), deleted {id, seq},
// unread {count}, preferences {preferences} (changed in another tab), gap {latestSeq} (refetch the list),
// status {state: connecting|live|offline}.
//
// Other channels: contacts() and setContacts() (where email and SMS go), deliveries(id) (what happened to a
// notification on each channel), and web push in this browser: pushSupported(), enablePush() (call it from a click),
// disablePush(). Web push needs the page's origin to serve the service worker at /sw.js.
export class HeraldClient extends EventTarget {
  constructor({ baseUrl = "", getToken, minDelayMs = 500, maxDelayMs = 30000 } = {}) {
    super();
    if (typeof getToken !== "function") throw new Error("getToken is required");
    this.baseUrl = baseUrl;
    this.getToken = getToken;
    this.minDelayMs = minDelayMs;
    this.maxDelayMs = maxDelayMs;
    this.lastSeq = 0;
    this.attempt = 0;
    this.socket = null;
    this.stopped = true;
    this.timer = null;
  }

  // --- REST ---

  async request(method, path, body, contentType = "application/json") {
    const headers = { Authorization: "Bearer " + (await this.getToken()) };
    if (body !== undefined) headers["Content-Type"] = contentType;
    const response = await fetch(this.baseUrl + path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const json = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const error = new Error((json && json.detail) || response.status + " " + response.statusText);
      error.status = response.status;
      error.errors = (json && json.errors) || [];
      throw error;
    }
    return json;
  }

  /**
   * A page of the inbox, newest first. Filters: read, seen, archived, snoozed (true/false), category, type; by
   * default archived and snoozed notifications are left out. Pass the answer's nextCursor for the next page.
   */
  list({ limit = 20, cursor, unread, read, seen, archived, snoozed, category, type } = {}) {
    const query = new URLSearchParams({ limit: String(limit) });
    if (cursor) query.set("cursor", cursor);
    if (unread) query.set("read", "false");
    for (const [name, value] of Object.entries({ read, seen, archived, snoozed })) {
      if (value !== undefined) query.set(name, String(value));
    }
    if (category) query.set("category", category);
    if (type) query.set("type", type);
    return this.request("GET", "/api/notifications?" + query);
  }

  unreadCount() {
    return this.request("GET", "/api/notifications/unread-count").then((r) => r.count);
  }

  /** Unread and unseen, in all and per category: { unread, unseen, categories: { social: { unread, unseen } } }. */
  counts() {
    return this.request("GET", "/api/notifications/counts");
  }

  markRead(id) {
    if (this.isLive()) {
      this.socket.send(JSON.stringify({ type: "read", id }));
      return Promise.resolve();
    }
    return this.change(id, "read");
  }

  markAllRead() {
    if (this.isLive()) {
      this.socket.send(JSON.stringify({ type: "read-all" }));
      return Promise.resolve();
    }
    return this.request("POST", "/api/notifications/read-all");
  }

  /** The bell was opened: clears the unseen badge without reading anything. */
  markAllSeen() {
    if (this.isLive()) {
      this.socket.send(JSON.stringify({ type: "seen-all" }));
      return Promise.resolve();
    }
    return this.request("POST", "/api/notifications/seen-all");
  }

  /** read, unread, seen, archive, unarchive or unsnooze one notification. */
  change(id, action) {
    return this.request("POST", "/api/notifications/" + encodeURIComponent(id) + "/" + action);
  }

  /** Hides a notification until `until` (a Date); it then comes back at the top, unread. */
  snooze(id, until) {
    return this.request("POST", "/api/notifications/" + encodeURIComponent(id) + "/snooze",
      { until: until.toISOString() });
  }

  remove(id) {
    return this.request("DELETE", "/api/notifications/" + encodeURIComponent(id));
  }

  preferences() {
    return this.request("GET", "/api/preferences");
  }

  /** Changes some preferences (JSON Merge Patch): { categories: { social: { email: false } } }; null resets. */
  patchPreferences(patch) {
    return this.request("PATCH", "/api/preferences", patch, "application/merge-patch+json");
  }

  // --- channels ---

  /** Where email and SMS reach the user: { email, phone, source } (source: none, token, user or admin). */
  contacts() {
    return this.request("GET", "/api/me/contacts");
  }

  /**
   * Sets both addresses (phone in E.164, e.g. +4915112345678); null or a missing one clears it. Answers the contacts as
   * saved; an invalid one throws an Error whose errors point at it ({ pointer: "/phone", detail }).
   */
  setContacts({ email = null, phone = null } = {}) {
    return this.request("PUT", "/api/me/contacts", { email, phone });
  }

  /**
   * What happened to notification `id` on each channel besides the inbox: [{ id, channel, status, reason, attempts,
   * attemptLog }], status one of delayed (a workflow step waits), held, digest, queued, sending, sent, delivered,
   * failed, dead, skipped (also a channel its type uses that got no delivery, with the reason) or cancelled (the
   * workflow's condition was met first: read before the email went). Empty for a type that only goes to the inbox.
   */
  deliveries(id) {
    return this.request("GET", "/api/notifications/" + encodeURIComponent(id) + "/deliveries").then((r) => r.items);
  }

  // --- web push ---

  /** Whether this browser can get web push: service workers, the Push API and notifications (https or localhost). */
  pushSupported() {
    return typeof window !== "undefined" && "serviceWorker" in navigator && "PushManager" in window
      && "Notification" in window;
  }

  /** The server's VAPID public key (base64url); throws an Error with status 404 while web push is off there. */
  async pushPublicKey() {
    try {
      return (await this.request("GET", "/api/push/vapid-public-key")).publicKey;
    } catch (e) {
      if (e.status === 404) e.message = "Web push is off on this server.";
      throw e;
    }
  }

  /** This browser's push subscription (a PushSubscription), or null. Registers nothing and asks nothing. */
  async pushSubscription() {
    if (!this.pushSupported()) return null;
    const registration = await navigator.serviceWorker.getRegistration(SERVICE_WORKER_SCOPE);
    return registration ? registration.pushManager.getSubscription() : null;
  }

  /** The user's push subscriptions on the server, one per browser: [{ id, endpoint, createdAt }]. */
  pushSubscriptions() {
    return this.request("GET", "/api/push/subscriptions").then((r) => r.items);
  }

  /**
   * Turns on web push in this browser: fetches the server's VAPID key, asks for permission to show notifications,
   * registers /sw.js (scope /), subscribes and sends the subscription to the server. Answers the subscription's JSON
   * ({ endpoint, expirationTime, keys: { p256dh, auth } }). Call it from a click: browsers ask only after a gesture.
   * Throws an Error with a message to show when the browser cannot, the server has push off, or permission is denied.
   */
  async enablePush() {
    if (!this.pushSupported()) {
      throw new Error("This browser cannot get web push (it needs service workers and the Push API, over https).");
    }
    const applicationServerKey = base64UrlBytes(await this.pushPublicKey());
    const permission = await requestPermission();
    if (permission !== "granted") {
      throw new Error(permission === "denied"
        ? "Notifications are blocked for this site: allow them in the browser's site settings, then try again."
        : "Notifications were not allowed, so push stays off.");
    }
    const registration = await navigator.serviceWorker.register(SERVICE_WORKER, { scope: SERVICE_WORKER_SCOPE });
    await activated(registration);
    let subscription = await registration.pushManager.getSubscription();
    const key = subscription && subscription.options && subscription.options.applicationServerKey;
    if (key && !sameBytes(key, applicationServerKey)) {
      // subscribed with an earlier VAPID key: subscribe() would refuse a different one
      await subscription.unsubscribe();
      subscription = null;
    }
    const created = subscription === null;
    if (created) {
      subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey });
    }
    const json = subscription.toJSON();
    try {
      await this.request("POST", "/api/push/subscriptions", json);
    } catch (e) {
      // the server refused it (or was unreachable): leave this browser as it was
      if (created) await subscription.unsubscribe().catch(() => {});
      throw e;
    }
    return json;
  }

  /**
   * Turns off web push in this browser: removes the subscription on the server, then in the browser. Answers whether
   * there was one. The service worker stays registered.
   */
  async disablePush() {
    const subscription = await this.pushSubscription();
    if (!subscription) return false;
    try {
      await this.request("DELETE", "/api/push/subscriptions", { endpoint: subscription.endpoint });
    } catch (e) {
      // 404: the server no longer has it (the push service told it the subscription was gone, or another user's)
      if (e.status !== 404) throw e;
    }
    await subscription.unsubscribe();
    return true;
  }

  // --- live ---

  /** Loads the first page (answered), then goes live from the newest seq in it. */
  async start() {
    const page = await this.list();
    this.lastSeq = page.items.reduce((max, n) => Math.max(max, n.seq), this.lastSeq);
    this.stopped = false;
    this.connect();
    return page;
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.socket) this.socket.close(1000, "client stopped");
  }

  isLive() {
    return this.socket !== null && this.socket.readyState === WebSocket.OPEN;
  }

  async connect() {
    if (this.stopped) return;
    this.emit("status", { state: "connecting" });
    let ticket;
    try {
      ticket = (await this.request("POST", "/api/live/tickets")).ticket;
    } catch (e) {
      this.retry();
      return;
    }
    const url = new URL(this.baseUrl + "/ws/notifications", window.location.href);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    url.searchParams.set("ticket", ticket);
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.onopen = () => {
      socket.send(JSON.stringify({ type: "resume", after: this.lastSeq }));
      this.emit("status", { state: "live" });
      this.stableTimer = setTimeout(() => { this.attempt = 0; }, 10000);
    };
    socket.onmessage = (message) => this.receive(JSON.parse(message.data));
    socket.onclose = () => {
      clearTimeout(this.stableTimer);
      if (this.socket === socket) this.socket = null;
      this.emit("status", { state: "offline" });
      this.retry();
    };
  }

  retry() {
    if (this.stopped) return;
    const delay = reconnectDelay({
      attempt: this.attempt, minDelayMs: this.minDelayMs, maxDelayMs: this.maxDelayMs, hintMs: this.reconnectHintMs,
    });
    this.reconnectHintMs = undefined;
    this.attempt += 1;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.connect(), delay);
  }

  receive(frame) {
    switch (frame.type) {
      case "notification.created":
        if (frame.seq <= this.lastSeq) return;
        this.lastSeq = frame.seq;
        // silent: stored and counted, but muted or in quiet hours: no toast, no sound
        this.emit("created", { notification: frame.notification, seq: frame.seq, silent: frame.silent === true });
        break;
      case "notification.updated":
        // an aggregate that gathered another event ("Ana, Ben and 3 others liked your post") comes with a new,
        // higher seq: it moves to the top, as does a notification whose snooze ended. A state change (read, archived,
        // snoozed) keeps its seq.
        if (frame.seq > this.lastSeq) this.lastSeq = frame.seq;
        this.emit("updated", { notification: frame.notification, seq: frame.seq });
        break;
      case "notification.deleted":
        this.emit("deleted", { id: frame.id, seq: frame.seq });
        break;
      case "preferences.updated":
        this.emit("preferences", { preferences: frame.preferences });
        break;
      case "unread.count":
        this.emit("unread", { count: frame.count });
        break;
      case "gap":
        this.lastSeq = frame.latestSeq;
        this.emit("gap", { latestSeq: frame.latestSeq });
        break;
      case "reconnect":
        // the server is going away (a restart) and told this client when to come back: its own moment in a window
        // spread over all its sockets, so they do not return at once
        this.reconnectHintMs = frame.afterMs;
        break;
      default:
        break;
    }
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

/**
 * How long to wait before reconnecting: the server's hint (a "reconnect" frame before it closed the socket for a
 * restart) when there is one, else full jitter, a random delay up to a ceiling that doubles with each failed attempt.
 */
export function reconnectDelay({ attempt, minDelayMs, maxDelayMs, hintMs, random = Math.random }) {
  if (Number.isFinite(hintMs) && hintMs >= 0) return Math.min(hintMs, maxDelayMs);
  const ceiling = Math.min(maxDelayMs, minDelayMs * 2 ** attempt);
  return random() * ceiling;
}

// --- web push helpers ---

const SERVICE_WORKER = "/sw.js";
const SERVICE_WORKER_SCOPE = "/";

/** Notification permission: granted, denied or default (the prompt was dismissed). Older Safari takes a callback. */
function requestPermission() {
  if (Notification.permission !== "default") return Promise.resolve(Notification.permission);
  return new Promise((resolve) => {
    const answer = Notification.requestPermission(resolve);
    if (answer) answer.then(resolve, () => resolve("default"));
  });
}

/** Waits until the registration has an active worker: PushManager.subscribe needs one. */
function activated(registration) {
  if (registration.active) return Promise.resolve(registration);
  const worker = registration.installing || registration.waiting;
  return new Promise((resolve, reject) => {
    worker.addEventListener("statechange", () => {
      if (worker.state === "activated") resolve(registration);
      if (worker.state === "redundant") reject(new Error("The service worker " + SERVICE_WORKER + " did not install."));
    });
  });
}

/** base64url (no padding, as VAPID keys are printed) to bytes. */
function base64UrlBytes(text) {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4);
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

function sameBytes(buffer, bytes) {
  const a = new Uint8Array(buffer);
  return a.length === bytes.length && a.every((b, i) => b === bytes[i]);
}
