// The guided session player: start -> pain before -> one step per screen -> pain after -> saved.
//
// Everything it needs is in the page (the timeline as JSON, the pictures in <template>s) and in
// the modules loaded with it, so a session keeps going when the network drops.
//
// Timers are drift-free: time is read from performance.now(), never counted in ticks.
// Testing: `?speed=N` in the page's address (1 to 100) runs the timers N times faster; the
// seconds saved are session seconds, as the person would have spent them at speed 1.
//
// Keys on the step screen: space pauses and resumes, left arrow goes back, right arrow skips.
// The key help is shown only where there is a fine pointer (a mouse or trackpad), not on a
// touch screen. A run at another speed is a demonstration: it is never saved as a session.

import { Engine, mmss } from "./engine.js";
import { flush, save } from "./outbox.js";
import { announce, describeStep, StepView, timeMarks } from "./view.js";
import { Beeper, loadPref, savePref, Voice } from "./voice.js";
import { keepAwake } from "./wakelock.js";

const $ = (id) => document.getElementById(id);

function readSpeed() {
  const raw = Number(new URLSearchParams(window.location.search).get("speed"));
  return Number.isFinite(raw) && raw >= 1 ? Math.min(100, raw) : 1;
}

const speed = readSpeed();
const clock = () => (performance.now() / 1000) * speed;
const root = $("player");
const steps = JSON.parse($("timeline").textContent);
const csrf = root.querySelector("input[name=csrfmiddlewaretoken]").value;
const signedIn = root.dataset.signedIn === "yes";
const screens = ["start", "before", "step", "after", "done"];

const voice = new Voice(loadPref("voice"));
const beeper = new Beeper(loadPref("sound"));
const view = new StepView(steps.length);

let current = "start";
let engine = null;
let painBefore = null;
let painAfter = null;
let outcome = null;
let marks = [];
let lastTone = -Infinity;
let frameRequest = 0;
let backupTimer = 0;

function show(name) {
  current = name;
  for (const screen of screens) $(`screen-${screen}`).hidden = screen !== name;
  document.body.classList.toggle("player-running", name === "step");
  const heading = $(`screen-${name}`).querySelector("h1");
  if (heading) heading.focus();
  window.scrollTo(0, 0);
}

// --- the start screen -------------------------------------------------------------------

function setupToggle(button, name, apply) {
  const render = (on) => button.setAttribute("aria-pressed", String(on));
  let on = loadPref(name);
  if (name === "voice" && !voice.available) {
    on = false;
    button.disabled = true;
    button.title = "This browser cannot speak";
  }
  render(on);
  apply(on);
  button.addEventListener("click", () => {
    on = !on;
    render(on);
    savePref(name, on);
    apply(on);
    if (on && name === "voice") voice.say("Spoken cues on.");
    if (on && name === "sound") beeper.cue();
  });
}

// Without this script these stay hidden: a button that does nothing is worse than none.
for (const part of document.querySelectorAll("[data-needs-script]")) part.hidden = false;
for (const part of document.querySelectorAll("[data-without-script]")) part.hidden = true;
if (window.matchMedia("(any-hover: hover) and (any-pointer: fine)").matches) {
  root.querySelector(".keys-help").hidden = false;
}

setupToggle($("voice-toggle"), "voice", (on) => voice.setEnabled(on));
setupToggle($("sound-toggle"), "sound", (on) => beeper.setEnabled(on));

if (speed !== 1) {
  $("speed-note").hidden = false;
  $("speed-note").textContent = `Test speed: the timers run ${speed} times faster.`;
}

$("start").addEventListener("click", () => {
  beeper.unlock(); // browsers only allow sound after a tap
  show("before");
});

// --- pain before ------------------------------------------------------------------------

for (const button of $("screen-before").querySelectorAll("button.pain")) {
  button.addEventListener("click", () => {
    painBefore = Number(button.dataset.pain);
    begin();
  });
}
$("before-skip").addEventListener("click", () => begin());

// --- the session ------------------------------------------------------------------------

function onEvent(event) {
  if (event.type === "step") {
    const step = steps[event.index];
    view.enter(engine.frame(clock()));
    marks = timeMarks(step.seconds);
    beeper.step();
    lastTone = performance.now();
    announce(describeStep(step, event.index, steps.length));
  } else if (event.type === "cue") {
    view.cue(event.cue.say, steps[event.index]);
    voice.say(event.cue.say);
    // one beep for a burst of cues (a step change, or a phone waking from sleep)
    if (performance.now() - lastTone > 400) beeper.cue();
    lastTone = performance.now();
    if (!voice.enabled && !/^\d+$/.test(event.cue.say)) announce(event.cue.say);
  } else if (event.type === "pause") {
    view.paused(event.paused);
    view.update(engine.frame(clock()));
    announce(event.paused ? "Paused." : "Going on.");
    if (event.paused) voice.cancel();
  } else if (event.type === "end") {
    finish(event.completed);
  }
}

function render() {
  if (!engine || engine.over) return;
  const frame = engine.frame(clock());
  view.update(frame);
  if (!frame.paused && marks.length && frame.remaining <= marks[0] && frame.remaining > 0) {
    const mark = marks.shift();
    while (marks.length && frame.remaining <= marks[0]) marks.shift();
    announce(mark >= 60 ? "1 minute left." : `${mark} seconds left.`);
  }
}

