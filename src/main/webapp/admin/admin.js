// Herald operations console: flow (polled), parked records and dead letters, a user's story, analytics and the audit
// trail, on the /api/admin/... operations API. No framework and no dependencies.
//
// Everything the server sends is data, some of it written by whoever publishes events (payloads, titles, errors): it
// goes into the page with textContent and createElement only, never as markup. The token is kept in memory, and a
// pasted one in this tab's sessionStorage; never in the URL.

const $ = (id) => document.getElementById(id);
const TOKEN_KEY = "herald.admin.token";
// the API next to this page: /ctx/admin/ -> /ctx/api/
const API = location.pathname.replace(/\/admin(\/[^/]*)?$/, "") + "/api/";
const FLOW_INTERVAL_MS = 2000;
const SAMPLES = 60;
const SVG_NS = "http://www.w3.org/2000/svg";
const TABS = ["flow", "letters", "story", "analytics", "types", "audit"];
const AUDIT_ACTIONS = ["intake.pause", "intake.resume", "events.replay", "parked.replay", "parked.discard",
  "dead-letters.replay", "dead-letters.discard", "catalog.reload", "webhook.create", "webhook.update",
  "webhook.rotate-secret", "webhook.delete", "contacts.update", "retention.run", "event.cancel"];

let token = null;
let mode = null; // "dev" (minted here) or "pasted"
let currentTab = null;

// ---------------------------------------------------------------------------------------------------------------
// DOM and formatting helpers

/** An element: el("td", {className: "n", title: "..."}, "text", child). Strings become text nodes. */
function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (key === "dataset") Object.assign(node.dataset, value);
    else if (key === "attrs") for (const [name, v] of Object.entries(value)) node.setAttribute(name, v);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node[key] = value;
  }
  append(node, children);
  return node;
}

/** An SVG element; attribute values are set as attributes, text children as text nodes. */
function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null) node.setAttribute(name, String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === "string" || typeof child === "number" ? String(child) : child);
  }
}

const pad = (n) => String(n).padStart(2, "0");

/** An instant in local time, "2026-11-29 20:40:00"; the ISO text is kept for the title. */
function fmtTime(iso) {
  if (!iso) return "—";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + " " + pad(d.getHours()) + ":"
    + pad(d.getMinutes()) + ":" + pad(d.getSeconds());
}

function clock(d = new Date()) {
  return pad(d.getHours()) + ":" + pad(d.getMinutes()) + ":" + pad(d.getSeconds());
}

/** A time element showing local time, with the instant as the server said it on hover. */
function timeCell(iso) {
  return el("time", { dateTime: iso || "", title: iso || "", textContent: fmtTime(iso) });
}

function fmtAgo(iso) {
  if (!iso) return "—";
  const seconds = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
  if (Number.isNaN(seconds)) return String(iso);
  if (seconds < 2) return "just now";
  return fmtDuration(seconds) + " ago";
}

const intFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const rateFormat = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

function fmtInt(n) {
  return n === null || n === undefined || Number.isNaN(Number(n)) ? "—" : intFormat.format(n);
}

function fmtRate(n) {
  return n === null || n === undefined || Number.isNaN(Number(n)) ? "—" : rateFormat.format(n);
}

function fmtPercent(rate) {
  return rate === null || rate === undefined ? "—" : Math.round(rate * 1000) / 10 + " %";
}

/** 95 -> "1 min 35 s", 7260 -> "2 h 1 min", 42 -> "42 s". */
function fmtDuration(seconds) {
  if (seconds === null || seconds === undefined || Number.isNaN(Number(seconds))) return "—";
  let s = Math.max(0, Math.round(Number(seconds)));
  if (s < 60) return s + " s";
  const parts = [];
  const units = [["d", 86400], ["h", 3600], ["min", 60], ["s", 1]];
  for (const [unit, size] of units) {
    if (s >= size) {
      parts.push(Math.floor(s / size) + " " + unit);
      s %= size;
    }
    if (parts.length === 2) break;
    if (parts.length === 1 && s === 0) break;
  }
  return parts.join(" ");
}

/** A datetime-local input as an ISO instant, or null when empty. */
function inputInstant(id) {
  const value = $(id).value;
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function chip(text, kind, title) {
  return el("span", { className: "chip" + (kind ? " " + kind : ""), textContent: text, title });
}

/** Replaces a table body's rows; an empty body shows a note under the table instead of a placeholder row. */
function setRows(tbody, rows, emptyText) {
  tbody.replaceChildren(...rows);
  const table = tbody.closest("table");
  let note = table.nextElementSibling;
  if (!note || !note.classList.contains("auto-empty")) {
    note = el("p", { className: "empty auto-empty" });
    table.after(note);
  }
  note.textContent = emptyText || "";
  note.hidden = rows.length > 0 || !emptyText;
}

// ---------------------------------------------------------------------------------------------------------------
// API calls and errors

/** A refused call: the problem's detail and the fields it points at. */
class ApiError extends Error {
  constructor(status, problem, fallback) {
    super((problem && (problem.detail || problem.title)) || fallback || "HTTP " + status);
    this.status = status;
    this.title = problem && problem.title;
    this.errors = (problem && Array.isArray(problem.errors)) ? problem.errors : [];
  }
}

/** An error as one line: "detail — /pointer: message; ...". An errors[] entry may say message or detail, and point
 * with pointer (into the body) or parameter (a query parameter). */
function problemText(e) {
  const lead = e.status ? e.message + " (" + e.status + (e.title && e.title !== e.message ? " " + e.title : "") + ")"
    : e.message;
  const errors = (e.errors || []).map((x) => {
    const where = x.pointer || x.parameter;
    const what = x.message || x.detail || "";
    return where ? where + ": " + what : what;
  }).filter(Boolean);
  return errors.length > 0 ? lead + " — " + errors.join("; ") : lead;
}

function showProblem(id, error) {
  const node = $(id);
  if (!error) {
    node.hidden = true;
    node.replaceChildren();
    return;
  }
  node.hidden = false;
  node.replaceChildren(el("b", { textContent: error.status ? "Refused: " : "Failed: " }), problemText(error));
}

async function api(path, { method = "GET", body, query } = {}, retried = false) {
  let url = API + path;
  if (query) {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (value !== null && value !== undefined && value !== "") params.set(name, String(value));
    }
    if ([...params].length > 0) url += "?" + params;
  }
  const headers = { Accept: "application/json, application/problem+json" };
  if (token) headers.Authorization = "Bearer " + token;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(url, {
      method, headers, cache: "no-store", body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, null, "The server did not answer (" + e.message + ").");
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (response.status === 401 && mode === "dev" && !retried && await mintDevToken()) {
    return api(path, { method, body, query }, true); // the dev token expired: mint another
  }
  if (!response.ok) {
    const error = new ApiError(response.status, json, response.status + " " + response.statusText);
    if (response.status === 401 || response.status === 403) signedOut(error);
    throw error;
  }
  if (text && json === null) throw new ApiError(0, null, "The server's answer is not JSON.");
  return json;
}

// ---------------------------------------------------------------------------------------------------------------
// Signing in

async function mintDevToken() {
  try {
    const response = await fetch(API + "dev/tokens", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ sub: "ops", groups: ["admin"] }),
      cache: "no-store",
    });
    if (response.status !== 200) return false;
    const answer = await response.json();
    if (!answer || typeof answer.token !== "string" || !answer.token) return false;
    token = answer.token;
    return true;
  } catch {
    return false;
  }
}

