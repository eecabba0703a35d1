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
// Events (CustomEvent, payload in detail): created {notification, seq}, updated {notification, seq} (replace the
// notification with the same id and order the list by seq: an aggregate that gathered an event moves to the top),
// deleted {id, seq}, unread {count}, gap {latestSeq} (refetch the list), status {state: connecting|live|offline}.
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

  async request(method, path, body) {
    const headers = { Authorization: "Bearer " + (await this.getToken()) };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(this.baseUrl + path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const json = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const error = new Error((json && json.detail) || response.status + " " + response.statusText);
      error.status = response.status;
      throw error;
    }
    return json;
  }

  list({ limit = 20, cursor, unread } = {}) {
    const query = new URLSearchParams({ limit: String(limit) });
    if (cursor) query.set("cursor", cursor);
    if (unread) query.set("unread", "true");
    return this.request("GET", "/api/notifications?" + query);
  }

  unreadCount() {
    return this.request("GET", "/api/notifications/unread-count").then((r) => r.count);
  }

  markRead(id) {
    if (this.isLive()) {
      this.socket.send(JSON.stringify({ type: "read", id }));
      return Promise.resolve();
    }
    return this.request("POST", "/api/notifications/" + encodeURIComponent(id) + "/read");
  }

  markAllRead() {
    if (this.isLive()) {
      this.socket.send(JSON.stringify({ type: "read-all" }));
      return Promise.resolve();
    }
    return this.request("POST", "/api/notifications/read-all");
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
        this.emit("created", { notification: frame.notification, seq: frame.seq });
        break;
      case "notification.updated":
        // an aggregate that gathered another event ("Ana, Ben and 3 others liked your post") comes with a new,
        // higher seq: it moves to the top. A state change (read, archived) keeps its seq.
        if (frame.seq > this.lastSeq) this.lastSeq = frame.seq;
        this.emit("updated", { notification: frame.notification, seq: frame.seq });
        break;
      case "notification.deleted":
        this.emit("deleted", { id: frame.id, seq: frame.seq });
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
