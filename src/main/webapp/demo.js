// Herald's demo page, built from the drop-in elements as an application would embed them (herald-elements.js):
// dev sign-in, sample events, and beside the elements what stays the application's own: toasts for live arrivals,
// web push on this browser, and the user's email address and phone number.
import { configure } from "./herald-elements.js";

const $ = (id) => document.getElementById(id);
let token = null;
let user = null;
let herald = null;

// likes, comments and follows come from a random actor, so repeated clicks show aggregation ("Ana, Ben and 2 others")
const people = ["Ana", "Ben", "Chen", "Dana", "Emil", "Fatou", "Gus"];
const someone = () => { const name = people[Math.floor(Math.random() * people.length)]; return { id: "u-" + name.toLowerCase(), name }; };
const samples = {
  "post.liked": () => ({ actor: someone(), post: { id: "p1", title: "My first post" } }),
  "post.commented": () => ({ actor: someone(), post: { id: "p1", title: "My first post" }, comment: { text: "Nice!" } }),
  "user.followed": () => ({ actor: someone() }),
  "mission.completed": () => ({ mission: { name: "Onboarding", points: 50 } }),
  // producers' text is data: the elements show it as text, never as markup
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
    $("signin").append(Object.assign(document.createElement("p"), { textContent: "Dev tokens are disabled on this server." }));
    return;
  }
  token = (await response.json()).token;
  document.documentElement.lang = $("lang").value;
  $("who").textContent = user;
  $("signin").hidden = true;
  $("app").hidden = false;
  $("bell").hidden = false;

  herald = configure({ getToken: async () => token });
  herald.addEventListener("created", (e) => { if (!e.detail.silent) toast(e.detail.notification); });
  herald.addEventListener("status", (e) => { $("live").textContent = e.detail.state; $("live").className = e.detail.state; });
  await Promise.all([showPush(), loadContacts()]);
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

/** An error as one line: the problem's detail, then each field it points at ("/phone: must be ..."). */
function problemText(e) {
  const errors = (e.errors || []).map((x) => {
    const where = x.pointer || x.parameter;
    return where ? where + ": " + x.detail : x.detail;
  });
  return errors.length > 0 ? e.message + " " + errors.join("; ") : e.message;
}

// --- channels: push on this browser, where email and SMS go ---

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

$("signin-form").addEventListener("submit", signIn);
$("push-toggle").addEventListener("click", togglePush);
$("contacts-form").addEventListener("submit", saveContacts);
for (const type of Object.keys(samples)) {
  const button = document.createElement("button");
  button.textContent = type;
  button.onclick = () => publish(type);
  $("samples").append(button);
}