async function start() {
  const saved = sessionStorage.getItem(TOKEN_KEY);
  if (saved) {
    token = saved;
    enter("pasted");
  } else if (await mintDevToken()) {
    enter("dev");
  } else {
    showSignin(null);
  }
}

function enter(how) {
  mode = how;
  $("signin").hidden = true;
  $("console").hidden = false;
  $("dev-note").hidden = how !== "dev";
  $("token-note").hidden = how !== "pasted";
  $("sign-out").hidden = how !== "pasted";
  currentTab = null; // (again) signed in: the section shown loads afresh
  loaded.clear();
  startFlow();
  showTab(TABS.includes(location.hash.slice(1)) ? location.hash.slice(1) : "flow");
}

function showSignin(error) {
  stopFlow();
  $("console").hidden = true;
  $("signin").hidden = false;
  $("dev-note").hidden = true;
  $("token-note").hidden = true;
  $("sign-out").hidden = true;
  const message = $("auth-message");
  message.hidden = !error;
  if (error) {
    const said = error.message.replace(/[.\s]+$/, "");
    message.textContent = error.status === 403
      ? "This token is valid but does not have the admin role (403 Forbidden; the server said: " + said
        + "). Paste an admin's token."
      : "The server did not accept the token (" + error.status + "; the server said: " + said
        + "). It may have expired; paste a fresh admin token.";
  }
  $("token-input").focus();
}

/** A 401 or 403: forget the token and ask for another. */
function signedOut(error) {
  if (!token) return;
  token = null;
  mode = null;
  sessionStorage.removeItem(TOKEN_KEY);
  showSignin(error);
}

$("token-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const value = $("token-input").value.trim().replace(/^Bearer\s+/i, "");
  if (!value) return;
  $("token-input").value = "";
  token = value;
  sessionStorage.setItem(TOKEN_KEY, value);
  enter("pasted");
});

$("sign-out").addEventListener("click", () => {
  sessionStorage.removeItem(TOKEN_KEY);
  token = null;
  mode = null;
  showSignin(null);
});

// ---------------------------------------------------------------------------------------------------------------
// Tabs and the message line

const loaded = new Set();

function showTab(name) {
  if (!TABS.includes(name)) name = "flow";
  const entering = currentTab !== name;
  currentTab = name;
  for (const tab of TABS) {
    $(tab).hidden = tab !== name;
    $("tab-" + tab).setAttribute("aria-selected", String(tab === name));
    $("tab-" + tab).tabIndex = tab === name ? 0 : -1;
  }
  if (location.hash !== "#" + name) history.replaceState(null, "", "#" + name);
  if (!entering || !token) return;
  $("ops-message").replaceChildren(); // a result belongs to the section it was got in
  if (name === "letters") {
    loadParked();
    loadDead();
  } else if (name === "audit") {
    loadAudit();
  } else if (name === "analytics" && !loaded.has("analytics")) {
    loaded.add("analytics");
    resetAnalyticsRange();
    loadAnalytics();
  } else if (name === "analytics" && lastAnalytics) {
    renderAnalytics(lastAnalytics); // drawn again at the widths it has now (it may have been drawn while hidden)
  } else if (name === "story") {
    $("story-query").focus();
  } else if (name === "types" && !loaded.has("types")) {
    loaded.add("types");
    loadTypes();
  }
}

for (const button of document.querySelectorAll("#tabs [role=tab]")) {
  button.addEventListener("click", () => showTab(button.dataset.tab));
  button.addEventListener("keydown", (event) => {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    const next = TABS[(TABS.indexOf(currentTab) + step + TABS.length) % TABS.length];
    showTab(next);
    $("tab-" + next).focus();
  });
}
window.addEventListener("hashchange", () => {
  if (token) showTab(location.hash.slice(1));
});

/** The result of an operator's action, kept until the next one: "20:40:02 · Dead letters: replayed 1." */
function say(text, kind = "ok") {
  const message = $("ops-message");
  message.className = kind;
  message.replaceChildren(el("span", { className: "at", textContent: clock() }), " " + text);
}

// ---------------------------------------------------------------------------------------------------------------
// Flow

// generation: a poll started before a stop (or a restart) neither renders nor schedules another
const flow = { timer: null, generation: 0, samples: [], last: null, switching: false };

function startFlow() {
  stopFlow();
  pollFlow(flow.generation);
}

function stopFlow() {
  clearTimeout(flow.timer);
  flow.timer = null;
  flow.generation++;
}

async function pollFlow(generation) {
  flow.timer = null;
  if (!token || generation !== flow.generation) return;
  if (!document.hidden) {
    try {
      const answer = await api("admin/flow");
      if (generation !== flow.generation) return;
      renderFlow(answer);
      showProblem("flow-error", null);
    } catch (e) {
      if (generation !== flow.generation) return;
      showProblem("flow-error", e);
      $("flow-updated").classList.add("stale");
    }
  }
  if (token && generation === flow.generation) {
    flow.timer = setTimeout(() => pollFlow(generation), FLOW_INTERVAL_MS);
  }
}

document.addEventListener("visibilitychange", () => {
  if (!document.hidden && token && flow.timer !== null) startFlow(); // at once, not up to 2 s later
});

const sum = (values) => values.reduce((total, v) => total + (Number(v) || 0), 0);

