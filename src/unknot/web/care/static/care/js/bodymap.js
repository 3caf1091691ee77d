// The body map on the intake's first step. The form works without this file: every region and
// side has its own <select> (no pain, 1-10). This script lets a tap on the drawing drive those
// selects, and keeps the drawing in step with them: a marked place is shaded, darker for more
// pain, with the number written on it, so the state never rests on colour alone.

const SVG = "http://www.w3.org/2000/svg";

const root = document.querySelector("[data-bodymap]");
if (root) {
  const picker = root.querySelector("[data-picker]");
  const pickerLabel = root.querySelector("[data-picker-label]");
  const selects = new Map();
  for (const select of root.querySelectorAll("select.pain-select")) {
    selects.set(key(select.dataset.region, select.dataset.side), select);
  }
  let current = null;

  function key(region, side) {
    return `${region}|${side}`;
  }

  function opacity(score) {
    return (0.15 + 0.075 * Math.max(0, Math.min(10, score))).toFixed(2);
  }

  function nameOf(select) {
    const row = select.closest("fieldset");
    const legend = row ? row.querySelector("legend") : null;
    const label = root.querySelector(`label[for="${select.id}"]`);
    const region = legend ? legend.textContent.trim() : select.dataset.region;
    const side = label ? label.textContent.trim().toLowerCase() : select.dataset.side;
    return side === "middle" ? region : `${region}, ${side}`;
  }

  function shapesFor(region, side) {
    return root.querySelectorAll(`svg .region[data-region="${region}"][data-side="${side}"]`);
  }

  function scoreLayer(svg) {
    let layer = svg.querySelector("g.js-scores");
    if (!layer) {
      layer = document.createElementNS(SVG, "g");
      layer.setAttribute("class", "js-scores");
      layer.setAttribute("pointer-events", "none");
      svg.appendChild(layer);
    }
    return layer;
  }

  function draw(select) {
    const { region, side } = select.dataset;
    const value = select.value ? Number(select.value) : 0;
    select.classList.toggle("marked", value > 0);
    for (const shape of shapesFor(region, side)) {
      shape.setAttribute("fill-opacity", value > 0 ? opacity(value) : "0");
      shape.classList.toggle("pain", value > 0);
      const title = shape.querySelector("title");
      if (title) {
        title.textContent = value > 0 ? `${nameOf(select)}: pain ${value} out of 10` : nameOf(select);
      }
      const svg = shape.ownerSVGElement;
      const layer = scoreLayer(svg);
      const id = `score-${region}-${side}`;
      let label = layer.querySelector(`[data-for="${id}"]`);
      if (value > 0) {
        if (!label) {
          label = document.createElementNS(SVG, "text");
          label.setAttribute("data-for", id);
          label.setAttribute("class", "pain-score");
          label.setAttribute("text-anchor", "middle");
          label.setAttribute("font-size", "8");
          label.setAttribute("font-weight", "bold");
          label.setAttribute("font-family", "sans-serif");
          label.setAttribute("fill", "#fff");
          label.setAttribute("stroke", "#7a1410");
          label.setAttribute("stroke-width", "1.6");
          label.setAttribute("paint-order", "stroke");
          const box = shape.getBBox();
          label.setAttribute("x", String(box.x + box.width / 2));
          label.setAttribute("y", String(box.y + box.height / 2 + 3));
          layer.appendChild(label);
        }
        label.textContent = String(value);
      } else if (label) {
        label.remove();
      }
    }
  }

  function choose(select) {
    for (const shape of root.querySelectorAll("svg .region.chosen")) shape.classList.remove("chosen");
    current = select;
    if (!select) {
      picker.hidden = true;
      document.body.classList.remove("picking");
      return;
    }
    for (const shape of shapesFor(select.dataset.region, select.dataset.side)) {
      shape.classList.add("chosen");
    }
    pickerLabel.textContent = `${nameOf(select)}: how much does it hurt?`;
    for (const button of picker.querySelectorAll("button[data-value]")) {
      const pressed = button.dataset.value !== "" && button.dataset.value === select.value;
      button.setAttribute("aria-pressed", pressed ? "true" : "false");
    }
    picker.hidden = false;
    document.body.classList.add("picking");
    const shape = shapesFor(select.dataset.region, select.dataset.side)[0];
    if (shape) {
      const box = shape.getBoundingClientRect();
      const free = window.innerHeight - picker.offsetHeight;
      if (box.bottom > free - 16 || box.top < 0) {
        window.scrollBy({ top: box.top - free / 2 + box.height / 2 });
      }
    }
  }

  // With the drawing working, the lists fold away (a tap on their summary opens them), except
  // a list holding an answer that needs another look.
  for (const list of root.querySelectorAll("details.region-list")) {
    if (!list.querySelector(".field-error")) list.open = false;
  }

  // The server drew the first state; from here on this script draws it, from the selects.
  for (const overlay of root.querySelectorAll("svg g.overlays")) overlay.remove();
  for (const select of selects.values()) {
    draw(select);
    select.addEventListener("change", () => {
      draw(select);
      if (current === select) choose(select);
    });
  }

  root.addEventListener("click", (event) => {
    const shape = event.target.closest ? event.target.closest("svg .region") : null;
    if (!shape) return;
    const select = selects.get(key(shape.dataset.region, shape.dataset.side));
    if (select) choose(select);
  });

  picker.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    if (button.hasAttribute("data-picker-done")) {
      choose(null);
      return;
    }
    if (current && "value" in button.dataset) {
      current.value = button.dataset.value;
      draw(current);
      if (button.dataset.value === "") {
        choose(null);
      } else {
        choose(current);
      }
    }
  });

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && current) choose(null);
  });
}

// Wired up: tests (and anyone curious) can tell the drawing now answers taps.
if (root) root.dataset.ready = "true";
