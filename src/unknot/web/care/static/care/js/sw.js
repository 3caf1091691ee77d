// unknot's service worker, served as /sw.js so that it may look after every page of the app.
//
// - Static files (styles, scripts, icons) are kept as they are fetched, and answered from the
//   cache first (in production their names change with their content).
// - A page that asks to be kept for offline use (the plan and the guided session, through
//   pwa.js) is stored with the files it loaded. Such pages are fetched from the network first,
//   and answered from the cache when the network is down or too slow; /plan/ then opens the
//   last plan kept. Other pages that cannot be reached get a short "you are offline" page.
// - Nothing but GET requests from this app's own origin is ever touched: a session's log is
//   posted straight to the server, and waits in the player's outbox when it cannot be sent.
// - Kept pages belong to one person: when a page says someone else is signed in (or nobody),
//   they are dropped, so a shared phone shows no one another's plan.

const CACHE = "unknot-v1";
const OFFLINE = "/offline/";
const OWNER = "/sw/owner"; // a cache entry holding whose pages are kept
const PLAN = "/plan/";
const SLOW_MS = 4000;

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.add(new Request(OFFLINE, { credentials: "same-origin" }));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

async function fromCacheFirst(request) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request);
  const fresh = fetch(request).then((response) => {
    if (response.ok) cache.put(request, response.clone());
    return response;
  });
  if (kept) {
    fresh.catch(() => {}); // refreshed in the background when the network is there
    return kept;
  }
  return fresh;
}

async function fromNetworkFirst(request) {
  const cache = await caches.open(CACHE);
  const path = new URL(request.url).pathname;
  const kept = (await cache.match(request)) || (path === PLAN && (await cache.match(PLAN)));
  const network = fetch(request).then((response) => {
    if (kept && response.ok && !response.redirected) cache.put(request, response.clone());
    return response;
  });
  try {
    if (!kept) return await network;
    const slow = new Promise((resolve) => { setTimeout(() => resolve(kept), SLOW_MS); });
    return await Promise.race([network, slow]);
  } catch {
    return kept || (await cache.match(OFFLINE)) || Response.error();
  }
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/static/")) event.respondWith(fromCacheFirst(request));
  else if (request.mode === "navigate") event.respondWith(fromNetworkFirst(request));
});

async function keep(cache, page, files, isPlan) {
  const request = new Request(page, { credentials: "same-origin" });
  const response = await fetch(request);
  if (!response.ok || response.redirected) return false;
  await cache.put(request, response.clone());
  if (isPlan) await cache.put(PLAN, response);
  await Promise.all(files.map(async (file) => {
    if (!(await cache.match(file))) await cache.add(file);
  }));
  return true;
}

async function forgetPages(cache) {
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (!path.startsWith("/static/") && path !== OFFLINE) await cache.delete(request);
  }
}

self.addEventListener("message", (event) => {
  const data = event.data || {};
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const owner = await cache.match(OWNER);
    const was = owner ? await owner.text() : null;
    if (was !== data.user) {
      await forgetPages(cache);
      await cache.put(OWNER, new Response(data.user));
    }
    if (data.type !== "keep") return;
    let kept = false;
    try {
      kept = await keep(cache, data.page, data.files || [], data.plan === true);
    } catch {
      kept = false;
    }
    if (event.source) event.source.postMessage({ type: "kept", page: data.page, kept });
  })());
});