function renderFlow(f) {
  flow.last = f;
  renderIntake(f.intake || {});

  const kafka = f.kafka || {};
  $("flow-kafka").textContent = kafka.reachable ? "reachable" : "unreachable";
  $("flow-kafka").className = "state " + (kafka.reachable ? "good" : "bad");
  $("flow-kafka-error").textContent = kafka.error || (kafka.reachable ? "" : "no reason given");

  const instances = Array.isArray(f.instances) ? f.instances : [];
  const groups = Array.isArray(f.groups) ? f.groups : [];
  const topics = Array.isArray(f.topics) ? f.topics : [];
  const records = instances.length > 0 ? sum(instances.map((i) => i.intake && i.intake.recordsPerSecond)) : null;
  const lag = groups.length > 0 ? sum(groups.map((g) => g.lag)) : null;
  flow.samples.push({ records, lag });
  if (flow.samples.length > SAMPLES) flow.samples.shift();
  $("flow-records").textContent = fmtRate(records);
  $("flow-lag").textContent = fmtInt(lag);
  $("spark-records").replaceChildren(sparkline(flow.samples.map((s) => s.records), "records/s"));
  $("spark-lag").replaceChildren(sparkline(flow.samples.map((s) => s.lag), "lag"));
  $("flow-parked").textContent = fmtInt(f.parked);
  $("flow-parked").classList.toggle("attention", f.parked > 0);
  $("flow-dead").textContent = fmtInt(f.deadLetters);
  $("flow-dead").classList.toggle("attention", f.deadLetters > 0);

  setRows($("flow-topics").tBodies[0], topics.map((t) => {
    const partitions = Array.isArray(t.partitions) ? t.partitions : [];
    return el("tr", {},
      el("td", { className: "mono" }, t.name),
      el("td", { className: "n" }, fmtInt(partitions.length)),
      el("td", { className: "n mono" }, fmtInt(t.endOffset)),
      el("td", { className: "n", title: t.ratePerSecond === null ? "known after two samples" : "" },
        fmtRate(t.ratePerSecond)),
      el("td", {}, el("div", { className: "partitions" }, partitions.map((p) =>
        el("span", { className: "offset mono" }, el("b", {}, String(p.partition)), " " + fmtInt(p.endOffset))))));
  }), kafka.reachable ? "No topics." : "No topics: Kafka is not reachable.");

  setRows($("flow-groups").tBodies[0], groups.map((g) => {
    const partitions = Array.isArray(g.partitions) ? g.partitions : [];
    const most = Math.max(1, ...partitions.map((p) => Number(p.lag) || 0));
    const state = String(g.state || "—");
    return el("tr", {},
      el("td", { className: "mono" }, g.group),
      el("td", {}, chip(g.role || "—", "role")),
      el("td", {}, el("span", { className: "group-state " + state.toLowerCase() }, state)),
      el("td", { className: "n" }, fmtInt(g.members)),
      el("td", { className: "n mono" + (g.lag > 0 ? " lagging" : "") }, fmtInt(g.lag)),
      el("td", {}, partitions.length === 0
        ? el("span", { className: "note" }, "no committed offsets: lag as the instances report it")
        : el("div", { className: "lags" }, partitions.map((p) => el("div", {
          className: "lag-row", title: p.topic + " partition " + p.partition + ": committed " + fmtInt(p.committed)
            + ", end " + fmtInt(p.endOffset) + ", lag " + fmtInt(p.lag),
        },
        el("span", { className: "mono where" }, p.topic + "/" + p.partition),
        el("span", { className: "bar-track" }, el("span", {
          className: "bar-fill" + (p.lag > 0 ? "" : " zero"),
          style: "width:" + (p.lag > 0 ? Math.max(3, Math.round(100 * p.lag / most)) : 0) + "%",
        })),
        el("span", { className: "mono numbers" }, fmtInt(p.committed) + " / " + fmtInt(p.endOffset)),
        el("span", { className: "mono n lag-value" + (p.lag > 0 ? " lagging" : "") }, fmtInt(p.lag)))))));
  }), kafka.reachable ? "No consumer groups." : "No consumer groups: Kafka is not reachable.");

  setRows($("flow-instances").tBodies[0], instances.map((i) => {
    const intake = i.intake || {};
    const stale = i.seenAt && Date.now() - new Date(i.seenAt).getTime() > 30000;
    return el("tr", { className: stale ? "stale" : "" },
      el("td", { className: "mono" }, i.instance),
      el("td", { title: i.seenAt || "" }, fmtAgo(i.seenAt)),
      el("td", { className: "n" }, fmtInt(i.sockets)),
      el("td", { className: "n" }, fmtRate(i.framesPerSecond)),
      el("td", { className: "n" }, fmtRate(intake.batchesPerSecond)),
      el("td", { className: "n" }, fmtRate(intake.recordsPerSecond)),
      el("td", { className: "n" }, fmtRate(intake.batchMillisAvg)),
      el("td", { className: "n mono" }, fmtInt(intake.lag)),
      el("td", { className: "n mono" }, fmtInt(i.deliveries && i.deliveries.lag)));
  }), "No instance has reported yet.");

  const updated = $("flow-updated");
  updated.textContent = "updated " + clock();
  updated.title = "server time " + (f.at || "unknown");
  updated.classList.remove("stale");
}

function renderIntake(intake) {
  const paused = intake.paused === true;
  $("flow-paused").textContent = paused ? "paused" : "running";
  $("flow-paused").className = "state " + (paused ? "bad" : "good");
  $("flow-changed").replaceChildren(...(intake.changedAt
    ? [(paused ? "paused" : "resumed") + " by ", el("b", {}, intake.changedBy || "?"), " at ",
      timeCell(intake.changedAt)]
    : ["never paused"]));
  const button = $("flow-pause");
  button.textContent = paused ? "Resume intake" : "Pause intake";
  button.dataset.paused = String(paused);
  button.className = paused ? "primary" : "danger";
  button.disabled = flow.switching;
}

$("flow-pause").addEventListener("click", async () => {
  const pause = $("flow-pause").dataset.paused !== "true";
  if (pause && !confirm("Pause intake on every instance? Events wait in Kafka until intake is resumed.")) return;
  flow.switching = true;
  $("flow-pause").disabled = true;
  try {
    const answer = await api("admin/intake", { method: "POST", body: { paused: pause } });
    const followed = !answer || !answer.thisInstance || answer.thisInstance.paused === pause;
    say(followed
      ? (pause ? "Intake paused: every instance stops taking events within about a second." : "Intake resumed.")
      : "The switch is " + (pause ? "paused" : "running") + ", but the instance that answered has not followed it"
        + " yet (is its Kafka consumer connected?); the flow shows each instance.", followed ? undefined : "error");
    flow.switching = false;
    renderIntake(answer || { paused: pause });
    startFlow(); // the rest of the picture now, not in up to 2 s
  } catch (e) {
    flow.switching = false;
    say("Intake " + (pause ? "pause" : "resume") + " failed: " + problemText(e), "error");
    $("flow-pause").disabled = false;
  }
});

/** A small line of the last samples (nulls are gaps), scaled to its own range, with the range in its title. */
function sparkline(values, label) {
  const width = 180;
  const height = 36;
  const known = values.filter((v) => v !== null && v !== undefined);
  const chart = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, class: "sparkline", role: "img",
    "aria-label": label + " over the last " + values.length + " samples" });
  if (known.length === 0) return chart;
  const max = Math.max(...known);
  const min = Math.min(0, ...known);
  const span = max - min || 1;
  const x = (i) => (SAMPLES - values.length + i) * (width - 4) / (SAMPLES - 1) + 2;
  const y = (v) => height - 3 - (v - min) / span * (height - 6);
  let d = "";
  let pen = false;
  values.forEach((v, i) => {
    if (v === null || v === undefined) {
      pen = false;
      return;
    }
    d += (pen ? "L" : "M") + x(i).toFixed(1) + " " + y(v).toFixed(1) + " ";
    pen = true;
  });
  const lastIndex = values.length - 1;
  const last = values[lastIndex];
  chart.append(
    svg("line", { x1: 0, x2: width, y1: height - 3, y2: height - 3, class: "spark-base" }),
    svg("path", { d: d.trim(), class: "spark-line" }),
    svg("title", {}, label + ": min " + fmtRate(Math.min(...known)) + ", max " + fmtRate(max)
      + " over the last " + values.length + " samples (every 2 s)"));
  if (last !== null && last !== undefined) {
    chart.append(svg("circle", { cx: x(lastIndex), cy: y(last), r: 2.5, class: "spark-dot" }));
  }
  return chart;
}

// ---------------------------------------------------------------------------------------------------------------
// Parked records and dead letters: two lists that work the same way

