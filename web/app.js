// The playground: one session made on load; leaves and expressions go to the HTTP API through the
// JavaScript client, and the variables table and the autograd graph are redrawn from the server's
// answers after every call. Share makes a read-only link (a viewer token, in the URL's fragment):
// the page it opens watches the session's events and redraws as the owner works, its edit controls
// disabled. No framework and no build step: served as is by service/api/web.py.

import { Client, NetworkError } from "./client.js";

const $ = (selector) => document.querySelector(selector);
const SVG_NS = "http://www.w3.org/2000/svg";
const STORAGE_KEY = "autograd-playground-session";
const EXAMPLES = ["y = x.sum()", "z = (x * x + 3 * x).mean()", "s = sigmoid(x @ x).sum()", "loss = ((x - 3) ** 2).mean()"];
const LARGEST_FETCHED = 100_000; // elements; bigger tensors show their shape only
// A tensor wider or taller than this (in characters and lines of its printout) is folded to its
// shape and first values, and unfolds on a click: a table cell is a column of a card, not a page.
const FOLD_WIDTH = 24;
const FOLD_LINES = 6;
const SUMMARIZED = 1000; // past this many elements the printout keeps 3 at each end of each dim, as torch's
const EDGE = 3;
const GAP = Symbol("...");
const PLOTTED_POINTS = 200; // at most this many progress events per training run (log_every)

const state = {
  session: null,
  vars: [],
  target: null,
  selected: null,
  busy: false,
  flash: new Set(),
  training: null,
  unfolded: new Set(), // "name.data", "name.grad": the tensors the user opened, kept open across redraws
  readOnly: false, // opened from a share link: the page watches, and changes nothing
  redraw: null, // the redraw in flight on a watching page, and whether events came during it
  again: false,
  feed: { loss: "loss", steps: 2, points: [] }, // the losses of the owner's training, as their events come
};

// --- talking to the API, through the JavaScript client (clients/js, served as /static/client.js) ---

// A server that sets AGS_API_KEYS needs a key to make sessions: open the page as /?api_key=...
function apiKey() {
  const fromUrl = new URLSearchParams(location.search).get("api_key");
  if (fromUrl) sessionStorage.setItem(`${STORAGE_KEY}-key`, fromUrl);
  return sessionStorage.getItem(`${STORAGE_KEY}-key`) ?? undefined;
}

const client = new Client("", { apiKey: apiKey() });

/** An error of the page's own making (bad input), shown like the server's problems. */
class InputError extends Error {
  constructor(title, detail) {
    super(detail);
    Object.assign(this, { status: 0, title, detail });
  }
}

// A share link's fragment: #session=<id>&viewer=<token> (a fragment never leaves the browser: no
// server, proxy or log sees the token).
function sharedView() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const [id, token] = [fragment.get("session"), fragment.get("viewer")];
  return id && token ? { id, token } : null;
}

async function share() {
  const made = await state.session.share();
  const link = new URL("/", location.href);
  link.hash = new URLSearchParams({ session: state.session.id, viewer: made.token }).toString();
  $("#share-link").value = link.href;
  $("#share-bar").hidden = false;
}

async function openView({ id, token }) {
  state.session = await client.view(id, token);
  state.readOnly = true;
  $("#viewing").hidden = false;
  $("#share").hidden = true;
  $("#new-session").hidden = true;
  $("#train-plot-wrap").hidden = false;
  drawPlot(state.feed);
}

// A watching page: each event redraws the page from the server (one redraw at a time, and one more
// if events came during it); a train event adds its loss to the plot. The client resumes a dropped
// connection itself; an `end` that says this page fell behind (`dropped`) is resumed here.
async function watch() {
  let last;
  for (;;) {
    try {
      for await (const event of state.session.events({ lastEventId: last })) {
        if (event.id !== null) last = event.id;
        if (event.event === "train") {
          state.feed.points.push([state.feed.points.length + 1, event.data.loss]);
          state.feed.steps = Math.max(2, state.feed.points.length);
          drawPlot(state.feed);
        }
        if (event.event === "end" && event.data.reason !== "dropped") {
          setStatus("gone");
          return;
        }
        if (event.event !== "end") redrawSoon();
      }
    } catch (err) {
      showError("#autograd-error", err);
      setStatus(statusAfter(err));
      return;
    }
  }
}

