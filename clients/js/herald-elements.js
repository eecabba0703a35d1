// Herald's drop-in elements: <herald-bell>, <herald-inbox> and <herald-preferences>, framework-free custom elements on
// herald-client.js. One client (one socket) serves every element on the page:
//
//   import { configure } from "https://notify.example.com/herald-elements.js";
//   configure({ baseUrl: "https://notify.example.com", getToken: async () => myAccessToken });
//
//   <herald-bell></herald-bell>            badge with the unread count; opens the feed in a popover
//   <herald-inbox></herald-inbox>          the feed: live, read/archive/snooze, filters, infinite scroll
//   <herald-preferences></herald-preferences>  categories x channels, mute, quiet hours, email digest
//
// Each element also takes a client of its own (element.client = new HeraldClient(...)). Labels follow the element's
// lang (or the nearest ancestor's, or the browser's): English, German and Polish. Themes set CSS custom properties
// (--herald-accent, --herald-background, --herald-surface, --herald-text, --herald-muted, --herald-border,
// --herald-radius, --herald-font) or style the parts (::part(button), ::part(badge), ::part(panel), ::part(item), ...).
// Text from notifications is inserted only as text, never as markup.
//
// Events (bubbling, composed): herald-open {notification} when the user opens a notification (it is marked read,
// then the page goes to notification.link when its type has one; call preventDefault() to route it yourself),
// herald-error {error} when a request fails.
import { HeraldClient } from "./herald-client.js";

export { HeraldClient };

const LABELS = {
  en: {
    notifications: "Notifications", unreadCount: (n) => (n === 0 ? "Notifications, none unread" : `Notifications, ${n} unread`),
    all: "All", unread: "Unread", archived: "Archived", snoozed: "Snoozed", markAllRead: "Mark all as read",
    markRead: "Mark as read", markUnread: "Mark as unread", archive: "Archive", unarchive: "Unarchive",
    snooze: "Snooze 1 hour", unsnooze: "Unsnooze", loadMore: "Load more", empty: "No notifications",
    snoozedUntil: "snoozed until", others: (n) => `×${n}`, loading: "Loading…", offline: "Offline, reconnecting…",
    deliveries: "Deliveries", inAppOnly: "in app only",
    preferences: "Notification preferences", muted: "Mute everything but critical", category: "Category",
    channels: { in_app: "In app", email: "Email", push: "Push", sms: "SMS", webhook: "Webhook" },
    quietHours: "Quiet hours", quietEvery: "Every day from", quietTo: "to", digest: "Email digest",
    cadence: { off: "Off", hourly: "Hourly", daily: "Daily at 08:00" }, saved: "Saved.",
  },
  de: {
    notifications: "Benachrichtigungen",
    unreadCount: (n) => (n === 0 ? "Benachrichtigungen, keine ungelesen" : `Benachrichtigungen, ${n} ungelesen`),
    all: "Alle", unread: "Ungelesen", archived: "Archiviert", snoozed: "Zurückgestellt", markAllRead: "Alle als gelesen markieren",
    markRead: "Als gelesen markieren", markUnread: "Als ungelesen markieren", archive: "Archivieren",
    unarchive: "Wiederherstellen", snooze: "1 Stunde zurückstellen", unsnooze: "Nicht mehr zurückstellen",
    loadMore: "Mehr laden", empty: "Keine Benachrichtigungen", snoozedUntil: "zurückgestellt bis",
    others: (n) => `×${n}`, loading: "Wird geladen…", offline: "Offline, verbinde neu…", deliveries: "Zustellungen",
    inAppOnly: "nur in der App",
    preferences: "Benachrichtigungseinstellungen", muted: "Alles außer Kritischem stummschalten", category: "Kategorie",
    channels: { in_app: "In der App", email: "E-Mail", push: "Push", sms: "SMS", webhook: "Webhook" },
    quietHours: "Ruhezeiten", quietEvery: "Täglich von", quietTo: "bis", digest: "E-Mail-Zusammenfassung",
    cadence: { off: "Aus", hourly: "Stündlich", daily: "Täglich um 08:00" }, saved: "Gespeichert.",
  },
  pl: {
    notifications: "Powiadomienia",
    unreadCount: (n) => (n === 0 ? "Powiadomienia, brak nieprzeczytanych" : `Powiadomienia, nieprzeczytane: ${n}`),
    all: "Wszystkie", unread: "Nieprzeczytane", archived: "Zarchiwizowane", snoozed: "Odłożone",
    markAllRead: "Oznacz wszystkie jako przeczytane", markRead: "Oznacz jako przeczytane",
    markUnread: "Oznacz jako nieprzeczytane", archive: "Archiwizuj", unarchive: "Przywróć", snooze: "Odłóż na godzinę",
    unsnooze: "Nie odkładaj", loadMore: "Wczytaj więcej", empty: "Brak powiadomień", snoozedUntil: "odłożone do",
    others: (n) => `×${n}`, loading: "Wczytywanie…", offline: "Brak połączenia, łączę ponownie…", deliveries: "Doręczenia",
    inAppOnly: "tylko w aplikacji",
    preferences: "Ustawienia powiadomień", muted: "Wycisz wszystko oprócz krytycznych", category: "Kategoria",
    channels: { in_app: "W aplikacji", email: "E-mail", push: "Push", sms: "SMS", webhook: "Webhook" },
    quietHours: "Godziny ciszy", quietEvery: "Codziennie od", quietTo: "do", digest: "Podsumowanie e-mail",
    cadence: { off: "Wyłączone", hourly: "Co godzinę", daily: "Codziennie o 08:00" }, saved: "Zapisano.",
  },
};