const lists = {
  parked: {
    path: "admin/parked-events",
    noun: "Parked records",
    idOf: (item) => item.id,
    items: [],
    selected: new Set(),
    open: new Set(),
    query() {
      return { limit: 50, reason: $("parked-reason").value.trim(), from: inputInstant("parked-from"),
        to: inputInstant("parked-to") };
    },
    filterBody() {
      const q = this.query();
      const body = {};
      if (q.reason) body.reason = q.reason;
      if (q.from) body.from = q.from;
      if (q.to) body.to = q.to;
      return body;
    },
    describeFilter: "reason, from or to",
    selectable: () => true,
    row: parkedRow,
    detail: parkedDetail,
    columns: 6,
  },
  dead: {
    path: "admin/dead-letters",
    noun: "Dead letters",
    idOf: (item) => item.deliveryId,
    items: [],
    selected: new Set(),
    open: new Set(),
    query() {
      return { limit: 50, channel: $("dead-channel").value, error: $("dead-error").value.trim(),
        from: inputInstant("dead-from"), to: inputInstant("dead-to"),
        resolved: $("dead-resolved").checked ? "true" : "false" };
    },
    filterBody() {
      const q = this.query();
      const body = {};
      for (const name of ["channel", "from", "to", "error"]) if (q[name]) body[name] = q[name];
      return body;
    },
    describeFilter: "channel, error, from or to",
    selectable: (item) => !item.resolution,
    row: deadRow,
    detail: deadDetail,
    columns: 8,
  },
};

const loadParked = () => loadList("parked");
const loadDead = () => loadList("dead");

async function loadList(name) {
  const list = lists[name];
  const errorId = name === "parked" ? "parked-error" : "dead-error-message";
  try {
    const answer = await api(list.path, { query: list.query() });
    list.items = Array.isArray(answer && answer.items) ? answer.items : [];
    list.total = answer && typeof answer.total === "number" ? answer.total : null;
    const present = new Set(list.items.map(list.idOf));
    for (const id of [...list.selected]) if (!present.has(id)) list.selected.delete(id);
    showProblem(errorId, null);
  } catch (e) {
    list.items = [];
    list.total = null;
    showProblem(errorId, e);
  }
  renderList(name);
}

function renderList(name) {
  const list = lists[name];
  const rows = [];
  for (const item of list.items) {
    const id = list.idOf(item);
    const open = list.open.has(id);
    const tr = list.row(item, open);
    tr.classList.add("row");
    tr.dataset.id = id;
    const box = el("input", {
      type: "checkbox", checked: list.selected.has(id), disabled: !list.selectable(item),
      attrs: { "aria-label": "select " + id },
      onchange: (event) => {
        if (event.target.checked) list.selected.add(id);
        else list.selected.delete(id);
        updateSelection(name);
      },
    });
    tr.prepend(el("td", { className: "check" }, box));
    rows.push(tr);
    if (open) {
      rows.push(el("tr", { className: "detail", dataset: { for: id } },
        el("td", { colSpan: list.columns }, list.detail(item))));
    }
  }
  $(name + "-list").replaceChildren(...rows);
  $(name + "-empty").hidden = list.items.length > 0;
  $(name + "-total").textContent = list.items.length === 0 ? ""
    : "(" + (list.total !== null && list.total !== undefined && list.total > list.items.length
      ? list.items.length + " newest of " + fmtInt(list.total) : fmtInt(list.items.length)) + ")";
  updateSelection(name);
}

function updateSelection(name) {
  const list = lists[name];
  const count = list.selected.size;
  $(name + "-replay-selected").disabled = count === 0;
  $(name + "-discard-selected").disabled = count === 0;
  $(name + "-replay-selected").textContent = "Replay selected" + (count ? " (" + count + ")" : "");
  $(name + "-discard-selected").textContent = "Discard selected" + (count ? " (" + count + ")" : "");
  const selectable = list.items.filter(list.selectable).map(list.idOf);
  const all = $(name + "-all");
  all.checked = selectable.length > 0 && selectable.every((id) => list.selected.has(id));
  all.indeterminate = count > 0 && !all.checked;
  all.disabled = selectable.length === 0;
}

function rowActions(name, item) {
  const list = lists[name];
  const id = list.idOf(item);
  const open = list.open.has(id);
  const usable = list.selectable(item);
  return el("td", { className: "actions" },
    el("button", {
      type: "button", className: "details", textContent: open ? "Hide" : "Details",
      attrs: { "aria-expanded": String(open) },
      onclick: () => {
        if (list.open.has(id)) list.open.delete(id);
        else list.open.add(id);
        renderList(name);
      },
    }),
    el("button", { type: "button", className: "replay", textContent: "Replay", disabled: !usable,
      onclick: () => act(name, "replay", { ids: [id] }) }),
    el("button", { type: "button", className: "discard danger", textContent: "Discard", disabled: !usable,
      onclick: () => act(name, "discard", { ids: [id] },
        "Discard " + (name === "parked" ? "parked record " : "dead letter ") + id + "? It will not be processed.") }));
}

/** Replays or discards by ids or by the filter, says what happened, and reloads the list. */
async function act(name, action, body, question) {
  const list = lists[name];
  if (question && !confirm(question)) return;
  try {
    const answer = await api(list.path + "/" + action, { method: "POST", body }) || {};
    const parts = [];
    if ("replayed" in answer) parts.push("replayed " + answer.replayed);
    if ("discarded" in answer) parts.push("discarded " + answer.discarded);
    if ("stillParked" in answer && answer.stillParked > 0) {
      parts.push(answer.stillParked + " still parked (see their new reason)");
    }
    say(list.noun + ": " + (parts.length ? parts.join(", ") : action + " done") + ".");
    if (body.ids) for (const id of body.ids) list.selected.delete(id);
  } catch (e) {
    say(list.noun + ": " + action + " failed: " + problemText(e), "error");
  }
  await loadList(name);
}

function actOnSelection(name, action) {
  const list = lists[name];
  const ids = [...list.selected];
  if (ids.length === 0) return;
  const what = ids.length + " " + list.noun.toLowerCase();
  act(name, action, { ids }, action === "discard" ? "Discard " + what + "? They will not be processed." : null);
}

function actOnFilter(name, action) {
  const list = lists[name];
  const body = list.filterBody();
  if (Object.keys(body).length === 0) {
    say(list.noun + ": set a filter first (" + list.describeFilter + "); an empty selection is refused.", "error");
    return;
  }
  const described = Object.entries(body).map(([k, v]) => k + " " + JSON.stringify(v)).join(", ");
  act(name, action, body, (action === "replay" ? "Replay" : "Discard") + " every "
    + list.noun.toLowerCase().replace(/s$/, "") + " matching " + described + ", not only the rows shown?");
}