function redrawSoon() {
  if (state.redraw) {
    state.again = true;
    return;
  }
  state.redraw = (async () => {
    try {
      do {
        state.again = false;
        await refresh();
      } while (state.again);
      setStatus("ready");
    } catch (err) {
      showError("#autograd-error", err);
      setStatus(statusAfter(err));
    } finally {
      state.redraw = null;
    }
  })();
}

async function openSession({ fresh = false } = {}) {
  const saved = fresh ? null : JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? "null");
  if (saved) {
    try {
      state.session = client.session(saved);
      await state.session.describe();
      return;
    } catch (err) {
      if (!err.sessionGone) throw err;
    }
  }
  state.session = null;
  state.session = await client.createSession();
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(state.session));
}

// --- actions: one at a time, errors shown in the card that asked --------------------------------

async function act(errorSlot, action) {
  if (state.busy) return;
  setBusy(true);
  hideError(errorSlot);
  try {
    await action();
    await refresh();
    setStatus("ready");
  } catch (err) {
    showError(errorSlot, err);
    setStatus(statusAfter(err));
  } finally {
    setBusy(false);
  }
}

// The header's dot says whether the session is usable: a refused call (a bad expression, an unknown
// variable) leaves it green; red only when the session itself is gone, amber when nothing answers.
function statusAfter(err) {
  if (err.sessionGone) return "gone";
  if (err instanceof NetworkError) return "offline";
  return "ready";
}

async function setLeaf() {
  const name = $("#leaf-name").value.trim();
  const init = $("#leaf-init").value;
  const dtype = $("#leaf-dtype").value;
  const body = { requires_grad: $("#leaf-requires-grad").checked };
  if (dtype) body.dtype = dtype;
  if (init) {
    body.init = init;
    body.shape = parseShape($("#leaf-shape").value);
    if (init === "full") body.value = parseNumber($("#leaf-fill").value, "Fill");
    const seed = $("#leaf-seed").value.trim();
    if (seed && init.startsWith("rand")) body.seed = parseNumber(seed, "Seed");
  } else {
    body.data = parseValues($("#leaf-value").value);
  }
  await state.session.put(name, body);
  state.selected = name;
}

async function compute() {
  const answer = await state.session.compute($("#expr").value);
  const names = Object.keys(answer.variables);
  const last = names[names.length - 1];
  if (answer.variables[last]?.requires_grad) state.target = last;
  state.selected = last;
}

async function backward() {
  const target = $("#backward-target").value;
  if (!target) throw new InputError("Nothing to differentiate", "compute an expression from a leaf with requires_grad first");
  const answer = await state.session.backward(target);
  state.target = target;
  state.flash = new Set(Object.keys(answer.grads));
}

async function zeroGrad() {
  const answer = await state.session.zeroGrad();
  state.flash = new Set(answer.zeroed);
}

async function deleteVariable(name) {
  await state.session.delete(name);
  if (state.selected === name) state.selected = null;
}

// The server's fused loop (POST .../train) with its progress streamed into the plot as it arrives.
// Stop aborts the stream: the server ends the loop after the current step and keeps the steps taken.
async function train() {
  const loss = $("#train-loss").value;
  if (!loss) {
    throw new InputError("Nothing to train", "compute a scalar loss from a leaf with requires_grad first, like loss = ((x - 3) ** 2).sum()");
  }
  const steps = parseCount($("#train-steps").value, "Steps");
  const optimizer = { type: $("#train-optimizer").value, lr: parseNumber($("#train-lr").value, "lr") };
  const run = { loss, steps, points: [], stopped: false };
  const controller = new AbortController();
  state.training = controller;
  $("#train-stop").hidden = false;
  $("#train-plot-wrap").hidden = false;
  drawPlot(run);
  try {
    const answer = await state.session.train(
      { loss, optimizer, steps, log_every: Math.max(1, Math.ceil(steps / PLOTTED_POINTS)) },
      {
        signal: controller.signal,
        onProgress: ({ step, loss: value }) => {
          run.points.push([step, value]);
          drawPlot(run);
        },
      },
    );
    run.done = answer;
  } catch (err) {
    if (!controller.signal.aborted) throw err;
    run.stopped = true;
  } finally {
    state.training = null;
    $("#train-stop").hidden = true;
    drawPlot(run);
  }
  state.flash = new Set(state.vars.filter((v) => v.is_leaf && v.requires_grad).map((v) => v.name));
}

// --- reading input -----------------------------------------------------------------------------

