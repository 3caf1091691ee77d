// Questions that follow from another answer on the same screen: a block marked
// data-reveal-when="name=value [value...]" shows only while one of those inputs is chosen, and
// its fields are disabled while it is hidden, so they are not sent. Without this script every
// such block simply stays on the screen, with words that say when it applies.

const form = document.querySelector("form.wizard");

function chosen(name, values) {
  return [...form.querySelectorAll(`input[name="${name}"]`)].some(
    (input) => (input.checked || input.type === "hidden") && values.includes(input.value),
  );
}

function update(block) {
  const [name, wanted] = block.dataset.revealWhen.split("=");
  const show = chosen(name, wanted.split(" "));
  block.hidden = !show;
  for (const field of block.querySelectorAll("input, select, textarea")) field.disabled = !show;
}

if (form) {
  const blocks = [...form.querySelectorAll("[data-reveal-when]")];
  for (const block of blocks) update(block);
  form.addEventListener("change", () => {
    for (const block of blocks) update(block);
  });
}
