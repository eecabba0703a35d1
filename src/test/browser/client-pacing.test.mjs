// herald-client.js's reconnect pacing, in node (no browser needed): the server's hint wins, capped at the maximum;
// without one, full jitter under a ceiling that doubles per attempt. Usage: node client-pacing.test.mjs
import assert from "node:assert/strict";
import { reconnectDelay } from "../../../clients/js/herald-client.js";

const base = { minDelayMs: 500, maxDelayMs: 30000 };
assert.equal(reconnectDelay({ ...base, attempt: 0, hintMs: 1234 }), 1234);
assert.equal(reconnectDelay({ ...base, attempt: 7, hintMs: 0 }), 0);
assert.equal(reconnectDelay({ ...base, attempt: 0, hintMs: 90000 }), 30000);
// full jitter: random() spans [0, ceiling)
assert.equal(reconnectDelay({ ...base, attempt: 0, random: () => 0.5 }), 250);
assert.equal(reconnectDelay({ ...base, attempt: 3, random: () => 0.5 }), 2000);
assert.equal(reconnectDelay({ ...base, attempt: 20, random: () => 0.999 }), 29970);
assert.equal(reconnectDelay({ ...base, attempt: 2, hintMs: undefined, random: () => 0 }), 0);
// a hint that is not a number is ignored
assert.equal(reconnectDelay({ ...base, attempt: 1, hintMs: "soon", random: () => 0.25 }), 250);
// spread: 10,000 clients given hints over 10 s come back over 10 s, not at once
const hints = Array.from({ length: 10000 }, () => Math.random() * 10000);
const perSecond = new Array(10).fill(0);
hints.forEach((h) => perSecond[Math.floor(reconnectDelay({ ...base, attempt: 0, hintMs: h }) / 1000)]++);
assert.ok(Math.max(...perSecond) < 1300, "hinted reconnects bunch up: " + perSecond);
console.log("browser test passed: reconnect pacing");