function parseValues(text) {
  const pythonic = text.replace(/\bTrue\b/g, "true").replace(/\bFalse\b/g, "false");
  try {
    return JSON.parse(pythonic.replace(/-inf\b/g, '"-Infinity"').replace(/\binf\b/g, '"Infinity"').replace(/\bnan\b/g, '"NaN"'));
  } catch {
    throw new InputError("Invalid values", "write a number or a nested list, like [[1, 2], [3, 4]]");
  }
}

function parseShape(text) {
  const parts = text.replace(/[[\]()]/g, "").split(/[\s,×x]+/).filter(Boolean);
  const shape = parts.map(Number);
  if (!shape.every((d) => Number.isInteger(d) && d >= 0)) {
    throw new InputError("Invalid shape", "write the sizes separated by commas, like 2, 3");
  }
  return shape;
}

function parseCount(text, what) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new InputError(`Invalid ${what.toLowerCase()}`, `${what} must be a whole number ≥ 1`);
  return value;
}

function parseNumber(text, what) {
  const value = Number(text);
  if (text.trim() === "" || Number.isNaN(value)) throw new InputError(`Invalid ${what.toLowerCase()}`, `${what} must be a number`);
  return value;
}

// --- refreshing the view -----------------------------------------------------------------------

async function refresh() {
  const variables = await state.session.list();
  state.vars = await Promise.all(variables.map(readVariable));
  const names = new Set(state.vars.map((v) => v.name));
  if (!names.has(state.selected)) state.selected = state.target && names.has(state.target) ? state.target : null;
  renderTable();
  renderTargets();
  await renderGraph();
  state.flash = new Set();
}

async function readVariable(listed) {
  if (listed.error) return listed;
  try {
    const [read, computed] = await Promise.all([
      numel(listed.shape) > LARGEST_FETCHED ? listed : state.session.get(listed.name),
      isComputed(listed),
    ]);
    return { ...read, computed };
  } catch (err) {
    return { ...listed, error: err.detail };
  }
}

// torch's is_leaf is true for every tensor that does not require grad, computed ones included
// (c = cos(o) with o not requiring grad). The graph route tells them apart: its output node names a
// session leaf only for a leaf that was set.
async function isComputed(listed) {
  if (!listed.is_leaf || listed.requires_grad) return !listed.is_leaf;
  try {
    const graph = await state.session.graph(listed.name);
    return graph?.nodes?.[0]?.leaf == null;
  } catch {
    return false;
  }
}

function renderTable() {
  const body = $("#variables tbody");
  body.replaceChildren(...state.vars.flatMap((v) => [tableRow(v), ...unfoldedRows(v)]));
  $("#empty").hidden = state.vars.length > 0;
  $("#variables").hidden = state.vars.length === 0;
  const leaves = state.vars.filter((v) => !v.computed).length;
  $("#var-count").textContent = state.vars.length
    ? `${leaves} lea${leaves === 1 ? "f" : "ves"} · ${state.vars.length - leaves} computed`
    : "";
}

function tableRow(v) {
  const row = el("tr", { "data-name": v.name });
  row.classList.toggle("selected", v.name === state.selected);
  row.classList.toggle("flash", state.flash.has(v.name));
  row.addEventListener("click", () => select(v.name));

  const badges = el("div", { class: "badges" });
  badges.append(kindBadge(v));
  if (v.requires_grad) {
    const why = v.is_leaf ? "backward accumulates into its .grad" : "gradients flow back through it to the leaves";
    badges.append(el("span", { class: "badge rg", title: `requires_grad=True: ${why}` }, "requires_grad"));
  }
  const where = el("div", { class: "name-shape" }, `${shapeText(v.shape)} · ${v.dtype ?? ""}`);
  const name = el("td", { class: "cell-name" }, el("div", { class: "var-name" }, v.name), where, badges);

  if (v.error) {
    const cell = el("td", { class: "cell-error", colspan: "4" }, v.error);
    return append(row, name, cell, deleteCell(v.name));
  }
  const shape = el("td", { class: "meta col-shape" }, shapeText(v.shape), el("br"), v.dtype ?? "");
  const gradFn = el("td", { class: `grad-fn col-grad-fn${v.grad_fn ? "" : " none"}` }, v.grad_fn ?? "—");
  const value = el("td", { class: "cell-value", "data-label": "value" }, tensorView(v, "data", "data" in v ? "—" : "not shown"));
  const grad = el("td", { class: "cell-grad col-grad", "data-label": "grad" }, tensorView(v, "grad", v.computed ? "—" : "None"));
  return append(row, name, shape, gradFn, value, grad, deleteCell(v.name));
}

