// Printing: open every folded part first (and close them again after), so the paper shows all
// of it; any element with data-print becomes a "Print" button.

const opened = [];

window.addEventListener("beforeprint", () => {
  for (const details of document.querySelectorAll("details:not([open])")) {
    details.open = true;
    opened.push(details);
  }
});

window.addEventListener("afterprint", () => {
  while (opened.length) opened.pop().open = false;
});

for (const button of document.querySelectorAll("[data-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