/** The languages the elements speak. */
export const LANGUAGES = Object.keys(LABELS);

let sharedClient = null;
const started = new WeakMap(); // client -> Promise of its first page (start() once per client)

/**
 * Creates the client every element on the page uses (unless given one of its own) and answers it, to listen to its
 * events too. Call it once, before or after the elements are on the page.
 */
export function configure(options) {
  sharedClient = options instanceof HeraldClient ? options : new HeraldClient(options);
  for (const element of document.querySelectorAll("herald-bell, herald-inbox, herald-preferences")) {
    if (!element.ownClient && element.isConnected) element.attach();
  }
  // elements inside shadow roots (the bell's inbox) attach through their host
  return sharedClient;
}

function startOnce(client) {
  if (!started.has(client)) started.set(client, client.start());
  return started.get(client);
}

/** Labels for the element's language: its lang, the nearest ancestor's, the document's, else the browser's. */
function labelsFor(element) {
  const host = element.closest("[lang]");
  const wanted = (element.getAttribute("lang") || (host && host.getAttribute("lang")) || navigator.language || "en")
    .toLowerCase().split("-")[0];
  return { lang: LABELS[wanted] ? wanted : "en", t: LABELS[wanted] || LABELS.en };
}

/** An element with text only: children are nodes or strings (inserted as text nodes). */
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

const BASE_STYLE = `
  :host { font: var(--herald-font, inherit); color: var(--herald-text, #1f2937); --_accent: var(--herald-accent, #4f46e5);
    --_muted: var(--herald-muted, #6b7280); --_border: var(--herald-border, #e5e7eb);
    --_surface: var(--herald-surface, #ffffff); --_radius: var(--herald-radius, 8px); }
  [hidden] { display: none !important; }
  button { font: inherit; cursor: pointer; border: 1px solid var(--_border); background: var(--_surface);
    color: inherit; border-radius: calc(var(--_radius) / 2); padding: 2px 8px; }
  button:focus-visible, [tabindex]:focus-visible, input:focus-visible, select:focus-visible {
    outline: 2px solid var(--_accent); outline-offset: 2px; }
  .status { color: var(--_muted); font-size: 0.85em; min-height: 1.2em; margin: 4px 0; }
`;

