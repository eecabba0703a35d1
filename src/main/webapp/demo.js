// Herald demo inbox, built on herald-client.js: dev sign-in, sample events, a live list with filters, badge and
// toasts, every notification state (read, archive, snooze, delete), and a preferences panel kept in sync across tabs.
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
  herald.addEventListener("deleted", (e) => { items.delete(e.detail.id); render(); });
  herald.addEventListener("unread", (e) => { $("badge").textContent = e.detail.count; });
  herald.addEventListener("preferences", (e) => showPreferences(e.detail.preferences));
  herald.addEventListener("gap", () => reload());
  herald.addEventListener("status", (e) => { $("live").textContent = e.detail.state; $("live").className = e.detail.state; });
  const page = await herald.start();
  page.items.forEach((n) => items.set(n.id, n));
  $("badge").textContent = await herald.unreadCount();
  showPreferences(await herald.preferences());
  render();
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
    $("prefs-status").textContent = e.message + " " + e.errors.map((x) => (x.pointer || x.parameter) + ": " + x.detail).join("; ");
  }
}

function quietHours() {
  return $("quiet-on").checked
    ? { days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], start: $("quiet-start").value, end: $("quiet-end").value }
    : null;
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
