// The step screen: title, side, safety banner, countdown, overall progress, breathing pacer,
// picture, latest cue and instructions. Text goes in with textContent only, never as HTML;
// sizes change through SVG attributes and <progress>, never style attributes (the CSP).

import { breath, mmss } from "./engine.js";

const $ = (id) => document.getElementById(id);

const SIDES = { left: "Left side", right: "Right side" };

export function pictureKey(step) {
  return `${step.technique}-${step.side || "both"}`;
}

// Polite announcements for screen readers: the step on entry, pauses, a few time marks.
// Words that come together (a step and its first cue) are read together, and the region is
// emptied first so the same words twice are read twice.
let pending = "";
let pendingTimer = 0;

export function announce(text) {
  const region = $("announce");
  pending = pending ? `${pending} ${text}` : text;
  region.textContent = "";
  clearTimeout(pendingTimer);
  pendingTimer = setTimeout(() => {
    region.textContent = pending;
    pending = "";
  }, 100);
}

// The moments worth announcing: a minute, 30 s and 10 s left, when the step is long enough
// for them to mean something.
export function timeMarks(seconds) {
  return [60, 30, 10].filter((mark) => seconds >= mark * 2);
}

export class StepView {
  constructor(count) {
    this.count = count;
    this.pictures = new Map();
    for (const template of $("pictures").querySelectorAll("template")) {
      this.pictures.set(template.dataset.key, template);
    }
    this.el = {
      overall: $("overall"), overallText: $("overall-text"), where: $("step-where"),
      side: $("step-side"), title: $("step-title"), safety: $("step-safety"),
      countdown: $("countdown"), paused: $("paused-note"), pacer: $("pacer"),
      circle: $("pacer-circle"), word: $("pacer-word"), breathCount: $("pacer-count"),
      picture: $("step-picture"), cue: $("step-cue"), text: $("step-text"), next: $("step-next"),
      pause: $("pause"),
    };
    this.shownCountdown = "";
  }

  enter(frame) {
    const { step, index } = frame;
    const el = this.el;
    const phase = step.phase ? ` · ${step.phase}` : "";
    el.where.textContent = `Step ${index + 1} of ${this.count}${phase}`;
    el.title.textContent = step.title;
    el.side.hidden = !SIDES[step.side];
    el.side.textContent = SIDES[step.side] || "";
    el.side.className = `side-badge side-${step.side || "none"}`;
    el.safety.hidden = !step.safety;
    el.safety.textContent = step.safety || "";
    el.cue.textContent = "";
    el.text.replaceChildren(
      ...step.text.split("\n").filter(Boolean).map((line) => {
        const p = document.createElement("p");
        p.textContent = line;
        return p;
      }),
    );
    el.next.textContent = frame.next ? `Next: ${frame.next.title}` : "Last step";
    const template = step.technique ? this.pictures.get(pictureKey(step)) : null;
    el.picture.hidden = !template;
    el.picture.replaceChildren(...(template ? [template.content.cloneNode(true)] : []));
    el.pacer.hidden = !step.breaths;
    el.overall.max = frame.total;
    this.update(frame);
    window.scrollTo(0, 0); // each step starts with its title and picture in view
  }

  update(frame) {
    const el = this.el;
    const left = mmss(frame.remaining);
    if (left !== this.shownCountdown) {
      el.countdown.textContent = left;
      this.shownCountdown = left;
    }
    el.overall.value = frame.sessionElapsed;
    el.overallText.textContent = `${mmss(frame.sessionElapsed)} of ${mmss(frame.total)}`;
    el.paused.hidden = !frame.paused;
    el.countdown.classList.toggle("is-paused", frame.paused);
    el.countdown.classList.toggle("is-ending", !frame.paused && frame.remaining <= 5);
    const pace = breath(frame.step, frame.elapsed);
    if (pace) {
      el.circle.setAttribute("r", (14 + 32 * pace.size).toFixed(1));
      el.word.textContent = pace.word;
      el.breathCount.textContent = pace.count;
      el.pacer.classList.toggle("is-out", pace.word === "breathe out");
    }
  }

  // A spoken count ("7") is shown as what it counts: the repetition, of how many.
  cue(text, step) {
    if (/^\d+$/.test(text)) {
      this.el.cue.textContent = step && step.reps
        ? `Repetition ${text} of ${step.reps}`
        : `Repetition ${text}`;
    } else {
      this.el.cue.textContent = text;
    }
  }

  paused(isPaused) {
    this.el.pause.textContent = isPaused ? "Resume" : "Pause";
    this.el.pause.setAttribute("aria-pressed", String(isPaused));
  }
}

// Step number, title, length, side and safety line, as one sentence to announce.
export function describeStep(step, index, count) {
  const parts = [`Step ${index + 1} of ${count}: ${step.title}.`];
  if (SIDES[step.side] && !step.title.toLowerCase().includes(step.side)) {
    parts.push(`${SIDES[step.side]}.`);
  }
  parts.push(`${mmss(step.seconds)}.`);
  if (step.safety) parts.push(step.safety + ".");
  return parts.join(" ");
}