/** What the three elements share: the client, attaching and detaching listeners, labels, errors. */
class HeraldElement extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({ mode: "open" });
    this.ownClient = null;
    this.listening = null;
  }

  /** The element's own client; without one it uses the page's (configure()). */
  set client(client) {
    this.detach();
    this.ownClient = client;
    if (this.isConnected) this.attach();
  }

  get client() {
    return this.ownClient || sharedClient;
  }

  connectedCallback() {
    this.attach();
  }

  disconnectedCallback() {
    this.detach();
  }

  attach() {
    const client = this.client;
    const { lang, t } = labelsFor(this);
    this.lang_ = lang;
    this.t = t;
    if (!client || this.listening === client) return;
    this.detach();
    this.listening = client;
    this.handlers = this.listeners();
    for (const [type, handler] of Object.entries(this.handlers)) client.addEventListener(type, handler);
    this.render();
    startOnce(client).then(() => this.load()).catch((e) => this.fail(e));
  }

  detach() {
    if (!this.listening) return;
    for (const [type, handler] of Object.entries(this.handlers)) this.listening.removeEventListener(type, handler);
    this.listening = null;
  }

  fail(error) {
    this.dispatchEvent(new CustomEvent("herald-error", { detail: { error }, bubbles: true, composed: true }));
    const status = this.shadowRoot.querySelector(".status");
    if (status) status.textContent = problemText(error);
  }

  /** Runs a request; a failure is shown in the element's status line and raised as herald-error. */
  act(request) {
    return request().catch((e) => this.fail(e));
  }
}

/** An error as one line: the problem's detail, then each field it points at. */
function problemText(e) {
  const errors = (e.errors || []).map((x) => ((x.pointer || x.parameter) ? (x.pointer || x.parameter) + ": " : "") + x.detail);
  return [e.message, ...errors].join(" ");
}

// --- <herald-inbox> ---

const FILTERS = {
  all: { query: {}, shows: (n) => !n.archivedAt && !n.snoozedUntil },
  unread: { query: { read: false }, shows: (n) => !n.read && !n.archivedAt && !n.snoozedUntil },
  archived: { query: { archived: true }, shows: (n) => !!n.archivedAt },
  snoozed: { query: { snoozed: true }, shows: (n) => !!n.snoozedUntil },
};

const INBOX_STYLE = `${BASE_STYLE}
  :host { display: block; background: var(--herald-background, transparent); }
  .toolbar { display: flex; align-items: center; justify-content: space-between; gap: 8px; flex-wrap: wrap;
    padding: 4px 0 8px; border-bottom: 1px solid var(--_border); }
  [role=tablist] { display: flex; gap: 4px; }
  [role=tab] { border: none; background: none; border-bottom: 2px solid transparent; border-radius: 0; }
  [role=tab][aria-selected=true] { border-bottom-color: var(--_accent); color: var(--_accent); }
  [role=feed] { display: block; }
  article { display: flex; gap: 8px; padding: 10px 4px; border-bottom: 1px solid var(--_border); }
  article.unread { background: color-mix(in srgb, var(--_accent) 6%, transparent); }
  .dot { width: 8px; height: 8px; margin-top: 6px; border-radius: 50%; flex: none; }
  article.unread .dot { background: var(--_accent); }
  .text { flex: 1; min-width: 0; cursor: pointer; }
  .title { font-weight: 600; overflow-wrap: anywhere; }
  .body { overflow-wrap: anywhere; }
  .meta { color: var(--_muted); font-size: 0.8em; margin-top: 2px; }
  .actions { display: flex; flex-direction: column; gap: 4px; align-items: stretch; font-size: 0.8em; }
  .chips { display: flex; flex-wrap: wrap; gap: 4px; margin-top: 4px; font-size: 0.8em; }
  .chip { border: 1px solid var(--_border); border-radius: 999px; padding: 0 6px; }
  .empty { color: var(--_muted); text-align: center; padding: 24px 0; }
  .more { display: block; margin: 8px auto; }
`;