for (const name of Object.keys(lists)) {
  $(name + "-filter").addEventListener("submit", (event) => {
    event.preventDefault();
    loadList(name);
  });
  $(name + "-replay-selected").addEventListener("click", () => actOnSelection(name, "replay"));
  $(name + "-discard-selected").addEventListener("click", () => actOnSelection(name, "discard"));
  $(name + "-replay-matching").addEventListener("click", () => actOnFilter(name, "replay"));
  $(name + "-discard-matching").addEventListener("click", () => actOnFilter(name, "discard"));
  $(name + "-all").addEventListener("change", (event) => {
    const list = lists[name];
    for (const item of list.items.filter(list.selectable)) {
      if (event.target.checked) list.selected.add(list.idOf(item));
      else list.selected.delete(list.idOf(item));
    }
    renderList(name);
  });
}
$("dead-resolved").addEventListener("change", loadDead);
$("dead-channel").addEventListener("change", loadDead);

function parkedRow(p) {
  const where = p.topic ? p.topic + " / " + p.partition + " / " + fmtInt(p.offset) : "—";
  return el("tr", {},
    el("td", { className: "nowrap" }, timeCell(p.parkedAt)),
    el("td", { className: "reason" }, p.reason || "—"),
    el("td", { className: "mono nowrap" }, where),
    el("td", { className: "mono clip", title: p.key || "" }, p.key || "—"),
    rowActions("parked", p));
}

function parkedDetail(p) {
  const errors = Array.isArray(p.errors) ? p.errors : [];
  return el("div", { className: "detail-body" },
    el("div", { className: "facts" },
      fact("id", p.id, true),
      fact("topic", p.topic, true), fact("partition", p.partition, true), fact("offset", p.offset, true),
      fact("key", p.key, true)),
    errors.length > 0 && el("div", {},
      el("h4", {}, "Why it was parked"),
      el("ul", { className: "errors" }, errors.map((x) => el("li", {},
        el("code", {}, x.pointer || x.parameter || "(whole record)"), " " + (x.message || x.detail || ""))))),
    p.headers && Object.keys(p.headers).length > 0 && el("div", {},
      el("h4", {}, "Headers"), el("pre", { textContent: JSON.stringify(p.headers, null, 2) })),
    el("h4", {}, "Raw payload"),
    el("pre", { className: "payload", textContent: p.payload === undefined || p.payload === null ? "(none)"
      : String(p.payload) }));
}

function fact(label, value, mono) {
  if (value === undefined || value === null || value === "") return null;
  return el("span", { className: "fact" }, el("span", { className: "label" }, label + " "),
    el("span", { className: mono ? "mono" : "" }, String(value)));
}

function deadRow(d) {
  const resolution = d.resolution
    ? el("span", { title: "by " + (d.resolvedBy || "?") + " at " + (d.resolvedAt || "?") },
      chip(d.resolution, d.resolution), " by " + (d.resolvedBy || "?"))
    : chip("open", "open");
  return el("tr", { className: d.resolution ? "resolved" : "" },
    el("td", { className: "nowrap" }, timeCell(d.deadAt)),
    el("td", {}, chip(d.channel || "?", "channel")),
    el("td", { className: "mono clip", title: d.recipient || "" }, d.recipient || "—"),
    el("td", { className: "reason clip2", title: d.error || "" }, d.error || "—"),
    el("td", { className: "n" }, fmtInt(d.attempts)),
    el("td", {}, resolution),
    rowActions("dead", d));
}

function deadDetail(d) {
  return el("div", { className: "detail-body" },
    el("div", { className: "facts" },
      fact("delivery", d.deliveryId, true), fact("notification", d.notificationId, true),
      fact("recipient", d.recipient, true), fact("dead since", fmtTime(d.deadAt)),
      d.resolution && fact("resolved", d.resolution + " by " + (d.resolvedBy || "?") + " at " + fmtTime(d.resolvedAt))),
    el("h4", {}, "Error"),
    el("pre", { textContent: d.error || "(none)" }),
    el("h4", {}, "Attempt log"),
    el("pre", { className: "payload", textContent: attemptLogText(d.attemptLog) }));
}

/** "#1  2026-11-29 20:39:59  transient  HTTP 503\n    answer" per attempt. */
function attemptLogText(log) {
  if (!Array.isArray(log) || log.length === 0) return "(no attempts logged)";
  return log.map((a) => {
    const status = a.status ?? a.statusCode;
    const head = [
      "#" + (a.attempt ?? "?"),
      fmtTime(a.startedAt),
      a.outcome || "",
      status !== undefined && status !== null ? "HTTP " + status : "",
      a.finishedAt ? "(finished " + fmtTime(a.finishedAt) + ")" : "",
    ].filter(Boolean).join("  ");
    return a.answer ? head + "\n    " + String(a.answer).replace(/\n/g, "\n    ") : head;
  }).join("\n");
}

// ---------------------------------------------------------------------------------------------------------------
// A user's story

$("story-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const by = event.submitter && event.submitter.dataset.by === "event" ? "event" : "user";
  const q = $("story-query").value.trim();
  if (q) loadStory(by, q);
});

async function loadStory(by, q) {
  $("story-summary").textContent = "Looking up " + by + " " + q + "…";
  try {
    const story = await api("admin/story", { query: { [by]: q } });
    showProblem("story-error", null);
    renderStory(by, q, story || {});
  } catch (e) {
    showProblem("story-error", e);
    $("story-summary").textContent = "";
    $("story-items").replaceChildren();
    $("story-deleted-card").hidden = true;
    $("story-parked-card").hidden = true;
  }
}

function renderStory(by, q, story) {
  const items = Array.isArray(story.items) ? story.items : [];
  const deleted = Array.isArray(story.deleted) ? story.deleted : [];
  const parked = Array.isArray(story.parked) ? story.parked : [];
  const who = by === "user" ? "user " + (story.user || q)
    : "event " + q + (story.user ? " (user " + story.user + ")" : "");
  $("story-summary").textContent = items.length === 0 && deleted.length === 0 && parked.length === 0
    ? "Nothing found for " + who + "."
    : who + ": " + items.length + (items.length === 1 ? " notification" : " notifications") + " (newest first), "
      + deleted.length + " deleted, " + parked.length + " parked " + (parked.length === 1 ? "record" : "records") + ".";
  $("story-items").replaceChildren(...items.map(storyItem));
  $("story-deleted-card").hidden = deleted.length === 0;
  // a deleted notification leaves only its event's key behind (source, event id, recipient)
  $("story-deleted").replaceChildren(...deleted.map((d) => el("tr", {},
    el("td", { className: "mono" }, (d.eventId || "") + (d.source ? " from " + d.source : "")
      + (d.recipient ? " · " + d.recipient : "")),
    el("td", {}, timeCell(d.deletedAt)))));
  $("story-parked-card").hidden = parked.length === 0;
  $("story-parked").replaceChildren(...parked.map((p) => el("tr", {},
    el("td", { className: "mono" }, p.id), el("td", { className: "nowrap" }, timeCell(p.parkedAt)),
    el("td", { className: "reason" }, p.reason || "—"))));
}

