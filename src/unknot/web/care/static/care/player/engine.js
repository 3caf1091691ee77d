// The session's clock and state: which step, how far into it, which cues have been spoken.
// A port of unknot.cli.session_view.SessionPlayer. It never reads a clock itself: every call
// gets `now` (session seconds, from clock.js), so it is drift-free and easy to test.
//
// Edge cases, as in the terminal player: time that runs past the end of a step (a slow frame,
// a phone that slept) carries into the next step, so no cue is lost; a cue fires once when its
// step's time reaches `at`; going back restarts the earlier step from zero, so its cues speak
// again; a step skipped and finished later counts as done; pauses are left out of `seconds`.

export class Engine {
  constructor(steps, emit) {
    this.steps = steps;
    this.emit = emit; // emit({type: "step" | "cue" | "end" | "pause", ...})
    this.starts = [0];
    for (const step of steps) this.starts.push(this.starts.at(-1) + step.seconds);
    this.index = 0;
    this.acc = 0; // step time before the latest resume
    this.since = null; // clock at the latest resume; null while paused
    this.last = 0;
    this.active = 0;
    this.nextCue = 0;
    this.done = new Set();
    this.skipped = new Set();
    this.quit = false;
    this.started = false;
  }

  get paused() { return this.since === null; }
  get over() { return this.quit || this.index >= this.steps.length; }
  get total() { return this.starts.at(-1); }

  start(now) {
    this.started = true;
    this.last = now;
    this.since = now;
    this.enter(0, now, 0);
    this.tick(now);
  }

  elapsed(now) {
    return this.acc + (this.since === null ? 0 : now - this.since);
  }

  tick(now) {
    if (!this.started || this.over) return;
    if (!this.paused) this.active += now - this.last;
    this.last = now;
    while (!this.over) {
      const step = this.steps[this.index];
      const elapsed = this.elapsed(now);
      while (this.nextCue < step.cues.length && step.cues[this.nextCue].at <= elapsed) {
        this.emit({ type: "cue", index: this.index, cue: step.cues[this.nextCue] });
        this.nextCue += 1;
      }
      if (elapsed < step.seconds) break;
      this.done.add(this.index);
      this.skipped.delete(this.index);
      this.enter(this.index + 1, now, elapsed - step.seconds);
      if (this.over) {
        this.active -= elapsed - step.seconds; // count only up to the session's end
        this.emit({ type: "end", completed: true });
      }
    }
  }

  togglePause(now) {
    if (this.over) return;
    this.tick(now);
    if (this.paused) this.since = now;
    else { this.acc = this.elapsed(now); this.since = null; }
    this.emit({ type: "pause", paused: this.paused });
  }

  next(now) {
    if (this.over) return;
    this.tick(now);
    if (this.over) return;
    if (!this.done.has(this.index)) this.skipped.add(this.index);
    this.enter(this.index + 1, now, 0);
    if (this.over) this.emit({ type: "end", completed: true });
    else this.tick(now);
  }

  back(now) {
    if (this.over) return;
    this.tick(now);
    if (this.over) return;
    this.enter(Math.max(0, this.index - 1), now, 0);
    this.tick(now);
  }

  stop(now) {
    if (this.over) return;
    this.tick(now);
    if (this.over) return;
    this.quit = true;
    this.emit({ type: "end", completed: false });
  }

  enter(index, now, carry) {
    this.index = index;
    this.acc = carry;
    this.nextCue = 0;
    this.since = this.paused ? null : now;
    if (index < this.steps.length) this.emit({ type: "step", index });
  }

  // Everything one screen shows at `now`.
  frame(now) {
    const i = Math.min(this.index, this.steps.length - 1);
    const step = this.steps[i];
    const elapsed = Math.min(this.elapsed(now), step.seconds);
    return {
      index: i,
      step,
      elapsed,
      remaining: Math.max(0, step.seconds - elapsed),
      sessionElapsed: this.starts[i] + elapsed,
      total: this.total,
      paused: this.paused,
      next: i + 1 < this.steps.length ? this.steps[i + 1] : null,
    };
  }

  // What the diary keeps: the finish step is not counted as a step of the routine.
  result() {
    const counted = this.steps.filter((s) => s.kind !== "finish").length;
    const isFinish = (i) => this.steps[i].kind === "finish";
    const done = [...this.done].filter((i) => !isFinish(i));
    return {
      completed: !this.quit,
      seconds: Math.max(0, Math.round(this.active)),
      planned: counted,
      done: Math.min(done.length, counted),
      skipped: [...this.skipped].filter((i) => !isFinish(i)),
    };
  }
}

// Minutes and seconds, rounding up so a countdown shows 00:01 until it is really over.
export function mmss(seconds) {
  const whole = Math.max(0, Math.ceil(seconds - 1e-9));
  const m = Math.floor(whole / 60);
  const s = whole % 60;
  return `${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}`;
}

// The breathing pacer at `elapsed` seconds into a step: in for the first half of each breath,
// out for the second; `size` runs 0..1..0 smoothly over one breath. Null when the step is unpaced.
export function breath(step, elapsed) {
  if (!step.breaths || !step.seconds_per_breath) return null;
  const per = step.seconds_per_breath;
  const number = Math.floor(elapsed / per) + 1;
  const into = (elapsed % per) / per;
  return {
    word: into < 0.5 ? "breathe in" : "breathe out",
    size: 0.5 - 0.5 * Math.cos(2 * Math.PI * into),
    count: number <= step.breaths ? `breath ${number} of ${step.breaths}` : "keep breathing",
    number,
  };
}