export class HeraldInbox extends HeraldElement {
  constructor() {
    super();
    this.filter = "all";
    this.items = new Map(); // id -> notification
    this.cursor = null;
    this.loadingMore = false;
    this.loads = 0; // which load is the newest
    this.shownDeliveries = new Map(); // id -> { items, error }
  }

  static get observedAttributes() {
    return ["filter", "lang"];
  }

  attributeChangedCallback(name, old, value) {
    if (name === "filter" && value && FILTERS[value] && value !== this.filter) {
      this.filter = value;
      if (this.listening) this.load();
    }
    if (name === "lang" && this.listening) {
      const { lang, t } = labelsFor(this);
      this.lang_ = lang;
      this.t = t;
      this.render();
      this.renderItems();
    }
  }

  listeners() {
    return {
      created: (e) => this.upsert(e.detail.notification),
      updated: (e) => this.upsert(e.detail.notification),
      deleted: (e) => { this.items.delete(e.detail.id); this.renderItems(); },
      gap: () => this.load(),
      status: (e) => {
        const status = this.shadowRoot.querySelector(".status");
        if (status) status.textContent = e.detail.state === "offline" ? this.t.offline : "";
      },
    };
  }

  render() {
    const t = this.t;
    const tabs = Object.keys(FILTERS).map((name) => el("button", {
      role: "tab", part: "tab", "data-filter": name, "aria-selected": String(name === this.filter),
      tabindex: name === this.filter ? "0" : "-1", onclick: () => this.choose(name),
    }, t[name]));
    const tablist = el("div", { role: "tablist", "aria-label": t.notifications, onkeydown: (e) => this.arrows(e) }, ...tabs);
    this.feed = el("div", { role: "feed", part: "feed", "aria-label": t.notifications, "aria-busy": "true",
      onkeydown: (e) => this.pageKeys(e) });
    this.more = el("button", { class: "more", part: "more", hidden: true, onclick: () => this.loadMore() }, t.loadMore);
    this.shadowRoot.replaceChildren(
      el("style", {}, INBOX_STYLE),
      el("div", { class: "toolbar", part: "toolbar" }, tablist,
        el("button", { part: "action", "data-action": "read-all", onclick: () => this.act(() => this.client.markAllRead()) },
          t.markAllRead)),
      el("p", { class: "status", role: "status", part: "status" }),
      this.feed,
      this.more,
    );
    // infinite scroll: the next page when the "load more" button scrolls into view (it stays as the keyboard's way)
    this.observer?.disconnect();
    this.observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) this.loadMore();
    });
    this.observer.observe(this.more);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.observer?.disconnect();
  }

  choose(name) {
    this.filter = name;
    this.setAttribute("filter", name);
    for (const tab of this.shadowRoot.querySelectorAll("[role=tab]")) {
      const selected = tab.dataset.filter === name;
      tab.setAttribute("aria-selected", String(selected));
      tab.tabIndex = selected ? 0 : -1;
    }
    this.load();
  }

  /** Tabs: arrows move between them (and choose), as the ARIA tabs pattern has it. */
  arrows(e) {
    const names = Object.keys(FILTERS);
    const step = { ArrowRight: 1, ArrowLeft: -1 }[e.key];
    if (!step) return;
    const next = names[(names.indexOf(this.filter) + step + names.length) % names.length];
    this.choose(next);
    this.shadowRoot.querySelector(`[data-filter=${next}]`).focus();
    e.preventDefault();
  }

  /** Feed: Page Down / Page Up move between notifications, as the ARIA feed pattern has it. */
  pageKeys(e) {
    const step = { PageDown: 1, PageUp: -1 }[e.key];
    if (!step) return;
    const articles = [...this.feed.querySelectorAll("article")];
    const current = articles.findIndex((a) => a.contains(this.shadowRoot.activeElement));
    const next = articles[Math.min(articles.length - 1, Math.max(0, current + step))];
    if (next) next.focus();
    e.preventDefault();
  }

  query() {
    const query = { limit: Number(this.getAttribute("page-size")) || 20, ...FILTERS[this.filter].query };
    const category = this.getAttribute("category");
    if (category) query.category = category;
    return query;
  }

  async load() {
    // a newer load (another tab chosen meanwhile) wins: an older answer arriving later is dropped
    const ticket = ++this.loads;
    this.feed.setAttribute("aria-busy", "true");
    try {
      const page = await this.client.list(this.query());
      if (ticket !== this.loads) return;
      this.items.clear();
      page.items.forEach((n) => this.items.set(n.id, n));
      this.cursor = page.nextCursor;
      this.renderItems();
    } catch (e) {
      this.fail(e);
    } finally {
      this.feed.setAttribute("aria-busy", "false");
    }
  }

  async loadMore() {
    if (!this.cursor || this.loadingMore || !this.listening) return;
    this.loadingMore = true;
    const ticket = this.loads;
    this.feed.setAttribute("aria-busy", "true");
    try {
      const page = await this.client.list({ ...this.query(), cursor: this.cursor });
      if (ticket !== this.loads) return; // the list was loaded afresh meanwhile (another filter)
      page.items.forEach((n) => { if (!this.items.has(n.id)) this.items.set(n.id, n); });
      this.cursor = page.nextCursor;
      this.renderItems();
    } catch (e) {
      this.fail(e);
    } finally {
      this.loadingMore = false;
      this.feed.setAttribute("aria-busy", "false");
    }
  }

  /** A notification new or changed (an aggregate that gathered an event keeps its id and comes back on top). */
  upsert(n) {
    const category = this.getAttribute("category");
    if (FILTERS[this.filter].shows(n) && (!category || n.category === category)) this.items.set(n.id, n);
    else this.items.delete(n.id);
    this.renderItems();
  }

  renderItems() {
    if (!this.feed) return;
    const shown = [...this.items.values()].sort((a, b) => b.seq - a.seq);
    const focused = this.shadowRoot.activeElement?.closest?.("article")?.dataset.id;
    this.feed.replaceChildren(...shown.map((n, i) => this.renderItem(n, i + 1)));
    if (shown.length === 0) this.feed.append(el("p", { class: "empty", part: "empty" }, this.t.empty));
    if (focused) this.feed.querySelector(`article[data-id="${CSS.escape(focused)}"]`)?.focus();
    this.more.hidden = !this.cursor;
  }

  renderItem(n, position) {
    const t = this.t;
    const titleId = "t-" + n.id;
    const time = new Date(n.updatedAt);
    const meta = [formatTime(time, this.lang_), n.eventCount > 1 ? t.others(n.eventCount) : null,
      n.snoozedUntil ? t.snoozedUntil + " " + new Date(n.snoozedUntil).toLocaleString(this.lang_) : null]
      .filter(Boolean).join(" · ");
    const text = el("div", { class: "text", onclick: () => this.open(n) },
      el("div", { class: "title", part: "item-title", id: titleId }, n.title),
      n.body ? el("div", { class: "body", part: "item-body" }, n.body) : null,
      el("div", { class: "meta", part: "item-meta" }, el("time", { datetime: n.updatedAt }, meta)));
    if (this.hasAttribute("deliveries") && this.shownDeliveries.has(n.id)) {
      text.append(this.renderDeliveries(this.shownDeliveries.get(n.id)));
    }
    const actions = el("div", { class: "actions", part: "item-actions" },
      n.read
        ? el("button", { "data-action": "unread", onclick: () => this.act(() => this.client.change(n.id, "unread")) }, t.markUnread)
        : el("button", { "data-action": "read", onclick: () => this.act(() => this.client.markRead(n.id)) }, t.markRead),
      n.archivedAt
        ? el("button", { "data-action": "unarchive", onclick: () => this.act(() => this.client.change(n.id, "unarchive")) }, t.unarchive)
        : el("button", { "data-action": "archive", onclick: () => this.act(() => this.client.change(n.id, "archive")) }, t.archive),
      n.snoozedUntil
        ? el("button", { "data-action": "unsnooze", onclick: () => this.act(() => this.client.change(n.id, "unsnooze")) }, t.unsnooze)
        : el("button", { "data-action": "snooze",
          onclick: () => this.act(() => this.client.snooze(n.id, new Date(Date.now() + 3600 * 1000))) }, t.snooze),
      this.hasAttribute("deliveries")
        ? el("button", { "data-action": "deliveries", "aria-expanded": String(this.shownDeliveries.has(n.id)),
          onclick: () => this.toggleDeliveries(n.id) }, t.deliveries)
        : null);
    return el("article", {
      part: n.read ? "item" : "item unread", class: n.read ? "read" : "unread", tabindex: "0", "data-id": n.id,
      "data-seq": n.seq, "aria-labelledby": titleId, "aria-posinset": position, "aria-setsize": this.cursor ? -1 : this.items.size,
      onkeydown: (e) => { if (e.key === "Enter" && e.target.tagName === "ARTICLE") this.open(n); },
    }, el("span", { class: "dot", "aria-hidden": "true" }), text, actions);
  }

  async open(n) {
    const marking = n.read ? Promise.resolve() : this.act(() => this.client.markRead(n.id));
    const proceed = this.dispatchEvent(new CustomEvent("herald-open",
      { detail: { notification: n }, bubbles: true, composed: true, cancelable: true }));
    // a notification with a link leads there once it is marked read, unless the page handles the event itself
    if (proceed && typeof n.link === "string" && /^https?:\/\//i.test(n.link)) {
      await marking;
      window.location.assign(n.link);
    }
  }

  async toggleDeliveries(id) {
    if (this.shownDeliveries.has(id)) {
      this.shownDeliveries.delete(id);
      this.renderItems();
      return;
    }
    const shown = { items: null, error: null };
    this.shownDeliveries.set(id, shown);
    this.renderItems();
    try {
      shown.items = await this.client.deliveries(id);
    } catch (e) {
      shown.error = e;
    }
    if (this.shownDeliveries.get(id) === shown) this.renderItems();
  }

  renderDeliveries(shown) {
    const chip = (text, details) => el("span", { class: "chip", part: "chip", role: "listitem", title: details }, text);
    const list = el("div", { class: "chips", role: "list", "aria-label": this.t.deliveries });
    if (shown.error) list.append(chip(problemText(shown.error)));
    else if (shown.items === null) list.append(chip(this.t.loading));
    else if (shown.items.length === 0) list.append(chip(this.t.inAppOnly));
    else shown.items.forEach((d) => list.append(chip(d.channel + ": " + d.status, d.reason)));
    return list;
  }
}