function storyItem(item) {
  const n = item.notification || {};
  const events = Array.isArray(item.events) ? item.events : [];
  const deliveries = Array.isArray(item.deliveries) ? item.deliveries : [];
  const steps = [
    ["created", n.createdAt], ["seen", n.seenAt], ["read", n.readAt],
  ];
  if (n.archivedAt) steps.push(["archived", n.archivedAt]);
  if (n.snoozedUntil) steps.push(["snoozed until", n.snoozedUntil]);
  return el("article", { className: "card story-item", dataset: { id: n.id || "" } },
    el("div", { className: "story-head" },
      el("h3", { className: "title" }, n.title || "(no title)"),
      el("div", { className: "chips" },
        chip(n.type || "?", "type mono"),
        n.category && chip(n.category, "category"),
        n.silent && chip("silent", "silent", "stored without alerting the user (muted or quiet hours)"),
        n.eventCount > 1 && chip("×" + n.eventCount + " events", "count"))),
    el("p", { className: "explanation" }, item.explanation || ""),
    el("ol", { className: "timeline" }, steps.map(([label, at]) => el("li", { className: at ? "done" : "pending" },
      el("span", { className: "step" }, label),
      at ? timeCell(at) : el("span", { className: "note" }, "not yet")))),
    el("div", { className: "story-grid" },
      el("div", {},
        el("h4", {}, "Events"),
        events.length === 0 ? el("p", { className: "note" }, "none recorded")
          : el("table", { className: "data compact" }, el("tbody", {}, events.map((e) => el("tr", {},
            el("td", {}, chip(e.as || "?", e.as === "created" ? "created" : "aggregated")),
            el("td", { className: "mono clip", title: e.id || "" }, e.id || "—"),
            el("td", { className: "mono clip", title: e.source || "" }, e.source || ""),
            el("td", { className: "nowrap" }, timeCell(e.at))))))),
      el("div", {},
        el("h4", {}, "Deliveries"),
        deliveries.length === 0 ? el("p", { className: "note" }, "in the app only")
          : el("div", { className: "deliveries" }, deliveries.map(storyDelivery)))),
    el("p", { className: "ids note" }, "notification ", el("span", { className: "mono" }, n.id || "?"),
      " · recipient ", el("span", { className: "mono" }, n.recipient || "?"),
      " · created ", timeCell(n.createdAt)));
}

const STATUSES = new Set(["delayed", "held", "digest", "queued", "sending", "sent", "delivered", "failed", "dead", "skipped", "cancelled"]);

function storyDelivery(d) {
  const log = Array.isArray(d.attemptLog) ? d.attemptLog : [];
  return el("div", { className: "delivery" },
    el("div", { className: "delivery-line" },
      chip((d.channel || "?") + ": " + (d.status || "?"), STATUSES.has(d.status) ? d.status : ""),
      d.reason && el("span", { className: "reason" }, d.reason),
      el("span", { className: "note" }, fmtInt(d.attempts) + (d.attempts === 1 ? " attempt" : " attempts")
        + (d.dueAt ? " · due " + fmtTime(d.dueAt) : ""))),
    log.length > 0 && el("details", {},
      el("summary", {}, "attempt log (" + log.length + ")"),
      el("pre", { className: "payload", textContent: attemptLogText(log) })));
}

// ---------------------------------------------------------------------------------------------------------------
// Analytics

const SERIES = [
  { key: "eventsIn", label: "events in", color: "#8e4ec6" },
  { key: "stored", label: "stored", color: "#3e63dd" },
  { key: "seen", label: "seen", color: "#12a594" },
  { key: "read", label: "read", color: "#e54d2e" },
];
const OUTCOMES = [
  { key: "delivered", label: "delivered", color: "#30a46c" },
  { key: "failed", label: "failed", color: "#f5a623" },
  { key: "dead", label: "dead", color: "#e5484d" },
  { key: "delayed", label: "delayed by a workflow", color: "#8e4ec6" },
  { key: "cancelled", label: "cancelled by a workflow", color: "#8b8d98" },
];
let lastAnalytics = null;

// Empty from/to ask Herald for its last 24 hours by its own clock (which may differ from this browser's); the range
// line shows the window it answered for.
function resetAnalyticsRange() {
  $("analytics-to").value = "";
  $("analytics-from").value = "";
}

$("analytics-form").addEventListener("submit", (event) => {
  event.preventDefault();
  loadAnalytics();
});
$("analytics-bucket").addEventListener("change", loadAnalytics);

async function loadAnalytics() {
  try {
    const answer = await api("admin/analytics", { query: {
      from: inputInstant("analytics-from"), to: inputInstant("analytics-to"), bucket: $("analytics-bucket").value,
      type: $("analytics-type").value.trim(),
    } });
    showProblem("analytics-error", null);
    lastAnalytics = answer || {};
    renderAnalytics(lastAnalytics);
  } catch (e) {
    showProblem("analytics-error", e);
  }
}

function renderAnalytics(a) {
  const buckets = Array.isArray(a.buckets) ? a.buckets : [];
  const series = a.series || {};
  const bucket = a.bucket === "day" ? "day" : "hour";
  $("analytics-bucket-name").textContent = bucket;
  $("analytics-range").textContent = fmtTime(a.from) + " to " + fmtTime(a.to) + " · by " + bucket
    + (a.type ? " · type " + a.type : "");
  const totals = Object.fromEntries(SERIES.map((s) => [s.key, sum(series[s.key] || [])]));
  $("analytics-totals").replaceChildren(
    ...SERIES.map((s) => tile(s.label, fmtInt(totals[s.key]), s.color)),
    tile("read rate", fmtPercent(a.readRate)),
    tile("median time to read", fmtDuration(a.medianSecondsToRead)));

  $("analytics-chart").replaceChildren(lineChart(buckets, SERIES.map((s) => ({ ...s, values: series[s.key] || [] })),
    bucket, $("analytics-chart").clientWidth));
  $("channels-chart").replaceChildren(channelChart(a.channels || {}, $("channels-chart").clientWidth));
  channelsOverTime(buckets, a.channels || {}, bucket);

  const types = (Array.isArray(a.types) ? a.types : []).slice().sort((x, y) => (y.eventsIn || 0) - (x.eventsIn || 0));
  setRows($("types-table").tBodies[0], types.map((t) => el("tr", {},
    el("td", {}, el("button", { type: "button", className: "link mono", textContent: t.type,
      title: "show only this type", onclick: () => { $("analytics-type").value = t.type; loadAnalytics(); } })),
    el("td", { className: "n" }, fmtInt(t.eventsIn)),
    el("td", { className: "n" }, fmtInt(t.stored)),
    el("td", { className: "n" }, fmtInt(t.seen)),
    el("td", { className: "n" }, fmtInt(t.read)),
    el("td", {}, el("span", { className: "rate" },
      el("span", { className: "bar-track" }, el("span", { className: "bar-fill read",
        style: "width:" + Math.round(100 * Math.min(1, Math.max(0, t.readRate || 0))) + "%" })),
      el("span", { className: "n" }, fmtPercent(t.readRate)))),
    el("td", { className: "n" }, fmtDuration(t.medianSecondsToRead)))), "No events of any type in this range.");
  const known = new Set([...$("analytics-types").options].map((o) => o.value));
  for (const t of types) if (!known.has(t.type)) $("analytics-types").append(el("option", { value: t.type }));
}

function tile(label, value, color) {
  return el("div", { className: "tile" },
    el("div", { className: "label" },
      color && el("span", { className: "swatch", style: "background:" + color }), label),
    el("div", { className: "value num" }, value));
}

