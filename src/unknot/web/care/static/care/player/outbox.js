// Saving a session: POST the log with fetch; when that fails because the phone is offline (or
// the server is down), keep it on this phone in an outbox and send it when the browser is back
// online, or the next time a player page loads. A log the server refuses (400) is never retried.

const KEY = "unknot.player.outbox";
const MAX_KEPT = 20;

function read() {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) || "[]");
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}

function write(items) {
  try {
    if (items.length) localStorage.setItem(KEY, JSON.stringify(items.slice(-MAX_KEPT)));
    else localStorage.removeItem(KEY);
    return true;
  } catch {
    return false;
  }
}

export function pending() {
  return read().length;
}

// One POST. Resolves to {status: "saved" | "refused" | "unsent", messages, reason}; `reason`
// says why a session was not sent: "offline", "signin" (the answer was the sign-in page) or
// "server" (a stale form, a server error).
async function post(url, data, csrf) {
  // The browser knows it is offline: do not even try (and fill the console with errors).
  if (navigator.onLine === false) return { status: "unsent", messages: [], reason: "offline" };
  let response;
  try {
    response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "X-CSRFToken": csrf,
      },
      body: JSON.stringify(data),
    });
  } catch {
    return { status: "unsent", messages: [], reason: "offline" };
  }
  const json = (response.headers.get("Content-Type") || "").startsWith("application/json");
  if (response.ok && json && !response.redirected) return { status: "saved", messages: [] };
  if (response.ok) return { status: "unsent", messages: [], reason: "signin" };
  if (response.status === 400 || response.status === 404) {
    let messages = ["The server could not keep this session."];
    try {
      const body = await response.json();
      if (Array.isArray(body.messages) && body.messages.length) messages = body.messages;
    } catch {
      // not JSON: keep the plain sentence above
    }
    return { status: "refused", messages };
  }
  return { status: "unsent", messages: [], reason: "server" }; // 403, 5xx: try again later
}

// Save now, or keep in the outbox. Resolves to the same shape as `post`, with "kept" for a
// session held on this phone.
export async function save(url, data, csrf) {
  const result = await post(url, data, csrf);
  if (result.status !== "unsent") return result;
  const items = read();
  items.push({ url, data });
  return write(items) ? { ...result, status: "kept" } : result;
}

let flushing = false;

// Send what the outbox holds; resolves to the number of sessions sent.
export async function flush(csrf) {
  if (flushing) return 0;
  flushing = true;
  let sent = 0;
  try {
    for (const item of read()) {
      const result = await post(item.url, item.data, csrf);
      if (result.status === "unsent") break; // still offline: keep this one and the rest
      write(read().filter((other) => JSON.stringify(other) !== JSON.stringify(item)));
      if (result.status === "saved") sent += 1;
    }
  } finally {
    flushing = false;
  }
  return sent;
}