function formatTime(date, lang) {
  const seconds = Math.round((date.getTime() - Date.now()) / 1000);
  const units = [["day", 86400], ["hour", 3600], ["minute", 60]];
  const format = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(0, "second");
}

// --- <herald-bell> ---

const BELL_STYLE = `${BASE_STYLE}
  :host { display: inline-block; position: relative; color: var(--herald-bell-color, inherit); }
  .bell { position: relative; border: none; background: none; padding: 4px; line-height: 0; color: inherit; }
  .badge { position: absolute; top: -2px; right: -4px; min-width: 18px; height: 18px; padding: 0 4px;
    border-radius: 9px; background: var(--herald-badge, #dc2626); color: #fff; font-size: 11px; line-height: 18px;
    text-align: center; box-sizing: border-box; }
  .panel { position: absolute; right: 0; top: calc(100% + 6px); z-index: 1000; width: var(--herald-panel-width, 380px);
    max-width: 95vw; max-height: var(--herald-panel-height, 480px); overflow: auto; padding: 8px 12px;
    background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius);
    box-shadow: 0 8px 24px rgb(0 0 0 / 0.15); box-sizing: border-box; color: var(--herald-text, #1f2937); }
`;

export class HeraldBell extends HeraldElement {
  listeners() {
    return { unread: (e) => this.showCount(e.detail.count) };
  }