function loop() {
  if (!engine || engine.over) return;
  engine.tick(clock());
  render();
}

function animate() {
  loop();
  if (engine && !engine.over) frameRequest = requestAnimationFrame(animate);
}

function begin() {
  show("step");
  view.paused(false);
  keepAwake(true);
  engine = new Engine(steps, onEvent);
  engine.start(clock());
  frameRequest = requestAnimationFrame(animate);
  // requestAnimationFrame sleeps in a hidden tab; cues still fire from this slower timer.
  backupTimer = setInterval(loop, 250);
}

function finish(completed) {
  cancelAnimationFrame(frameRequest);
  clearInterval(backupTimer);
  keepAwake(false);
  outcome = engine.result();
  const headline = completed ? "Session done." : "You stopped early. That is fine.";
  $("after-headline").textContent = headline;
  show("after");
  // the finish screen is said once: what happened, the safety line, then the question
  const safety = $("finish-safety");
  const words = [headline, safety ? safety.textContent.trim() : "", "How is your pain now?"];
  voice.say(words.filter(Boolean).join(" "));
  beeper.step();
}

$("pause").addEventListener("click", () => engine && engine.togglePause(clock()));
$("next").addEventListener("click", () => engine && engine.next(clock()));
$("back").addEventListener("click", () => engine && engine.back(clock()));
$("stop").addEventListener("click", () => engine && engine.stop(clock()));

const KEYS = { " ": "pause", Spacebar: "pause", ArrowLeft: "back", ArrowRight: "next" };

document.addEventListener("keydown", (event) => {
  if (current !== "step" || event.altKey || event.ctrlKey || event.metaKey) return;
  const action = KEYS[event.key];
  if (!action) return;
  event.preventDefault();
  if (event.repeat) return;
  $(action).click();
});
document.addEventListener("keyup", (event) => {
  // a focused button would otherwise also act on the space key's release
  if (current === "step" && KEYS[event.key]) event.preventDefault();
});

// --- pain after, saving, done -----------------------------------------------------------

for (const button of $("screen-after").querySelectorAll("button.pain")) {
  button.addEventListener("click", () => {
    const value = Number(button.dataset.pain);
    painAfter = painAfter === value ? null : value;
    for (const other of $("screen-after").querySelectorAll("button.pain")) {
      other.setAttribute("aria-pressed", String(Number(other.dataset.pain) === painAfter));
    }
  });
}

function showError(lines) {
  const box = $("save-error");
  box.replaceChildren(
    ...lines.map((line) => {
      const p = document.createElement("p");
      p.textContent = line;
      return p;
    }),
  );
  box.hidden = lines.length === 0;
}

const SAVED = signedIn
  ? "Saved in your diary."
  : "Saved for this visit. Create an account to keep it in a diary.";
const KEPT = {
  offline: "Saved on this phone; it will be sent when you are back online.",
  signin: "Saved on this phone. Please sign in again: it will be sent the next time you open "
    + "your session.",
  server: "Saved on this phone; the server did not answer, so it will be sent later.",
};

// One id per session played, made on this phone: a log sent twice (a retry after a lost reply,
// a second tap) is kept once. getRandomValues works on plain http too, unlike randomUUID.
let clientId = null;
function newClientId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function showDone(message, state) {
  $("done-title").textContent = outcome.completed ? "Well done" : "Thank you";
  $("done-message").textContent = message;
  $("done-message").dataset.state = state;
  const pain = (value) => (value === null ? "not given" : String(value));
  $("done-summary").textContent = `Steps done: ${outcome.done} of ${outcome.planned}. `
    + `Time: ${mmss(outcome.seconds)}. Pain before → after: ${pain(painBefore)} → ${pain(painAfter)}.`;
  show("done");
}

$("save").addEventListener("click", async () => {
  if (speed !== 1) {
    showDone(`A test run at ${speed} times the speed: it is not saved as a session.`, "test");
    return;
  }
  clientId ??= newClientId();
  const button = $("save");
  button.disabled = true;
  showError([]);
  const data = {
    pain_before: painBefore,
    pain_after: painAfter,
    planned_steps: outcome.planned,
    done_steps: outcome.done,
    seconds: outcome.seconds,
    note: $("note").value.trim(),
    at: new Date().toISOString(),
    client_id: clientId,
  };
  const result = await save(root.dataset.logUrl, data, csrf);
  button.disabled = false;
  if (result.status === "refused") {
    showError(result.messages);
    return;
  }
  if (result.status === "unsent") {
    showError(["This session could not be saved, and this phone cannot keep it. Please try "
      + "again in a moment."]);
    return;
  }
  showDone(result.status === "saved" ? SAVED : KEPT[result.reason], result.status);
});

// --- the outbox: sessions kept on this phone while offline ------------------------------

async function sendKept() {
  const sent = await flush(csrf);
  if (!sent) return;
  const message = $("done-message");
  if (current === "done" && message.dataset.state === "kept") {
    message.textContent = `Sent: your session is now saved. ${SAVED}`;
    message.dataset.state = "saved";
  } else {
    const status = $("outbox-status");
    status.hidden = false;
    status.textContent = sent === 1
      ? "A session kept on this phone has now been sent."
      : `${sent} sessions kept on this phone have now been sent.`;
  }
}

window.addEventListener("online", sendKept);
sendKept();