/** A round upper bound with 5 round steps: 7 -> 10 (step 2), 1234 -> 1500 (step 300)... */
function niceScale(max) {
  const raw = Math.max(1, max) / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((k) => k * magnitude).find((s) => s >= raw) || magnitude * 10;
  const wholeStep = Math.max(1, step);
  return { step: wholeStep, max: wholeStep * Math.ceil(Math.max(1, max) / wholeStep) };
}

function bucketLabel(iso, bucket, previous) {
  const d = new Date(iso);
  const day = pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  if (bucket === "day") return [day];
  const time = pad(d.getHours()) + ":" + pad(d.getMinutes());
  const prev = previous ? new Date(previous) : null;
  return !prev || prev.getDate() !== d.getDate() ? [time, day] : [time];
}

/**
 * Lines over the buckets, one per series ({key, label, color, values}), with a y axis of round ticks, the buckets'
 * start times below and a legend on top. The options shape a smaller chart: height, minWidth, margin, the axis
 * titles (null: none), the aria label, a class and data attributes for the svg, and what a point's tooltip names.
 */
function lineChart(buckets, series, bucket, measured, options = {}) {
  const {
    height = 320, minWidth = 600, margin = { left: 64, right: 20, top: 40, bottom: 58 },
    yTitle = "count per " + bucket, xTitle = "bucket start (local time)",
    ariaLabel = "events in, stored, seen and read per " + bucket, className, dataset = {}, pointPrefix = "",
  } = options;
  const width = Math.max(minWidth, Math.round(measured || 1100));
  const m = margin;
  const plotW = width - m.left - m.right;
  const plotH = height - m.top - m.bottom;
  const n = buckets.length;
  const chart = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": ariaLabel,
    class: className, ...Object.fromEntries(Object.entries(dataset).map(([k, v]) => ["data-" + k, v])) });
  if (n === 0) {
    chart.append(svg("text", { x: width / 2, y: height / 2, class: "empty-text", "text-anchor": "middle" },
      "No buckets in this range."));
    return chart;
  }
  const all = series.flatMap((s) => s.values.map(Number).filter((v) => !Number.isNaN(v)));
  const scale = niceScale(Math.max(0, ...all));
  const x = (i) => m.left + (n === 1 ? plotW / 2 : i * plotW / (n - 1));
  const y = (v) => m.top + plotH - v / scale.max * plotH;

  // grid and y axis
  for (let v = 0; v <= scale.max + 1e-9; v += scale.step) {
    chart.append(svg("line", { x1: m.left, x2: width - m.right, y1: y(v), y2: y(v), class: v === 0 ? "axis" : "grid" }),
      svg("text", { x: m.left - 8, y: y(v) + 4, "text-anchor": "end", class: "tick" }, fmtInt(v)));
  }
  if (yTitle) {
    chart.append(svg("text", { x: 16, y: m.top + plotH / 2, "text-anchor": "middle", class: "axis-title",
      transform: `rotate(-90 16 ${m.top + plotH / 2})` }, yTitle));
  }
  // x axis: at most ~10 labels
  const every = Math.max(1, Math.ceil(n / Math.max(2, Math.floor(plotW / 90))));
  let previousLabelled = null;
  for (let i = 0; i < n; i += every) {
    const lines = bucketLabel(buckets[i], bucket, previousLabelled);
    previousLabelled = buckets[i];
    chart.append(svg("line", { x1: x(i), x2: x(i), y1: m.top + plotH, y2: m.top + plotH + 4, class: "axis" }));
    const text = svg("text", { x: x(i), y: m.top + plotH + 18, "text-anchor": "middle", class: "tick" });
    lines.forEach((line, k) => text.append(svg("tspan", { x: x(i), dy: k === 0 ? 0 : 13 }, line)));
    chart.append(text);
  }
  if (xTitle) {
    chart.append(svg("text", { x: m.left + plotW / 2, y: height - 6, "text-anchor": "middle", class: "axis-title" },
      xTitle));
  }

  // series
  for (const s of series) {
    const points = s.values.map((v, i) => [x(i), y(Number(v) || 0)]);
    if (points.length === 0) continue;
    chart.append(svg("path", { d: "M" + points.map(([px, py]) => px.toFixed(1) + " " + py.toFixed(1)).join(" L"),
      class: "series", stroke: s.color, fill: "none", "data-series": s.key }));
    if (n <= 96) {
      s.values.forEach((v, i) => chart.append(svg("circle", { cx: x(i), cy: y(Number(v) || 0), r: 2.6, fill: s.color,
        class: "point" }, svg("title", {}, fmtTime(buckets[i]) + " — " + pointPrefix + s.label + ": " + fmtInt(v)))));
    }
  }
  // legend, top left
  let lx = m.left;
  for (const s of series) {
    chart.append(svg("rect", { x: lx, y: 12, width: 14, height: 4, rx: 2, fill: s.color, class: "legend-key" }),
      svg("text", { x: lx + 20, y: 18, class: "legend" }, s.label));
    lx += 30 + s.label.length * 7.5;
  }
  return chart;
}

/** Grouped horizontal bars: per channel its delivered, failed and dead deliveries over the whole range. */
function channelChart(channels, measured) {
  const width = Math.max(600, Math.round(measured || 1100));
  const names = Object.keys(channels).sort();
  const rowH = 16;
  const groupH = OUTCOMES.length * rowH + 18;
  const m = { left: 96, right: 150, top: 36, bottom: 40 };
  const height = m.top + Math.max(1, names.length) * groupH + m.bottom;
  const chart = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "img",
    "aria-label": "deliveries per channel: delivered, failed and dead" });
  if (names.length === 0) {
    chart.append(svg("text", { x: width / 2, y: m.top + 20, class: "empty-text", "text-anchor": "middle" },
      "No channel deliveries in this range."));
    return chart;
  }
  const totals = names.map((name) => Object.fromEntries(OUTCOMES.map((o) =>
    [o.key, sum((channels[name] || {})[o.key] || [])])));
  const scale = niceScale(Math.max(0, ...totals.flatMap((t) => Object.values(t))));
  const plotW = width - m.left - m.right;
  const x = (v) => m.left + v / scale.max * plotW;
  const bottom = height - m.bottom;
  for (let v = 0; v <= scale.max + 1e-9; v += scale.step) {
    chart.append(svg("line", { x1: x(v), x2: x(v), y1: m.top - 6, y2: bottom, class: v === 0 ? "axis" : "grid" }),
      svg("text", { x: x(v), y: bottom + 16, "text-anchor": "middle", class: "tick" }, fmtInt(v)));
  }
  chart.append(svg("text", { x: m.left + plotW / 2, y: height - 4, "text-anchor": "middle", class: "axis-title" },
    "deliveries in the range"));
  names.forEach((name, g) => {
    const top = m.top + g * groupH;
    chart.append(svg("text", { x: m.left - 10, y: top + OUTCOMES.length * rowH / 2 + 4, "text-anchor": "end",
      class: "channel-label" }, name));
    OUTCOMES.forEach((o, k) => {
      const value = totals[g][o.key];
      const y = top + k * rowH;
      if (value > 0) {
        chart.append(svg("rect", { x: m.left, y, width: Math.max(2, x(value) - m.left), height: rowH - 4, rx: 2,
          fill: o.color, class: "bar", "data-channel": name, "data-outcome": o.key },
        svg("title", {}, name + " " + o.label + ": " + fmtInt(value))));
      }
      chart.append(svg("text", { x: (value > 0 ? x(value) : m.left) + 6, y: y + rowH - 6, class: "bar-value" },
        fmtInt(value) + " " + o.label));
    });
  });
  let lx = m.left;
  for (const o of OUTCOMES) {
    chart.append(svg("rect", { x: lx, y: 10, width: 12, height: 12, rx: 2, fill: o.color, class: "legend-key" }),
      svg("text", { x: lx + 18, y: 20, class: "legend" }, o.label));
    lx += 36 + o.label.length * 7.5;
  }
  return chart;
}