function kindBadge(v) {
  if (!v.computed) return el("span", { class: "badge leaf", title: "a leaf: set with PUT, like torch.tensor(…)" }, "leaf");
  if (!v.is_leaf) return el("span", { class: "badge", title: "computed from the leaves by its expression" }, "computed");
  const why = "computed, but nothing it depends on requires grad: torch calls it a leaf (is_leaf=True) and no gradient reaches it";
  return el("span", { class: "badge nograd", title: why }, "computed, no grad");
}

function deleteCell(name) {
  const button = el("button", { type: "button", class: "delete", title: `Delete ${name}`, "aria-label": `Delete ${name}` }, "×");
  button.disabled = state.busy || state.readOnly; // drawn mid-call: enabled with the others when the call ends
  button.addEventListener("click", (event) => {
    event.stopPropagation();
    act("#autograd-error", () => deleteVariable(name));
  });
  return el("td", { class: "cell-del" }, button);
}

function renderTargets() {
  const select = $("#backward-target");
  const candidates = state.vars.filter((v) => v.requires_grad && !v.is_leaf && !v.error).map((v) => v.name);
  if (!candidates.includes(state.target)) state.target = candidates[candidates.length - 1] ?? null;
  const options = candidates.map((n) => el("option", { value: n }, n));
  if (!options.length) options.push(el("option", { value: "" }, "compute an expression first"));
  select.replaceChildren(...options);
  select.value = state.target ?? "";

  const losses = state.vars.filter((v) => v.requires_grad && !v.is_leaf && !v.error && v.shape?.length === 0).map((v) => v.name);
  const lossSelect = $("#train-loss");
  // The variable just computed (or picked to backward from) when it is a scalar, else the one shown.
  const chosen = [state.target, lossSelect.value].find((n) => losses.includes(n)) ?? losses[losses.length - 1];
  const lossOptions = losses.map((n) => el("option", { value: n }, n));
  if (!lossOptions.length) lossOptions.push(el("option", { value: "" }, "no scalar loss yet"));
  lossSelect.replaceChildren(...lossOptions);
  lossSelect.value = chosen ?? "";
}

function select(name) {
  if (state.busy || state.selected === name) return;
  state.selected = name;
  for (const row of document.querySelectorAll("#variables tbody tr")) {
    row.classList.toggle("selected", row.dataset.name === name);
  }
  renderGraph();
}

// --- tensors as text ---------------------------------------------------------------------------

const numel = (shape) => (shape ?? []).reduce((a, b) => a * b, 1);
const shapeText = (shape) => (shape && shape.length ? shape.join(" × ") : "scalar");

function formatNumber(v) {
  if (typeof v === "string") return { NaN: "nan", Infinity: "inf", "-Infinity": "-inf" }[v] ?? v;
  if (typeof v === "boolean") return v ? "True" : "False";
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-4 || a >= 1e6)) return v.toExponential(3);
  return String(Number(v.toFixed(4)));
}

// Like torch's printout: one row per line, numbers right-aligned to a common width; a tensor of more
// than SUMMARIZED elements keeps the first and last EDGE entries along each dimension.
function formatTensor(value) {
  if (!Array.isArray(value)) return formatNumber(value);
  const summarize = value.flat(Infinity).length > SUMMARIZED;
  const cut = (v) => (summarize && v.length > 2 * EDGE ? [...v.slice(0, EDGE), GAP, ...v.slice(-EDGE)] : v);
  const kept = (v) => (Array.isArray(v) ? cut(v).map((x) => (x === GAP ? x : kept(x))) : v);
  const shown = kept(value);
  const width = Math.max(...shown.flat(Infinity).map((v) => (v === GAP ? 0 : formatNumber(v).length)), 0);
  const item = (x) => (x === GAP ? "..." : formatNumber(x).padStart(width));
  const nest = (v, depth) => {
    if (!v.some(Array.isArray)) return `[${v.map(item).join(", ")}]`;
    return `[${v.map((x) => (x === GAP ? "..." : nest(x, depth + 1))).join(`,\n${" ".repeat(depth + 1)}`)}]`;
  };
  return nest(shown, 0);
}