  render() {
    const t = this.t;
    this.button = el("button", {
      class: "bell", part: "button", "aria-haspopup": "dialog", "aria-expanded": "false", "aria-label": t.unreadCount(0),
      onclick: () => this.toggle(),
    });
    // the icon as DOM, not markup
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    for (const [k, v] of Object.entries({ width: 24, height: 24, viewBox: "0 0 24 24", fill: "currentColor", "aria-hidden": "true" })) {
      svg.setAttribute(k, v);
    }
    const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
    path.setAttribute("d", "M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1z");
    svg.append(path);
    this.badge = el("span", { class: "badge", part: "badge", "aria-hidden": "true", hidden: true });
    this.button.append(svg, this.badge);
    this.inbox = el("herald-inbox", { lang: this.lang_, deliveries: this.hasAttribute("deliveries") });
    if (this.ownClient) this.inbox.client = this.ownClient;
    this.panel = el("div", { class: "panel", part: "panel", role: "dialog", "aria-label": t.notifications, hidden: true,
      onkeydown: (e) => { if (e.key === "Escape") this.close(true); } }, this.inbox);
    this.shadowRoot.replaceChildren(el("style", {}, BELL_STYLE), this.button, this.panel);
    this.outside = (e) => { if (!this.panel.hidden && !e.composedPath().includes(this)) this.close(false); };
    document.addEventListener("click", this.outside);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    document.removeEventListener("click", this.outside);
  }

