// Spoken cues (speechSynthesis), short beeps (a WebAudio oscillator, no audio files) and the
// person's choice of both, remembered on this phone. Everything degrades silently: a browser
// without speech or audio still shows every cue on the screen.

const PREFS = { voice: "unknot.player.voice", sound: "unknot.player.sound" };

export function loadPref(name) {
  try {
    return localStorage.getItem(PREFS[name]) !== "off";
  } catch {
    return true;
  }
}

export function savePref(name, on) {
  try {
    localStorage.setItem(PREFS[name], on ? "on" : "off");
  } catch {
    // private mode or storage full: the choice lasts for this page only
  }
}

// Cues wait in a short queue and the next starts when the previous one has ended, so speech
// never falls far behind the timer: when cues pile up, spoken counts ("7") go first, then the
// oldest cue. A watchdog moves on if a browser never reports the end of an utterance.
export class Voice {
  constructor(enabled) {
    this.synth = "speechSynthesis" in window ? window.speechSynthesis : null;
    this.enabled = enabled && this.synth !== null;
    this.queue = [];
    this.busy = false;
    this.timer = null;
  }

  get available() { return this.synth !== null; }

  setEnabled(on) {
    this.enabled = on && this.synth !== null;
    if (!this.enabled) this.cancel();
  }

  say(text) {
    if (!this.enabled || !text) return;
    if (this.queue.length >= 2) {
      const count = this.queue.findIndex((t) => /^\d+$/.test(t));
      this.queue.splice(count >= 0 ? count : 0, 1);
    }
    this.queue.push(text);
    this.pump();
  }

  pump() {
    if (this.busy || this.queue.length === 0 || !this.enabled) return;
    const text = this.queue.shift();
    this.busy = true;
    const finished = () => {
      if (!this.busy) return;
      this.busy = false;
      clearTimeout(this.timer);
      this.pump();
    };
    try {
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = document.documentElement.lang || "en";
      utterance.rate = 0.95;
      utterance.onend = finished;
      utterance.onerror = finished;
      this.timer = setTimeout(finished, 2000 + 90 * text.length);
      this.synth.speak(utterance);
    } catch {
      this.busy = false;
      this.enabled = false; // this browser cannot speak; the screen still shows the cues
    }
  }

  cancel() {
    this.queue = [];
    this.busy = false;
    clearTimeout(this.timer);
    try {
      if (this.synth) this.synth.cancel();
    } catch {
      // nothing to stop
    }
  }
}

export class Beeper {
  constructor(enabled) {
    this.enabled = enabled;
    this.context = null;
  }

  // Call from a tap or key press: browsers only let audio start after one.
  unlock() {
    if (this.context || !this.enabled) return;
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    try {
      this.context = new Context();
    } catch {
      this.context = null;
    }
  }

  setEnabled(on) {
    this.enabled = on;
    if (on) this.unlock();
  }

  // A soft tone: `notes` are [frequency, start offset] pairs, each 0.14 s long.
  tone(notes) {
    if (!this.enabled || !this.context) return;
    try {
      if (this.context.state === "suspended") this.context.resume();
      const t0 = this.context.currentTime + 0.01;
      for (const [frequency, offset] of notes) {
        const osc = this.context.createOscillator();
        const gain = this.context.createGain();
        osc.type = "sine";
        osc.frequency.value = frequency;
        gain.gain.setValueAtTime(0.0001, t0 + offset);
        gain.gain.exponentialRampToValueAtTime(0.18, t0 + offset + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, t0 + offset + 0.14);
        osc.connect(gain).connect(this.context.destination);
        osc.start(t0 + offset);
        osc.stop(t0 + offset + 0.16);
      }
    } catch {
      // no sound then; the screen still changes
    }
  }

  cue() { this.tone([[660, 0]]); }
  step() { this.tone([[523, 0], [784, 0.16]]); }
}
