// Herald demo inbox: signs in with a dev token, publishes sample events and shows the inbox.
// It polls the REST API every two seconds; live WebSocket push replaces the polling in a later release.
(() => {
  "use strict";
  let token = null;
  let user = null;
  const $ = (id) => document.getElementById(id);

  const samples = {
    "post.liked": () => ({ actor: { id: "u-ana", name: "Ana" }, post: { id: "p1", title: "My first post" } }),
    "post.commented": () => ({ actor: { name: "Ben" }, post: { title: "My first post" }, comment: { text: "Nice!" } }),
    "user.followed": () => ({ actor: { name: "Cleo" } }),
    "mission.completed": () => ({ mission: { name: "Onboarding", points: 50 } }),
  };

  async function api(method, path, body, contentType) {
    const headers = { Authorization: "Bearer " + token };
    if (body !== undefined) headers["Content-Type"] = contentType || "application/json";
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    const json = text ? JSON.parse(text) : null;
    if (!response.ok) throw new Error((json && json.detail) || response.status + " " + response.statusText);
    return json;
  }

  async function signIn(event) {
    event.preventDefault();
    user = $("user").value.trim();
    const response = await fetch("/api/dev/tokens", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sub: user, groups: ["user", "publisher"] }),
    });
    if (!response.ok) { alert("Dev tokens are disabled on this server."); return; }
    token = (await response.json()).token;
    $("who").textContent = user;
    $("signin").hidden = true;
    $("inbox").hidden = false;
    refresh();
    setInterval(refresh, 2000);
  }

  async function publish(type) {
    const event = {
      specversion: "1.0", id: crypto.randomUUID(), source: "/demo", type, subject: user,
      datacontenttype: "application/json", data: samples[type](),
    };
    try {
      await api("POST", "/api/events", event, "application/cloudevents+json");
      $("status").textContent = "Published " + type + "; it appears once stored.";
    } catch (e) { $("status").textContent = "Refused: " + e.message; }
  }

  async function markRead(id) {
    await api("POST", "/api/notifications/" + encodeURIComponent(id) + "/read");
    refresh();
  }

  async function refresh() {
    try {
      const [page, unread] = await Promise.all([
        api("GET", "/api/notifications?limit=50"), api("GET", "/api/notifications/unread-count")]);
      $("badge").textContent = unread.count;
      const list = $("items");
      list.replaceChildren(...page.items.map(render));
    } catch (e) { $("status").textContent = e.message; }
  }

  function render(n) {
    const li = document.createElement("li");
    li.className = n.read ? "read" : "";
    const text = document.createElement("div");
    const title = document.createElement("div");
    title.className = "title";
    title.textContent = n.title;
    const body = document.createElement("div");
    body.textContent = n.body;
    const meta = document.createElement("div");
    meta.className = "meta";
    meta.textContent = "#" + n.seq + " · " + n.category + " · " + new Date(n.createdAt).toLocaleTimeString();
    text.append(title, body, meta);
    li.append(text);
    if (!n.read) {
      const button = document.createElement("button");
      button.textContent = "Mark read";
      button.onclick = () => markRead(n.id);
      li.append(button);
    }
    return li;
  }

  $("signin-form").addEventListener("submit", signIn);
  for (const type of Object.keys(samples)) {
    const button = document.createElement("button");
    button.textContent = type;
    button.onclick = () => publish(type);
    $("samples").append(button);
  }
})();
