// Herald demo inbox, built on herald-client.js: dev sign-in, sample events, a live list with filters, badge and
// toasts, every notification state (read, archive, snooze, delete), a preferences panel kept in sync across tabs, and
// the other channels: push on this browser, the email address and phone number, and each notification's deliveries.
import { HeraldClient } from "./herald-client.js";

const $ = (id) => document.getElementById(id);
const CHANNELS = ["in_app", "email", "push", "sms", "webhook"];
let token = null;
let user = null;
let herald = null;
let view = "inbox";
let category = "";
let preferences = null;
const items = new Map(); // id -> notification
const deliveries = new Map(); // id -> { items, error } of a notification whose deliveries are shown (items null: loading)

// likes, comments and follows come from a random actor, so repeated clicks show aggregation ("Ana, Ben and 2 others")
const people = ["Ana", "Ben", "Chen", "Dana", "Emil", "Fatou", "Gus"];
const someone = () => { const name = people[Math.floor(Math.random() * people.length)]; return { id: "u-" + name.toLowerCase(), name }; };
const samples = {
  "post.liked": () => ({ actor: someone(), post: { id: "p1", title: "My first post" } }),
  "post.commented": () => ({ actor: someone(), post: { id: "p1", title: "My first post" }, comment: { text: "Nice!" } }),
  "user.followed": () => ({ actor: someone() }),
  "mission.completed": () => ({ mission: { name: "Onboarding", points: 50 } }),
  // producers' text is data: the page shows it as text, never as markup
  "notification.created": () => ({ title: "<img src=x onerror=alert(1)> is shown as text", body: "<b>not bold</b>" }),
};

// which notifications each view shows, as the server's filters and as a test for live updates
const views = {
  inbox: { query: {}, shows: (n) => !n.archivedAt && !n.snoozedUntil },
  unread: { query: { read: false }, shows: (n) => !n.read && !n.archivedAt && !n.snoozedUntil },
  archived: { query: { archived: true }, shows: (n) => !!n.archivedAt },
  snoozed: { query: { snoozed: true }, shows: (n) => !!n.snoozedUntil },
};

async function signIn(event) {
  event.preventDefault();
  user = $("user").value.trim();
  const response = await fetch("/api/dev/tokens", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ sub: user, groups: ["user", "publisher"] }),
  });
  if (!response.ok) {
    $("status").textContent = "Dev tokens are disabled on this server.";
    return;
  }
  token = (await response.json()).token;
  $("who").textContent = user;
  $("signin").hidden = true;
  $("inbox").hidden = false;

  herald = new HeraldClient({ getToken: async () => token });
  herald.addEventListener("created", (e) => {
    items.set(e.detail.notification.id, e.detail.notification);
    if (!e.detail.silent) toast(e.detail.notification);
    render();
  });
  herald.addEventListener("updated", (e) => { items.set(e.detail.notification.id, e.detail.notification); render(); });
  herald.addEventListener("deleted", (e) => { items.delete(e.detail.id); deliveries.delete(e.detail.id); render(); });
  herald.addEventListener("unread", (e) => { $("badge").textContent = e.detail.count; });
  herald.addEventListener("preferences", (e) => showPreferences(e.detail.preferences));
  herald.addEventListener("gap", () => reload());
  herald.addEventListener("status", (e) => { $("live").textContent = e.detail.state; $("live").className = e.detail.state; });
  const page = await herald.start();
  page.items.forEach((n) => items.set(n.id, n));
  $("badge").textContent = await herald.unreadCount();
  showPreferences(await herald.preferences());
  render();
  await Promise.all([showPush(), loadContacts()]);
}

async function reload() {
  const query = { limit: 50, ...views[view].query };
  if (category) query.category = category;
  const page = await herald.list(query);
  items.clear();
  page.items.forEach((n) => items.set(n.id, n));
  render();
}

