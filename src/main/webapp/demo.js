// Herald demo inbox, built on herald-client.js: dev sign-in, sample events, a live list and badge.
import { HeraldClient } from "./herald-client.js";

const $ = (id) => document.getElementById(id);
let token = null;
let user = null;
let herald = null;
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
  herald.addEventListener("created", (e) => { items.set(e.detail.notification.id, e.detail.notification); render(); });
  herald.addEventListener("updated", (e) => { items.set(e.detail.notification.id, e.detail.notification); render(); });
  herald.addEventListener("deleted", (e) => { items.delete(e.detail.id); render(); });
  herald.addEventListener("unread", (e) => { $("badge").textContent = e.detail.count; });
  herald.addEventListener("gap", () => reload());
  herald.addEventListener("status", (e) => { $("live").textContent = e.detail.state; $("live").className = e.detail.state; });
  const page = await herald.start();
  page.items.forEach((n) => items.set(n.id, n));
  $("badge").textContent = await herald.unreadCount();
  render();
}

async function reload() {
  const page = await herald.list({ limit: 50 });
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

function render() {
  const sorted = [...items.values()].filter((n) => !n.archivedAt).sort((a, b) => b.seq - a.seq);
  $("items").replaceChildren(...sorted.map(renderItem));
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
    + " · " + new Date(n.updatedAt).toLocaleTimeString();
  text.append(title, body, meta);
  li.append(text);
  if (!n.read) {
    const button = document.createElement("button");
    button.textContent = "Mark read";
    button.onclick = () => herald.markRead(n.id);
    li.append(button);
  }
  return li;
}

$("signin-form").addEventListener("submit", signIn);
$("read-all").addEventListener("click", () => herald.markAllRead());
for (const type of Object.keys(samples)) {
  const button = document.createElement("button");
  button.textContent = type;
  button.onclick = () => publish(type);
  $("samples").append(button);
}