  set client(client) {
    super.client = client;
    if (this.inbox) this.inbox.client = client;
  }

  get client() {
    return super.client;
  }

  async load() {
    this.showCount(await this.client.unreadCount());
  }

  showCount(count) {
    this.badge.textContent = count > 99 ? "99+" : String(count);
    this.badge.hidden = count === 0;
    this.button.setAttribute("aria-label", this.t.unreadCount(count));
    this.dataset.count = count;
  }

  toggle() {
    if (this.panel.hidden) this.openPanel();
    else this.close(true);
  }

  openPanel() {
    this.panel.hidden = false;
    this.button.setAttribute("aria-expanded", "true");
    // what the user has now seen (the badge stays until they read)
    this.act(() => this.client.markAllSeen());
    this.inbox.shadowRoot.querySelector("[role=tab][aria-selected=true]")?.focus();
  }

  close(refocus) {
    this.panel.hidden = true;
    this.button.setAttribute("aria-expanded", "false");
    if (refocus) this.button.focus();
  }
}

// --- <herald-preferences> ---

const CHANNELS = ["in_app", "email", "push", "sms", "webhook"];

const PREFERENCES_STYLE = `${BASE_STYLE}
  :host { display: block; }
  fieldset { border: 1px solid var(--_border); border-radius: var(--_radius); margin: 8px 0; }
  .scroll { overflow-x: auto; }
  table { border-collapse: collapse; }
  th, td { padding: 4px 10px; text-align: center; border-bottom: 1px solid var(--_border); }
  th[scope=row], thead th:first-child { text-align: left; }
  input[type=time] { font: inherit; }
`;

export class HeraldPreferences extends HeraldElement {
  listeners() {
    return { preferences: (e) => this.show(e.detail.preferences) };
  }