function compactTensor(value) {
  if (value === null || value === undefined) return "None";
  if (!Array.isArray(value)) return formatNumber(value);
  const flat = value.flat(Infinity);
  const nest = (v) => (Array.isArray(v) ? `[${v.map(nest).join(", ")}]` : formatNumber(v));
  const text = flat.length <= 6 ? nest(value) : `[${flat.slice(0, 3).map(formatNumber).join(", ")}, …]`;
  return text.length > 34 ? `${text.slice(0, 32)}…` : text;
}

// A value or grad cell: the printout when it fits the cell, else its shape and first values on a
// button that unfolds the whole printout in a row of its own under the variable, the table's width.
function tensorView(v, field, missing) {
  const value = v[field];
  if (value === null || value === undefined) return el("pre", { class: "tensor none" }, missing);
  const text = formatTensor(value);
  if (fits(text)) return el("pre", { class: "tensor" }, text);
  const key = `${v.name}.${field}`;
  const open = state.unfolded.has(key);
  const first = value.flat(Infinity).slice(0, 4).map(formatNumber).join(", ");
  const what = `${v.name}${field === "grad" ? ".grad" : ""}`;
  const button = el(
    "button",
    { type: "button", class: "fold tensor", "aria-expanded": String(open), title: `${open ? "hide" : "show"} ${what}'s values` },
    el("span", { class: "fold-shape" }, shapeText(v.shape)),
    el("span", { class: "fold-head" }, ` [${first}, …]`),
  );
  button.addEventListener("click", (event) => {
    event.stopPropagation();
    if (state.unfolded.has(key)) state.unfolded.delete(key);
    else state.unfolded.add(key);
    renderTable();
  });
  return button;
}

function fits(text) {
  const lines = text.split("\n");
  return lines.length <= FOLD_LINES && Math.max(...lines.map((l) => l.length)) <= FOLD_WIDTH;
}

function unfoldedRows(v) {
  return ["data", "grad"]
    .filter((field) => state.unfolded.has(`${v.name}.${field}`) && Array.isArray(v[field]) && !fits(formatTensor(v[field])))
    .map((field) => {
      const title = `${v.name}${field === "grad" ? ".grad" : ""} · ${shapeText(v.shape)} · ${v.dtype ?? ""}`;
      const cell = el("td", { colspan: "6" }, el("div", { class: "unfolded-title" }, title), el("pre", { class: "tensor unfolded" }, formatTensor(v[field])));
      return el("tr", { class: `unfolded-row ${field === "grad" ? "of-grad" : ""}`, "data-of": v.name, "data-field": field }, cell);
    });
}

// --- the autograd graph ------------------------------------------------------------------------

async function renderGraph() {
  const panel = $("#graph-panel");
  const name = state.selected;
  if (!name) {
    panel.hidden = true;
    return;
  }
  let graph;
  try {
    graph = await state.session.graph(name);
  } catch (err) {
    // The graph route may not exist on this server: then there is simply no panel.
    panel.hidden = err.status === 404 || err instanceof NetworkError;
    $("#graph").replaceChildren();
    $("#graph-error").hidden = false;
    $("#graph-error").textContent = `${err.title}: ${err.detail}`;
    return;
  }
  if (name !== state.selected) return;
  $("#graph-error").hidden = true;
  $("#graph-of").textContent = name;
  drawGraph($("#graph"), graph?.nodes ?? [], graph?.edges ?? []);
  panel.hidden = false;
}