async function publish(type) {
  const event = {
    specversion: "1.0", id: crypto.randomUUID(), source: "/demo", type, subject: user,
    datacontenttype: "application/json", data: samples[type](),
  };
  const response = await fetch("/api/events", {
    method: "POST",
    headers: { Authorization: "Bearer " + token, "Content-Type": "application/cloudevents+json" },
    body: JSON.stringify(event),
  });
  $("status").textContent = response.ok ? "Published " + type + "." : "Refused: " + (await response.json()).detail;
}

let toastTimer = null;
function toast(n) {
  $("toast").textContent = n.title;
  $("toast").hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { $("toast").hidden = true; }, 4000);
}

function render() {
  const shown = [...items.values()]
    .filter((n) => views[view].shows(n) && (!category || n.category === category))
    .sort((a, b) => b.seq - a.seq);
  $("items").replaceChildren(...shown.map(renderItem));
}

function button(label, action) {
  const b = document.createElement("button");
  b.textContent = label;
  b.onclick = () => action().catch((e) => { $("status").textContent = e.message; });
  return b;
}

function renderItem(n) {
  const li = document.createElement("li");
  li.className = n.read ? "read" : "";
  li.dataset.seq = n.seq;
  const text = document.createElement("div");
  const title = document.createElement("div");
  title.className = "title";
  title.textContent = n.title;
  const body = document.createElement("div");
  body.textContent = n.body;
  const meta = document.createElement("div");
  meta.className = "meta";
  meta.textContent = "#" + n.seq + " · " + n.category + (n.eventCount > 1 ? " · ×" + n.eventCount : "")
    + " · " + new Date(n.updatedAt).toLocaleTimeString()
    + (n.snoozedUntil ? " · snoozed until " + new Date(n.snoozedUntil).toLocaleString() : "");
  text.append(title, body, meta);
  if (deliveries.has(n.id)) text.append(renderDeliveries(deliveries.get(n.id)));
  const actions = document.createElement("div");
  actions.className = "actions";
  actions.append(n.read
    ? button("Mark unread", () => herald.change(n.id, "unread"))
    : button("Mark read", () => herald.markRead(n.id)));
  actions.append(n.archivedAt
    ? button("Unarchive", () => herald.change(n.id, "unarchive"))
    : button("Archive", () => herald.change(n.id, "archive")));
  actions.append(n.snoozedUntil
    ? button("Unsnooze", () => herald.change(n.id, "unsnooze"))
    : button("Snooze 1h", () => herald.snooze(n.id, new Date(Date.now() + 3600 * 1000))));
  actions.append(button("Delete", () => herald.remove(n.id)));
  const shown = deliveries.has(n.id);
  const toggle = button(shown ? "Hide deliveries" : "Deliveries", () => toggleDeliveries(n.id));
  toggle.setAttribute("aria-expanded", String(shown));
  actions.append(toggle);
  li.append(text, actions);
  return li;
}

// --- preferences: every control saves one change as a merge patch; other tabs get preferences.updated ---

function showPreferences(p) {
  preferences = p;
  $("muted").checked = p.muted;
  const categories = Object.keys(p.categories).sort();
  const used = CHANNELS.filter((c) => categories.some((name) => c in p.categories[name]));
  $("categories").tHead.rows[0].replaceChildren(...["Category", ...used].map((label) => {
    const th = document.createElement("th");
    th.textContent = label;
    return th;
  }));
  $("categories").tBodies[0].replaceChildren(...categories.map((name) => {
    const tr = document.createElement("tr");
    const label = document.createElement("td");
    label.textContent = name;
    tr.append(label);
    for (const channel of used) {
      const td = document.createElement("td");
      if (channel in p.categories[name]) {
        const box = document.createElement("input");
        box.type = "checkbox";
        box.checked = p.categories[name][channel];
        box.dataset.category = name;
        box.dataset.channel = channel;
        box.setAttribute("aria-label", name + " " + channel);
        box.onchange = () => save({ categories: { [name]: { [channel]: box.checked } } });
        td.append(box);
      }
      tr.append(td);
    }
    return tr;
  }));
  $("quiet-on").checked = p.quietHours !== null;
  if (p.quietHours) {
    $("quiet-start").value = p.quietHours.start;
    $("quiet-end").value = p.quietHours.end;
  }
  $("digest-email").value = p.digest.email.cadence;
  const filter = $("category-filter");
  const chosen = filter.value;
  filter.replaceChildren(new Option("all categories", ""), ...categories.map((name) => new Option(name, name)));
  filter.value = chosen;
}

