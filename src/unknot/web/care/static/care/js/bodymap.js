// The body map on the intake's first step. The form works without this file: every region and
// side has its own <select> (no pain, 1-10) in the lists under the drawings. This script lets
// the drawings drive those selects, by touch or keyboard:
//
// - seen whole, each drawing offers a few areas (the low back and buttocks, the belly, ...),
//   each a button; choosing one zooms the drawing to it (the same picture, a smaller viewBox);
// - zoomed, every region and side of that area is a button, at least 44 px each way on a phone;
//   choosing one opens the 1-10 picker, and a number marks it and closes the picker;
// - Escape closes the picker, then zooms back out; digits 1-9 (and 0 for 10) pick a number.
//
// The drawing follows the selects: a marked place is shaded, darker for more pain, with the
// number written on it, so the state never rests on colour alone.

const SVG = "http://www.w3.org/2000/svg";
const root = document.querySelector("[data-bodymap]");

function key(region, side) {
  return `${region}|${side}`;
}

function opacity(score) {
  return (0.15 + 0.075 * Math.max(0, Math.min(10, score))).toFixed(2);
}

if (root) {
  const picker = root.querySelector("[data-picker]");
  const pickerLabel = root.querySelector("[data-picker-label]");
  const status = root.querySelector("[data-map-status]");
  const views = root.querySelector("[data-map-views]");
  const selects = new Map();
  for (const select of root.querySelectorAll("select.pain-select")) {
    selects.set(key(select.dataset.region, select.dataset.side), select);
  }
  const targets = [...root.querySelectorAll("svg g.target")];
  const zones = [...root.querySelectorAll("svg rect.zone")];
  let zoomed = null; // the zone whose area is shown
  let current = null; // the target whose pain is being chosen

  const selectOf = (target) => selects.get(key(target.dataset.region, target.dataset.side));
  const painOf = (target) => Number(selectOf(target)?.value || 0);

  function say(words) {
    status.textContent = "";
    setTimeout(() => { status.textContent = words; }, 50);
  }

  function labelTarget(target) {
    const pain = painOf(target);
    const words = pain ? `pain ${pain} out of 10` : "no pain marked";
    target.setAttribute("aria-label", `${target.dataset.name}: ${words}`);
  }

  function draw(select) {
    const { region, side } = select.dataset;
    const value = select.value ? Number(select.value) : 0;
    select.classList.toggle("marked", value > 0);
    for (const target of targets) {
      if (target.dataset.region !== region || target.dataset.side !== side) continue;
      const shape = target.querySelector(".region");
      shape.setAttribute("fill-opacity", value > 0 ? opacity(value) : "0");
      target.classList.toggle("pain", value > 0);
      labelTarget(target);
      const layer = target.ownerSVGElement.querySelector("g.scores");
      let label = layer.querySelector(`[data-for="${region}-${side}"]`);
      if (value > 0) {
        if (!label) {
          label = document.createElementNS(SVG, "text");
          label.setAttribute("data-for", `${region}-${side}`);
          label.setAttribute("class", "pain-score");
          for (const [name, v] of Object.entries({
            "text-anchor": "middle", "font-size": "8", "font-weight": "bold",
            "font-family": "sans-serif", fill: "#fff", stroke: "#7a1410", "stroke-width": "1.6",
            "paint-order": "stroke",
          })) label.setAttribute(name, v);
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

  function setFocusable(element, on, role, label) {
    if (on) {
      element.setAttribute("tabindex", "0");
      element.setAttribute("role", role);
      if (label) element.setAttribute("aria-label", label);
    } else {
      element.removeAttribute("tabindex");
      element.removeAttribute("role");
    }
  }

  function resize(svg, box) {
    const [, , width, height] = box.split(" ").map(Number);
    svg.setAttribute("viewBox", box);
    svg.setAttribute("width", String(width));
    svg.setAttribute("height", String(height));
  }

  function zoom(zone) {
    closePicker(false);
    const svg = zone.ownerSVGElement;
    const section = svg.closest("section.map-view");
    zoomed = zone;
    views.classList.add("zoomed");
    for (const other of views.querySelectorAll("section.map-view")) other.hidden = other !== section;
    resize(svg, zone.dataset.box);
    svg.classList.add("is-zoomed");
    for (const z of zones) setFocusable(z, false);
    const inside = targets.filter(
      (t) => t.ownerSVGElement === svg && t.dataset.area === zone.dataset.area,
    );
    for (const t of targets) setFocusable(t, inside.includes(t), "button");
    for (const t of inside) labelTarget(t);
    section.querySelector("[data-zoom-bar]").hidden = false;
    section.querySelector("[data-zoom-title]").textContent = zone.dataset.name;
    section.scrollIntoView({ block: "start" });
    say(`${zone.dataset.name}: ${inside.length} places. Choose the one that hurts.`);
    inside[0]?.focus();
  }

  function whole() {
    if (!zoomed) return;
    closePicker(false);
    const zone = zoomed;
    const svg = zone.ownerSVGElement;
    zoomed = null;
    views.classList.remove("zoomed");
    for (const section of views.querySelectorAll("section.map-view")) {
      section.hidden = false;
      section.querySelector("[data-zoom-bar]").hidden = true;
    }
    resize(svg, svg.dataset.whole);
    svg.classList.remove("is-zoomed");
    for (const t of targets) setFocusable(t, false);
    for (const z of zones) setFocusable(z, true, "button", `${z.dataset.name}: open`);
    zone.focus();
  }

  function openPicker(target) {
    current = target;
    for (const t of targets) t.classList.toggle("chosen", t === target);
    const value = selectOf(target).value;
    pickerLabel.textContent = `${target.dataset.name}: how much does it hurt?`;
    for (const button of picker.querySelectorAll("button.number")) {
      button.setAttribute("aria-pressed", String(button.dataset.value === value));
    }
    picker.hidden = false;
    document.body.classList.add("picking");
    const box = target.getBoundingClientRect();
    const free = window.innerHeight - picker.offsetHeight;
    if (box.bottom > free - 8 || box.top < 0) {
      window.scrollBy({ top: box.top - free / 2 + box.height / 2 });
    }
    (picker.querySelector("button.number[aria-pressed='true']")
      || picker.querySelector("button.number")).focus();
  }

  function closePicker(refocus = true) {
    if (!current) return;
    const target = current;
    current = null;
    picker.hidden = true;
    document.body.classList.remove("picking");
    for (const t of targets) t.classList.remove("chosen");
    if (refocus) target.focus();
  }

  function choose(value) {
    const select = selectOf(current);
    select.value = value;
    draw(select);
    say(`${current.dataset.name}: ${value ? `pain ${value}` : "no pain"}.`);
    closePicker();
  }

  // With the drawing working, the lists fold away (a tap on their summary opens them), except
  // a list holding an answer that needs another look.
  for (const list of root.querySelectorAll("details.region-list")) {
    if (!list.querySelector(".field-error")) list.open = false;
  }
  for (const svg of root.querySelectorAll("svg.intake-map")) {
    svg.setAttribute("role", "group");
    svg.setAttribute("aria-label", svg.querySelector("title").textContent);
  }
  for (const z of zones) setFocusable(z, true, "button", `${z.dataset.name}: open`);
  for (const select of selects.values()) {
    draw(select);
    select.addEventListener("change", () => draw(select));
  }

  function activate(element) {
    if (element.matches("rect.zone")) zoom(element);
    else if (element.matches("g.target") && zoomed) openPicker(element);
  }

  root.addEventListener("click", (event) => {
    const hit = event.target.closest?.("rect.zone, g.target");
    if (hit && root.contains(hit)) {
      activate(hit);
      return;
    }
    const button = event.target.closest?.("button");
    if (!button) return;
    if (button.hasAttribute("data-whole-body")) whole();
    else if (button.hasAttribute("data-picker-close")) closePicker();
    else if (current && "value" in button.dataset) choose(button.dataset.value);
  });

  root.addEventListener("keydown", (event) => {
    const hit = event.target.closest?.("rect.zone, g.target");
    if (hit && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      activate(hit);
    }
  });

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && current) closePicker();
    else if (event.key === "Escape" && zoomed) whole();
    else if (current && /^[0-9]$/.test(event.key) && !event.altKey && !event.ctrlKey) {
      event.preventDefault();
      choose(event.key === "0" ? "10" : event.key);
    }
  });

  root.querySelector("[data-map-hint]").hidden = false;
  root.dataset.ready = "true"; // wired up: tests (and anyone curious) can tell
}
