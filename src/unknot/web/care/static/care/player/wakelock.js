// Keep the screen on during the session with the Screen Wake Lock API, where there is one.
// The browser drops the lock when the page is hidden, so it is asked for again on return.
// Everywhere else (no API, refused, low battery) the session simply goes on.

let sentinel = null;
let wanted = false;

async function acquire() {
  if (!wanted || !("wakeLock" in navigator) || document.visibilityState !== "visible") return;
  try {
    sentinel = await navigator.wakeLock.request("screen");
    sentinel.addEventListener("release", () => { sentinel = null; });
  } catch {
    sentinel = null;
  }
}

document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "visible" && wanted && sentinel === null) acquire();
});

export function keepAwake(on) {
  wanted = on;
  if (on) {
    if (sentinel === null) acquire();
  } else if (sentinel !== null) {
    sentinel.release().catch(() => {});
    sentinel = null;
  }
}
