// Herald browser client: a small, dependency-free ES module.
//
//   import { HeraldClient } from "/herald-client.js";
//   const herald = new HeraldClient({ getToken: async () => myAccessToken });
//   herald.addEventListener("created", (e) => console.log(e.detail.notification));
//   await herald.start();
//
// It reads the inbox over REST, then keeps a WebSocket open: it authenticates with a one-time ticket (no token in
// the URL), resumes from the last seq it has so nothing is missed or doubled, and reconnects with exponential
// backoff and full jitter so a restarting server is not hit by every client at once.
//
// Events (CustomEvent, payload in detail): created {notification, seq, silent} (silent: muted or in quiet hours, so
// no toast), updated {notification, seq} (replace the notification with the same id and order the list by seq: an
// aggregate that gathered an event or a notification back from a snooze moves to the top), deleted {id, seq},
// unread {count}, preferences {preferences} (changed in another tab), gap {latestSeq} (refetch the list),
// status {state: connecting|live|offline}.
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
    // full jitter: a random delay up to an exponentially growing ceiling
    const ceiling = Math.min(this.maxDelayMs, this.minDelayMs * 2 ** this.attempt);
    this.attempt += 1;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.connect(), Math.random() * ceiling);
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
      default:
        break;
    }
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