function drawGraph(svg, nodes, edges) {
  const variables = new Map(state.vars.map((v) => [v.name, v]));
  const boxes = nodes.map((n) => {
    const kind = ["op", "leaf", "output"].includes(n.kind) ? n.kind : "other";
    const variable = variables.get(n.leaf ?? (kind === "leaf" ? n.name : undefined));
    const lines = [{ text: String(n.name ?? n.id), cls: "label" }];
    if (Array.isArray(n.shape)) lines.push({ text: shapeText(n.shape), cls: "sub" });
    if (variable?.is_leaf && variable.requires_grad) {
      lines.push({ text: `grad ${compactTensor(variable.grad)}`, cls: "grad" });
    }
    const w = Math.max(96, ...lines.map((l) => l.text.length * 7.3 + 26));
    return { id: n.id, kind, lines, w, h: 16 + lines.length * 16, node: n };
  });
  const { width, height, links } = layout(boxes, edges);
  const pad = 14;
  svg.setAttribute("viewBox", `${-pad} ${-pad} ${width + 2 * pad} ${height + 2 * pad}`);
  svg.setAttribute("width", width + 2 * pad);
  svg.setAttribute("height", height + 2 * pad);

  const marker = svgEl("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" });
  marker.append(svgEl("path", { d: "M0,0 L10,5 L0,10 z", class: "arrow" }));
  const parts = [svgEl("defs", {}, marker)];

  // An op may use one tensor twice (x @ x: DotBackward0 has two edges from x): each parallel
  // edge gets its own curve, fanned out side by side, so the drawing has as many as torch's graph.
  const parallel = new Map();
  for (const [a, b] of links) parallel.set(`${a.id}>${b.id}`, (parallel.get(`${a.id}>${b.id}`) ?? 0) + 1);
  const drawn = new Map();
  for (const [a, b] of links) {
    const key = `${a.id}>${b.id}`;
    const k = drawn.get(key) ?? 0;
    drawn.set(key, k + 1);
    const spread = (k - (parallel.get(key) - 1) / 2) * 22;
    const x1 = a.x + a.w / 2 + spread * 0.5;
    const y1 = a.y + a.h;
    const x2 = b.x + b.w / 2 + spread * 0.5;
    const y2 = b.y - 2;
    const bend = Math.max(24, (y2 - y1) / 2);
    const d = `M${x1},${y1} C${x1 + spread * 1.5},${y1 + bend} ${x2 + spread * 1.5},${y2 - bend} ${x2},${y2}`;
    parts.push(svgEl("path", { class: "edge", d, "marker-end": "url(#arrow)", "data-from": a.id, "data-to": b.id }));
  }
  for (const box of boxes) {
    const group = svgEl("g", { class: `node ${box.kind}`, transform: `translate(${box.x},${box.y})`, "data-id": box.id });
    const shape = Array.isArray(box.node.shape) ? `, shape ${shapeText(box.node.shape)}` : "";
    group.append(svgEl("title", {}, `${box.node.name ?? box.id} (${box.node.kind ?? "node"})${shape}`));
    group.append(svgEl("rect", { width: box.w, height: box.h, rx: 9 }));
    box.lines.forEach((line, i) => {
      group.append(svgEl("text", { x: box.w / 2, y: 21 + i * 16, "text-anchor": "middle", class: line.cls }, line.text));
    });
    parts.push(group);
  }
  svg.replaceChildren(...parts);
}

// Layered drawing: each node one row below its deepest predecessor, rows ordered by the mean
// position of their neighbours (a few sweeps), centred. Enough for autograd graphs, which are small.
function layout(boxes, edges) {
  const index = new Map(boxes.map((b, i) => [b.id, i]));
  const succ = boxes.map(() => []);
  const pred = boxes.map(() => []);
  const links = [];
  for (const e of edges) {
    const a = index.get(e.from);
    const b = index.get(e.to);
    if (a === undefined || b === undefined || a === b) continue;
    succ[a].push(b);
    pred[b].push(a);
    links.push([boxes[a], boxes[b]]);
  }
  const indegree = pred.map((p) => p.length);
  const level = boxes.map(() => 0);
  const queue = boxes.map((_, i) => i).filter((i) => indegree[i] === 0);
  for (let q = 0; q < queue.length; q++) {
    for (const j of succ[queue[q]]) {
      level[j] = Math.max(level[j], level[queue[q]] + 1);
      if (--indegree[j] === 0) queue.push(j);
    }
  }
  const rows = [];
  level.forEach((l, i) => (rows[l] ??= []).push(i));
  const layers = rows.filter(Boolean);
  const order = [];
  const number = () => layers.forEach((row) => row.forEach((i, k) => (order[i] = k)));
  number();
  const centre = (i, neighbours) =>
    neighbours[i].length ? neighbours[i].reduce((s, j) => s + order[j], 0) / neighbours[i].length : order[i];
  for (let sweep = 0; sweep < 4; sweep++) {
    const down = sweep % 2 === 0;
    const sequence = down ? layers.slice(1) : layers.slice(0, -1).reverse();
    for (const row of sequence) {
      row.sort((a, b) => centre(a, down ? pred : succ) - centre(b, down ? pred : succ));
      number();
    }
  }
  const gapX = 26;
  const gapY = 54;
  const rowWidth = (row) => row.reduce((s, i) => s + boxes[i].w, 0) + gapX * (row.length - 1);
  const width = Math.max(0, ...layers.map(rowWidth));
  let y = 0;
  for (const row of layers) {
    const h = Math.max(...row.map((i) => boxes[i].h));
    let x = (width - rowWidth(row)) / 2;
    for (const i of row) {
      Object.assign(boxes[i], { x, y: y + (h - boxes[i].h) / 2 });
      x += boxes[i].w + gapX;
    }
    y += h + gapY;
  }
  return { width, height: Math.max(0, y - gapY), links };
}