/**
 * Small multiples: per channel with any delivery in the range, its delivered, failed and dead deliveries per bucket as
 * lines (each chart on its own y scale), two charts a row; a note when no channel has anything.
 */
function channelsOverTime(buckets, channels, bucket) {
  const box = $("channels-over-time");
  const values = (name, key) => {
    const v = (channels[name] || {})[key];
    return Array.isArray(v) ? v : [];
  };
  const names = Object.keys(channels).sort()
    .filter((name) => OUTCOMES.some((o) => values(name, o.key).some((v) => Number(v) > 0)));
  $("channels-over-time-note").textContent = names.length === 0 ? ""
    : "(per " + bucket + ", by bucket start in local time; each chart on its own scale)";
  if (buckets.length === 0 || names.length === 0) {
    box.replaceChildren(el("p", { className: "empty" },
      buckets.length === 0 ? "No buckets in this range." : "No channel deliveries in this range."));
    return;
  }
  const figures = names.map((name) => el("figure", { className: "multiple chart", dataset: { channel: name } },
    el("figcaption", {}, el("span", { className: "channel-name" }, name),
      el("span", { className: "note" }, OUTCOMES.map((o) => fmtInt(sum(values(name, o.key))) + " " + o.label)
        .join(" · ")))));
  box.replaceChildren(...figures); // in the page first, to measure the width each chart gets
  names.forEach((name, i) => figures[i].append(lineChart(buckets,
    OUTCOMES.map((o) => ({ ...o, values: values(name, o.key) })), bucket, figures[i].clientWidth || 540, {
      height: 230, minWidth: 360, margin: { left: 60, right: 16, top: 34, bottom: 40 },
      yTitle: "deliveries", xTitle: null, className: "channel-series", dataset: { channel: name },
      ariaLabel: name + ": delivered, failed and dead deliveries per " + bucket, pointPrefix: name + " ",
    })));
}

let resizeTimer = null;
window.addEventListener("resize", () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => {
    if (currentTab === "analytics" && lastAnalytics) renderAnalytics(lastAnalytics);
  }, 200);
});

// ---------------------------------------------------------------------------------------------------------------
// Types: a message preview per channel and locale

let eventTypes = [];

async function loadTypes() {
  try {
    const answer = await api("event-types");
    eventTypes = (Array.isArray(answer) ? answer : []).filter((t) => !t.silent);
    showProblem("preview-error", null);
    $("preview-type").replaceChildren(...eventTypes.map((t) => el("option", { value: t.type, textContent: t.type })));
    typeChosen();
  } catch (e) {
    showProblem("preview-error", e);
  }
}

function typeChosen() {
  const type = eventTypes.find((t) => t.type === $("preview-type").value);
  if (!type) return;
  const channels = (type.channels || []).filter((c) => c !== "webhook");
  $("preview-channel").replaceChildren(...channels.map((c) => el("option", { value: c, textContent: c })));
  if (channels.includes("email")) $("preview-channel").value = "email";
  const locales = Object.keys(type.templates || {});
  $("preview-locale").replaceChildren(...locales.map((l) => el("option", { value: l, textContent: l })));
  if (locales.includes("en")) $("preview-locale").value = "en";
}

$("preview-type").addEventListener("change", typeChosen);
$("preview-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const text = $("preview-data").value.trim();
  let data;
  try {
    data = text === "" ? undefined : JSON.parse(text);
  } catch (e) {
    showProblem("preview-error", new Error("The data is not JSON: " + e.message));
    return;
  }
  try {
    const shown = await api("admin/event-types/" + encodeURIComponent($("preview-type").value) + "/preview",
      { method: "POST", body: { channel: $("preview-channel").value, locale: $("preview-locale").value, data } });
    showProblem("preview-error", null);
    renderPreview(shown);
  } catch (e) {
    showProblem("preview-error", e);
    $("preview-result").replaceChildren();
  }
});

/** The rendered message: an email's HTML in a sandboxed frame (no scripts, no same-origin), the rest as text. */
function renderPreview(p) {
  const facts = [];
  if (p.subject !== undefined) facts.push(fact("Subject", p.subject));
  if (p.channel !== "email") {
    facts.push(fact("Title", p.channel === "sms" ? "—" : p.title));
    if (p.channel !== "sms") facts.push(fact("Body", p.body || "—"));
  }
  if (p.sms !== undefined) facts.push(fact("SMS", p.sms));
  if (p.link) facts.push(fact("Link", p.link, true));
  const parts = [el("div", { className: "facts" }, ...facts)];
  if (p.html) {
    parts.push(el("iframe", { id: "preview-frame", title: "Email preview", attrs: { sandbox: "" }, srcdoc: p.html }));
    parts.push(el("details", {}, el("summary", { textContent: "Plain text" }), el("pre", { textContent: p.text })));
  }
  $("preview-result").replaceChildren(...parts);
}

// ---------------------------------------------------------------------------------------------------------------
// Audit trail

$("audit-action").append(...AUDIT_ACTIONS.map((a) => el("option", { value: a, textContent: a })));
$("audit-filter").addEventListener("submit", (event) => {
  event.preventDefault();
  loadAudit();
});
$("audit-action").addEventListener("change", loadAudit);

async function loadAudit() {
  try {
    const answer = await api("admin/audit", { query: { action: $("audit-action").value,
      actor: $("audit-actor").value.trim(), limit: 100 } });
    showProblem("audit-error", null);
    const items = Array.isArray(answer && answer.items) ? answer.items : [];
    $("audit-table").tBodies[0].replaceChildren(...items.map((entry) => {
      const details = entry.details === undefined || entry.details === null ? "" : JSON.stringify(entry.details);
      return el("tr", { dataset: { id: String(entry.id ?? "") } },
        el("td", { className: "nowrap" }, timeCell(entry.at)),
        el("td", { className: "mono" }, entry.actor || "—"),
        el("td", { className: "action" }, chip(entry.action || "?", "action mono")),
        el("td", { className: "mono" }, entry.target || "—"),
        el("td", { className: "details-json mono", title: details }, details));
    }));
    $("audit-empty").hidden = items.length > 0;
  } catch (e) {
    showProblem("audit-error", e);
  }
}

$("zone").textContent = "times in " + (Intl.DateTimeFormat().resolvedOptions().timeZone || "local time");
start();
