// On any page a signed-in person opens: send the sessions this phone kept while it was offline
// (or signed out), so the diary does not wait for the next visit to the player. On the diary
// itself, reload once something was sent, so the new session shows.

import { flush, pending } from "./outbox.js";

const meta = document.querySelector('meta[name="csrf-token"]');

async function send() {
  if (!meta || !pending()) return;
  const sent = await flush(meta.content);
  if (sent && document.body.dataset.page === "diary") window.location.reload();
}

window.addEventListener("online", send);
send();