async function save(patch) {
  try {
    showPreferences(await herald.patchPreferences(patch));
    $("prefs-status").textContent = "Saved.";
  } catch (e) {
    $("prefs-status").textContent = problemText(e);
  }
}

/** An error as one line: the problem's detail, then each field it points at ("/phone: must be ..."). */
function problemText(e) {
  const errors = (e.errors || []).map((x) => {
    const where = x.pointer || x.parameter;
    return where ? where + ": " + x.detail : x.detail;
  });
  return errors.length > 0 ? e.message + " " + errors.join("; ") : e.message;
}

function quietHours() {
  return $("quiet-on").checked
    ? { days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], start: $("quiet-start").value, end: $("quiet-end").value }
    : null;
}

// --- channels: push on this browser, where email and SMS go, and what happened on each channel ---

/** The push toggle: pressed while this browser's subscription is the user's on the server; disabled when impossible. */
async function showPush() {
  const toggle = $("push-toggle");
  toggle.disabled = true;
  toggle.setAttribute("aria-pressed", "false");
  if (!herald.pushSupported()) {
    $("push-note").textContent = "This browser cannot get web push (it needs https or localhost).";
    return;
  }
  try {
    await herald.pushPublicKey(); // 404: push is off on the server
    const [mine, subscriptions] = await Promise.all([herald.pushSubscription(), herald.pushSubscriptions()]);
    const on = mine !== null && subscriptions.some((s) => s.endpoint === mine.endpoint);
    toggle.setAttribute("aria-pressed", String(on));
    toggle.disabled = false;
    $("push-note").textContent = on ? "On: notifications reach this browser even with the page closed."
      : Notification.permission === "denied" ? "Off: notifications are blocked for this site in the browser's settings."
        : "Off.";
  } catch (e) {
    $("push-note").textContent = problemText(e);
  }
}

async function togglePush() {
  const toggle = $("push-toggle");
  const on = toggle.getAttribute("aria-pressed") === "true";
  toggle.disabled = true;
  $("push-note").textContent = on ? "Turning push off…" : "Turning push on…";
  try {
    if (on) await herald.disablePush();
    else await herald.enablePush();
    await showPush();
  } catch (e) {
    $("push-note").textContent = problemText(e);
    toggle.disabled = e.status === 404; // push was turned off on the server meanwhile
  }
}

const contactSources = {
  none: "No address yet.",
  token: "From your sign-in token.",
  user: "Set by you.",
  admin: "Set by an admin.",
};
const contactFields = { "/email": "contact-email", "/phone": "contact-phone" };

function showContacts(c) {
  $("contact-email").value = c.email || "";
  $("contact-phone").value = c.phone || "";
  for (const id of Object.values(contactFields)) $(id).removeAttribute("aria-invalid");
}

async function loadContacts() {
  try {
    const c = await herald.contacts();
    showContacts(c);
    $("contacts-status").textContent = contactSources[c.source] || "Source: " + c.source + ".";
  } catch (e) {
    $("contacts-status").textContent = problemText(e);
  }
}

async function saveContacts(event) {
  event.preventDefault();
  for (const id of Object.values(contactFields)) $(id).removeAttribute("aria-invalid");
  const value = (id) => $(id).value.trim() || null; // empty clears
  try {
    showContacts(await herald.setContacts({ email: value("contact-email"), phone: value("contact-phone") }));
    $("contacts-status").textContent = "Saved.";
  } catch (e) {
    $("contacts-status").textContent = problemText(e);
    for (const x of e.errors || []) {
      if (contactFields[x.pointer]) $(contactFields[x.pointer]).setAttribute("aria-invalid", "true");
    }
  }
}

async function toggleDeliveries(id) {
  if (deliveries.has(id)) {
    deliveries.delete(id);
    render();
    return;
  }
  const shown = { items: null, error: null };
  deliveries.set(id, shown);
  render();
  await loadDeliveries(id, shown, 0);
}