// --- the training plot ---------------------------------------------------------------------------

const PLOT = { h: 190, right: 16, top: 14, bottom: 30, char: 6.8 }; // char: a tick label's character, in px

// The loss against the step number, 1 to `steps` across, on a log10 axis when every loss is positive
// (a loss falls by decades); drawn at the plot's own pixel width, so that its text stays the page's
// size on any screen, with the left margin as wide as the widest tick label.
function drawPlot(run) {
  const svg = $("#train-plot");
  const { h, right, top, bottom } = PLOT;
  const w = Math.max(280, Math.round(svg.clientWidth || 560));
  svg.setAttribute("viewBox", `0 0 ${w} ${h}`);
  const points = run.points;
  const finite = points.filter(([, v]) => Number.isFinite(v));
  const log = finite.length > 0 && finite.every(([, v]) => v > 0);
  const scaled = (v) => (log ? Math.log10(v) : v);
  const values = finite.map(([, v]) => scaled(v));
  let lo = values.length ? Math.min(...values) : 0;
  let hi = values.length ? Math.max(...values) : 1;
  if (hi === lo) {
    const pad = log ? 0.5 : Math.abs(hi) * 0.1 || 0.5; // one value, or a flat line: drawn mid-height
    [lo, hi] = [lo - pad, hi + pad];
  }
  const ticks = [0, 0.5, 1].map((t) => lo + t * (hi - lo));
  const labels = ticks.map((t) => formatNumber(log ? 10 ** t : t));
  const left = Math.ceil(Math.max(...labels.map((l) => l.length)) * PLOT.char) + 16;
  const lastStep = Math.max(run.steps, 2);
  const x = (step) => left + ((step - 1) / (lastStep - 1)) * (w - left - right);
  const y = (t) => top + (1 - (t - lo) / (hi - lo)) * (h - top - bottom);
  const parts = [];
  ticks.forEach((t, i) => {
    parts.push(svgEl("line", { class: "grid", x1: left, x2: w - right, y1: y(t), y2: y(t) }));
    parts.push(svgEl("text", { class: "tick", x: left - 8, y: y(t) + 4, "text-anchor": "end" }, labels[i]));
  });
  parts.push(svgEl("text", { class: "tick", x: left, y: h - 8 }, "step 1"));
  if (log) parts.push(svgEl("text", { class: "tick scale", x: (left + w - right) / 2, y: h - 8, "text-anchor": "middle" }, "log scale"));
  parts.push(svgEl("text", { class: "tick", x: w - right, y: h - 8, "text-anchor": "end" }, `${lastStep}`));
  if (finite.length) {
    const d = finite.map(([s, v], i) => `${i ? "L" : "M"}${x(s).toFixed(1)},${y(scaled(v)).toFixed(1)}`).join(" ");
    parts.push(svgEl("path", { class: "loss-line", d }));
    const [s, v] = finite[finite.length - 1];
    parts.push(svgEl("circle", { class: "loss-dot", cx: x(s), cy: y(scaled(v)), r: 3.5 }));
  }
  svg.replaceChildren(...parts);
  svg.dataset.points = String(points.length);
  svg.dataset.scale = log ? "log" : "linear";
  $("#train-status").textContent = trainStatus(run);
}

function trainStatus(run) {
  const last = run.points[run.points.length - 1];
  if (run === state.feed) {
    const losses = last ? ` · loss ${formatNumber(run.points[0][1])} → ${formatNumber(last[1])}` : "";
    return `the owner's training, ${run.points.length} losses so far${losses}`;
  }
  if (!last) return `${run.loss}: starting…`;
  const loss = `${run.loss} ${formatNumber(run.points[0][1])} → ${formatNumber(last[1])}`;
  if (run.stopped) return `stopped (last plotted: step ${last[0]}) · ${loss}`;
  if (run.done) return `${run.done.steps} steps · ${loss}`;
  return `step ${last[0]} of ${run.steps} · ${loss}`;
}

