// On every page: install the service worker (so unknot can be added to the home screen and its
// plan and session keep working offline), tell it who is signed in, and, on a page marked
// data-offline (the plan, the guided session), ask it to keep the page and the files it
// loaded ("plan" or "session"; /plan/ then opens the last plan kept). When that is done the
// page says so: <html data-offline-ready>.

const body = document.body;

async function start() {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  let registration;
  try {
    registration = await navigator.serviceWorker.register("/sw.js", { scope: "/" });
  } catch {
    return; // no offline copy then; everything else works as before
  }
  const worker = (await navigator.serviceWorker.ready).active || registration.active;
  if (!worker) return;
  const message = { type: "user", user: body.dataset.user || "" };
  if (body.dataset.offline) {
    const files = performance.getEntriesByType("resource")
      .map((entry) => new URL(entry.name))
      .filter((url) => url.origin === location.origin && url.pathname.startsWith("/static/"))
      .map((url) => url.pathname + url.search);
    Object.assign(message, {
      type: "keep", page: location.pathname + location.search, files,
      plan: body.dataset.offline === "plan",
    });
  }
  worker.postMessage(message);
}

navigator.serviceWorker?.addEventListener("message", (event) => {
  if (event.data?.type === "kept" && event.data.kept) {
    document.documentElement.dataset.offlineReady = "true";
  }
});

start();