/** Fetches the deliveries into `shown` while they are shown; looks again while one is still queued or sending. */
async function loadDeliveries(id, shown, polls) {
  try {
    shown.items = await herald.deliveries(id);
    shown.error = null;
  } catch (e) {
    shown.error = e;
  }
  if (deliveries.get(id) !== shown) return; // hidden meanwhile
  render();
  const moving = shown.items && shown.items.some((d) => d.status === "queued" || d.status === "sending");
  if (moving && polls < 10) {
    setTimeout(() => { if (deliveries.get(id) === shown) loadDeliveries(id, shown, polls + 1); }, 2000);
  }
}

const STATUSES = new Set(["held", "digest", "queued", "sending", "sent", "delivered", "failed", "dead", "skipped"]);

/** One chip per channel besides the inbox: "email: delivered", "push: skipped (no address…)"; details on hover. */
function renderDeliveries(shown) {
  const list = document.createElement("div");
  list.className = "deliveries";
  list.setAttribute("role", "list");
  list.setAttribute("aria-label", "deliveries");
  const chip = (text, kind, details) => {
    const span = document.createElement("span");
    span.className = "chip" + (kind ? " " + kind : "");
    span.setAttribute("role", "listitem");
    span.textContent = text;
    if (details) span.title = details;
    return span;
  };
  if (shown.error) {
    list.append(chip("deliveries: " + problemText(shown.error), "error"));
  } else if (shown.items === null) {
    list.append(chip("loading…", "loading"));
  } else if (shown.items.length === 0) {
    list.append(chip("in app only", ""));
  } else {
    for (const d of shown.items) {
      const reason = d.reason ? " (" + short(d.reason) + ")" : "";
      const tries = d.attempts > 1 ? " · " + d.attempts + " attempts" : "";
      const last = d.attemptLog && d.attemptLog.length > 0 ? d.attemptLog[d.attemptLog.length - 1] : null;
      const details = [
        d.reason,
        d.attempts + (d.attempts === 1 ? " attempt" : " attempts"),
        last && [last.outcome, last.statusCode, last.answer].filter((x) => x !== undefined && x !== null).join(" "),
        d.dueAt && "next at " + new Date(d.dueAt).toLocaleString(),
      ].filter(Boolean).join("\n");
      list.append(chip(d.channel + ": " + d.status + reason + tries, STATUSES.has(d.status) ? d.status : "", details));
    }
  }
  return list;
}

/** A reason up to its first colon ("no address…"), at most 40 characters. */
function short(reason) {
  const head = reason.split(":")[0];
  const text = head.length < reason.length ? head + "…" : reason;
  return text.length > 40 ? text.slice(0, 39) + "…" : text;
}

$("signin-form").addEventListener("submit", signIn);
$("read-all").addEventListener("click", () => herald.markAllRead());
$("prefs-toggle").addEventListener("click", () => { $("preferences").hidden = !$("preferences").hidden; });
$("muted").addEventListener("change", () => save({ muted: $("muted").checked }));
for (const id of ["quiet-on", "quiet-start", "quiet-end"]) {
  $(id).addEventListener("change", () => save({ quietHours: quietHours() }));
}
$("digest-email").addEventListener("change", () => {
  const cadence = $("digest-email").value;
  save({ digest: { email: { cadence, at: cadence === "daily" ? "08:00" : null } } });
});
$("category-filter").addEventListener("change", () => { category = $("category-filter").value; reload(); });
$("preferences").addEventListener("submit", (e) => e.preventDefault());
$("push-toggle").addEventListener("click", togglePush);
$("contacts-form").addEventListener("submit", saveContacts);
for (const b of document.querySelectorAll("#views button")) {
  b.addEventListener("click", () => {
    view = b.dataset.view;
    document.querySelectorAll("#views button").forEach((x) => x.classList.toggle("current", x === b));
    reload();
  });
}
for (const type of Object.keys(samples)) {
  const button = document.createElement("button");
  button.textContent = type;
  button.onclick = () => publish(type);
  $("samples").append(button);
}