// --- small DOM helpers -------------------------------------------------------------------------

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

function svgEl(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

function append(parent, ...children) {
  parent.append(...children);
  return parent;
}

function setBusy(busy) {
  state.busy = busy;
  for (const button of document.querySelectorAll("button:not(#train-stop)")) button.disabled = busy;
  if (state.readOnly) lockEdits();
  if (busy) setStatus("busy");
}

// A watching page changes nothing: every control that would is disabled.
function lockEdits() {
  const edits = "main form :is(input, select, textarea, button), #autograd-card :is(select, button), #variables .delete";
  for (const control of document.querySelectorAll(edits)) control.disabled = true;
}

const STATUS_TEXT = { gone: "session gone · start a new one", offline: "service not answering" };

function setStatus(kind) {
  $("#status-dot").dataset.state = kind;
  $("#new-session").classList.toggle("primary", kind === "gone");
  if (STATUS_TEXT[kind]) $("#session-label").textContent = STATUS_TEXT[kind];
  else if (kind === "ready" && state.session) showSession();
}

function showError(slot, err) {
  const box = $(slot);
  const status = err.status ? `${err.status} · ` : "";
  box.replaceChildren(el("strong", {}, `${status}${err.title ?? (err instanceof NetworkError ? "No answer" : "Error")}`), document.createTextNode(`\n${err.detail ?? err.message}`));
  box.hidden = false;
}

function hideError(slot) {
  $(slot).hidden = true;
}

function showSession() {
  const s = state.session;
  $("#session-label").textContent = `session ${s.id.slice(0, 8)} · ${s.device} · ${s.dtype}${state.readOnly ? " · read-only" : ""}`;
}

// --- wiring ------------------------------------------------------------------------------------

function updateInitFields() {
  const init = $("#leaf-init").value;
  $("#leaf-value-field").hidden = Boolean(init);
  $("#leaf-init-fields").hidden = !init;
  $("#leaf-fill-field").hidden = init !== "full";
  $("#leaf-seed-field").hidden = !init.startsWith("rand");
}

function submitOnCtrlEnter(textarea, form) {
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
}

function wire() {
  $("#leaf-form").addEventListener("submit", (event) => {
    event.preventDefault();
    act("#leaf-error", setLeaf);
  });
  $("#expr-form").addEventListener("submit", (event) => {
    event.preventDefault();
    act("#expr-error", compute);
  });
  $("#backward").addEventListener("click", () => act("#autograd-error", backward));
  $("#zero-grad").addEventListener("click", () => act("#autograd-error", zeroGrad));
  $("#backward-target").addEventListener("change", (event) => {
    state.target = event.target.value;
    select(state.target);
  });
  $("#new-session").addEventListener("click", () =>
    act("#autograd-error", async () => {
      await state.session?.close().catch(() => null);
      await openSession({ fresh: true });
      Object.assign(state, { target: null, selected: null });
      showSession();
    }),
  );
  $("#train-form").addEventListener("submit", (event) => {
    event.preventDefault();
    act("#train-error", train);
  });
  $("#train-stop").addEventListener("click", () => state.training?.abort());
  $("#share").addEventListener("click", () => act("#autograd-error", share));
  $("#share-copy").addEventListener("click", () => navigator.clipboard?.writeText($("#share-link").value));
  $("#leaf-init").addEventListener("change", updateInitFields);
  submitOnCtrlEnter($("#expr"), $("#expr-form"));
  submitOnCtrlEnter($("#leaf-value"), $("#leaf-form"));
  $("#examples").replaceChildren(
    ...EXAMPLES.map((text) => {
      const chip = el("button", { type: "button", class: "chip" }, text);
      chip.addEventListener("click", () => {
        $("#expr").value = text;
        $("#expr").focus();
      });
      return chip;
    }),
  );
  updateInitFields();
}

async function start() {
  wire();
  setBusy(true);
  const shared = sharedView();
  try {
    if (shared) await openView(shared);
    else await openSession();
    showSession();
    await refresh();
    setStatus("ready");
    if (shared) watch();
  } catch (err) {
    showError("#autograd-error", err);
    setStatus(err instanceof NetworkError ? "offline" : "gone");
  } finally {
    setBusy(false);
  }
}

start();