  render() {
    const t = this.t;
    this.status = el("p", { class: "status", role: "status", part: "status" });
    this.form = el("form", { part: "form", "aria-label": t.preferences, onsubmit: (e) => e.preventDefault() });
    this.shadowRoot.replaceChildren(el("style", {}, PREFERENCES_STYLE), this.form, this.status);
  }

  async load() {
    this.show(await this.client.preferences());
  }

  show(p) {
    const t = this.t;
    this.preferences = p;
    const categories = Object.keys(p.categories).sort();
    const used = CHANNELS.filter((c) => categories.some((name) => c in p.categories[name]));
    const muted = el("input", { type: "checkbox", name: "muted", checked: p.muted,
      onchange: (e) => this.save({ muted: e.target.checked }) });
    const rows = categories.map((name) => el("tr", {}, el("th", { scope: "row" }, name), ...used.map((channel) => {
      if (!(channel in p.categories[name])) return el("td");
      return el("td", {}, el("input", {
        type: "checkbox", checked: p.categories[name][channel], "data-category": name, "data-channel": channel,
        "aria-label": name + " " + t.channels[channel],
        onchange: (e) => this.save({ categories: { [name]: { [channel]: e.target.checked } } }),
      }));
    })));
    const quiet = p.quietHours;
    const quietOn = el("input", { type: "checkbox", name: "quiet", checked: quiet !== null, onchange: () => this.saveQuiet() });
    const start = el("input", { type: "time", name: "quiet-start", value: quiet ? quiet.start : "22:00",
      "aria-label": t.quietHours + " " + t.quietEvery, onchange: () => this.saveQuiet() });
    const end = el("input", { type: "time", name: "quiet-end", value: quiet ? quiet.end : "07:00",
      "aria-label": t.quietHours + " " + t.quietTo, onchange: () => this.saveQuiet() });
    const cadence = p.digest && p.digest.email ? String(p.digest.email.cadence) : "off";
    const digest = el("select", { name: "digest", onchange: (e) => {
      const value = e.target.value;
      this.save({ digest: { email: { cadence: value, at: value === "daily" ? "08:00" : null } } });
    } }, ...["off", "hourly", "daily"].map((c) => el("option", { value: c, selected: c === cadence }, t.cadence[c])));
    this.form.replaceChildren(
      el("label", { part: "muted" }, muted, " ", t.muted),
      el("div", { class: "scroll" }, el("table", { part: "table" },
        el("caption", { hidden: true }, t.preferences),
        el("thead", {}, el("tr", {}, el("th", { scope: "col" }, t.category),
          ...used.map((c) => el("th", { scope: "col" }, t.channels[c])))),
        el("tbody", {}, ...rows))),
      el("fieldset", { part: "quiet-hours" }, el("legend", {}, t.quietHours),
        el("label", {}, quietOn, " ", t.quietEvery), " ", start, " ", t.quietTo, " ", end),
      p.digest && "email" in p.digest ? el("label", { part: "digest" }, t.digest, " ", digest) : null,
    );
  }

  saveQuiet() {
    const value = (name) => this.form.querySelector(`[name=${name}]`).value;
    const on = this.form.querySelector("[name=quiet]").checked;
    this.save({ quietHours: on
      ? { days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], start: value("quiet-start"), end: value("quiet-end") }
      : null });
  }

  async save(patch) {
    this.status.textContent = "";
    try {
      this.show(await this.client.patchPreferences(patch));
      this.status.textContent = this.t.saved;
    } catch (e) {
      this.fail(e);
      this.show(this.preferences); // the controls go back to what the server has
    }
  }
}

if (!customElements.get("herald-inbox")) customElements.define("herald-inbox", HeraldInbox);
if (!customElements.get("herald-bell")) customElements.define("herald-bell", HeraldBell);
if (!customElements.get("herald-preferences")) customElements.define("herald-preferences", HeraldPreferences);
