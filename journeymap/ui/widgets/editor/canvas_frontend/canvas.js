// The journey canvas: a Streamlit component in plain JavaScript (no build step, no CDN).
//
// Stages are columns and channels are lanes, as in the graph view. Click an empty cell
// to type a new touchpoint there; drag a touchpoint to another cell to move it; drag
// from its round handle to another touchpoint to draw a transition, or to an empty cell
// to add a touchpoint there that the transition leads to. Every gesture becomes an
// event; events are sent as a queue until Python acknowledges them (args.ack), so that
// two quick gestures during one run of the app are both applied, never one lost.
(function () {
  "use strict";

  const LABEL_W = 92, HEAD_H = 46, GAP = 8, PAD = 8, ADD_ROOM = 28, MIN_COL = 132;
  // Room right of the last stage for arrows between touchpoints of that stage.
  const EMPTY_LANE = 46, RIGHT_PAD = 60;
  let NODE_H = 48;
  const board = document.getElementById("board");
  let args = null;
  let pending = [];
  let counter = 0;
  let layout = null;
  let editing = null; // {stage, channel, value, from}
  let gesture = null;
  let deferred = false; // the app answered during a gesture: redraw when it ends

  // The visible words come from Python, in the reader's language (args.texts); the
  // English here only stands in should one be missing.
  const ENGLISH = {
    board: "Journey canvas",
    add_hint: "+ add a touchpoint",
    has_problem: "has a problem: see the list above",
    start: "▶ start",
    end: "■ end",
    handle: "Drag to another touchpoint to draw a transition, or to an empty cell to add one",
    legend: "grey: goes on · orange: recovery · red dashed: leaves · drag ◯ to connect · Delete removes the selection",
    new_name: "Touchpoint name, Enter",
    next_name: "Name of the next touchpoint, Enter",
    normal: "goes on",
    recovery: "recovery",
    leave: "leaves",
  };

  function text(name) {
    return (args && args.texts && args.texts[name]) || ENGLISH[name] || name;
  }


  function send(type, extra) {
    window.parent.postMessage(Object.assign({ isStreamlitMessage: true, type: type }, extra), "*");
  }

  function emit(event) {
    event.seq = Date.now() * 1000 + (counter++ % 1000);
    pending.push(event);
    send("streamlit:setComponentValue", { value: { events: pending }, dataType: "json" });
    draw();
  }

  // --- the model: what Python sent, with the gestures it has not acknowledged yet ----
  function model() {
    const tps = args.touchpoints.map((t) => Object.assign({}, t));
    const trs = args.transitions.map((t) => Object.assign({}, t));
    let selected = args.selected;
    for (const e of pending) {
      if (e.action === "add") {
        const id = "pending-" + e.seq;
        tps.push({ id: id, name: e.name, stage: e.stage, channel: e.channel, pending: true });
        if (e.from) trs.push({ from: e.from, to: id, kind: "normal" });
        selected = { kind: "touchpoint", id: id };
      } else if (e.action === "move") {
        const t = tps.find((x) => x.id === e.id);
        if (t) { t.stage = e.stage; t.channel = e.channel; }
      } else if (e.action === "connect") {
        trs.push({ from: e.from, to: e.to, kind: "normal" });
      } else if (e.action === "select") {
        selected = { kind: e.kind, id: e.id };
      } else if (e.action === "delete") {
        selected = null;
      }
    }
    return { tps: tps, trs: trs, selected: selected };
  }

  function place(m) {
    const width = Math.max(document.documentElement.clientWidth, 400);
    const stages = args.stages, lanes = args.lanes;
    const colW = Math.max(MIN_COL, Math.floor((width - LABEL_W - RIGHT_PAD) / Math.max(stages.length, 1)));
    // Narrow columns wrap names onto a third line rather than cut them.
    NODE_H = colW < 180 ? 64 : 48;
    const count = {};
    const slot = {};
    for (const t of m.tps) {
      const k = t.stage + "\u0000" + t.channel;
      slot[t.id] = count[k] || 0;
      count[k] = (count[k] || 0) + 1;
    }
    const laneY = [], laneH = [];
    let y = HEAD_H;
    lanes.forEach((lane) => {
      let most = 0;
      stages.forEach((s) => { most = Math.max(most, count[s.id + "\u0000" + lane] || 0); });
      // An empty lane stays low (a click there still adds), so the board fits a screen.
      const h = most ? PAD + most * (NODE_H + GAP) + ADD_ROOM : EMPTY_LANE;
      laneY.push(y); laneH.push(h); y += h;
    });
    const nodes = {};
    const stageIndex = {}; stages.forEach((s, i) => { stageIndex[s.id] = i; });
    const laneIndex = {}; lanes.forEach((l, i) => { laneIndex[l] = i; });
    for (const t of m.tps) {
      const c = stageIndex[t.stage], r = laneIndex[t.channel];
      if (c === undefined || r === undefined) continue;
      nodes[t.id] = {
        x: LABEL_W + c * colW + 10, y: laneY[r] + PAD + slot[t.id] * (NODE_H + GAP),
        w: colW - 20, h: NODE_H, col: c, row: r,
      };
    }
    return { colW: colW, laneY: laneY, laneH: laneH, height: y + 24, width: LABEL_W + stages.length * colW + RIGHT_PAD, nodes: nodes, count: count };
  }

  function cellAt(x, y) {
    if (!layout || x < LABEL_W || y < HEAD_H) return null;
    const c = Math.floor((x - LABEL_W) / layout.colW);
    if (c < 0 || c >= args.stages.length) return null;
    for (let r = 0; r < args.lanes.length; r++) {
      if (y >= layout.laneY[r] && y < layout.laneY[r] + layout.laneH[r]) {
        return { stage: args.stages[c].id, channel: args.lanes[r], col: c, row: r };
      }
    }
    return null;
  }

  function nodeAt(x, y, except) {
    for (const [id, n] of Object.entries(layout.nodes)) {
      if (id !== except && x >= n.x && x <= n.x + n.w && y >= n.y && y <= n.y + n.h) return id;
    }
    return null;
  }

  function el(tag, cls, parent) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (parent) parent.appendChild(e);
    return e;
  }

  function svgEl(tag, attrs, parent) {
    const e = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (parent) parent.appendChild(e);
    return e;
  }

  function edgePath(s, t) {
    if (t.col > s.col) {
      const sx = s.x + s.w, sy = s.y + s.h / 2, ex = t.x, ey = t.y + t.h / 2;
      const dx = Math.max(30, (ex - sx) / 2);
      return `M${sx},${sy} C${sx + dx},${sy} ${ex - dx},${ey} ${ex},${ey}`;
    }
    if (t.col === s.col) {
      const sx = s.x + s.w, sy = s.y + s.h / 2, ex = t.x + t.w, ey = t.y + t.h / 2;
      const dx = Math.min(34 + Math.abs(ey - sy) / 6, RIGHT_PAD + 10);
      return `M${sx},${sy} C${sx + dx},${sy} ${ex + dx},${ey} ${ex},${ey}`;
    }
    // Back to an earlier stage (a loop): under the boxes, into the target's bottom.
    const sx = s.x + s.w / 2, sy = s.y + s.h, ex = t.x + t.w / 2 + 14, ey = t.y + t.h;
    const dy = 28 + Math.abs(s.col - t.col) * 6;
    return `M${sx},${sy} C${sx},${sy + dy} ${ex},${Math.max(sy, ey) + dy} ${ex},${ey}`;
  }

  function draw() {
    if (!args) return;
    const m = model();
    layout = place(m);
    board.innerHTML = "";
    board.setAttribute("aria-label", text("board"));
    // Gestures the app has not answered yet (browser tests wait for none).
    board.dataset.pending = String(pending.length);
    board.style.height = layout.height + "px";
    board.style.width = layout.width + "px";
    const problems = new Set(args.problems || []);
    const entries = new Set(args.entries || []);
    args.stages.forEach((s, c) => {
      const h = el("div", "head", board);
      h.textContent = s.name;
      h.title = s.name;
      Object.assign(h.style, { left: LABEL_W + c * layout.colW + 2 + "px", top: "0px", width: layout.colW - 4 + "px", height: HEAD_H - 4 + "px" });
    });
    args.lanes.forEach((lane, r) => {
      const l = el("div", "lane-label", board);
      // A capital first letter only: "E-mail", not CSS capitalize's "E-Mail".
      const label = args.lane_names[r] || lane;
      l.textContent = label.charAt(0).toUpperCase() + label.slice(1);
      Object.assign(l.style, { left: "0px", top: layout.laneY[r] + "px", width: LABEL_W + "px", height: layout.laneH[r] + "px" });
      args.stages.forEach((s, c) => {
        const cell = el("div", "cell" + (r % 2 ? "" : " even"), board);
        cell.dataset.stage = s.id; cell.dataset.channel = lane;
        cell.setAttribute("data-testid", `cell-${s.id}-${lane}`);
        Object.assign(cell.style, { left: LABEL_W + c * layout.colW + "px", top: layout.laneY[r] + "px", width: layout.colW + "px", height: layout.laneH[r] + "px" });
        const hint = el("span", "hint", cell);
        hint.textContent = text("add_hint");
        cell.addEventListener("click", (ev) => {
          if (ev.target === cell || ev.target === hint) openInput(s.id, lane, null);
        });
      });
    });
    const svg = svgEl("svg", { class: "edges", width: layout.width, height: layout.height }, board);
    const defs = svgEl("defs", {}, svg);
    for (const [kind, colour] of [["normal", "#64748b"], ["recovery", "#d97706"], ["leave", "#dc2626"], ["selected", "#4f46e5"]]) {
      const mk = svgEl("marker", { id: "arrow-" + kind, viewBox: "0 0 10 10", refX: "9", refY: "5", markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse" }, defs);
      svgEl("path", { d: "M0,0 L10,5 L0,10 z", fill: colour }, mk);
    }
    const sel = m.selected;
    for (const t of m.trs) {
      const s = layout.nodes[t.from], e = layout.nodes[t.to];
      if (!s || !e) continue;
      const key = t.from + " → " + t.to;
      const isSel = sel && sel.kind === "transition" && sel.id === key;
      const d = edgePath(s, e);
      const kind = t.kind || "normal";
      svgEl("path", { d: d, class: "line " + kind + (isSel ? " selected" : ""), "marker-end": `url(#arrow-${isSel ? "selected" : kind})` }, svg);
      const hit = svgEl("path", { d: d, class: "hit", "data-testid": `edge-${t.from}-${t.to}` }, svg);
      const title = svgEl("title", {}, hit);
      title.textContent = (args.names[t.from] || t.from) + " → " + (args.names[t.to] || t.to) + " (" + text(kind) + ")";
      hit.addEventListener("click", () => emit({ action: "select", kind: "transition", id: key }));
    }
    for (const t of m.tps) {
      const n = layout.nodes[t.id];
      if (!n) continue;
      const isSel = sel && sel.kind === "touchpoint" && sel.id === t.id;
      const node = el("div", "node" + (layout.colW < 180 ? " narrow" : "") + (isSel ? " selected" : "") + (problems.has(t.id) ? " problem" : "") + (t.pending ? " pending" : ""), board);
      node.dataset.id = t.id;
      node.setAttribute("data-testid", "touchpoint-" + t.id);
      node.title = t.name + (problems.has(t.id) ? " — " + text("has_problem") : "");
      Object.assign(node.style, { left: n.x + "px", top: n.y + "px", width: n.w + "px", height: n.h + "px" });
      if (t.feels !== null && t.feels !== undefined) {
        const f = el("span", "feel", node);
        f.style.background = ["#b91c1c", "#f87171", "#cbd5e1", "#86efac", "#15803d"][t.feels + 2];
      }
      const badges = [];
      if (entries.has(t.id)) badges.push(text("start"));
      if (t.moment_of_truth) badges.push("★");
      if (t.end) badges.push(text("end"));
      if (badges.length) {
        el("span", "badges", node).textContent = badges.join(" ");
        node.classList.add("badged");
      }
      el("span", "name", node).textContent = t.name;
      if (!t.pending) {
        const h = el("span", "handle", node);
        h.title = text("handle");
        h.setAttribute("data-testid", "handle-" + t.id);
        h.addEventListener("pointerdown", (ev) => startConnect(ev, t.id));
        node.addEventListener("pointerdown", (ev) => { if (ev.target !== h) startMove(ev, t.id, node); });
      }
    }
    legend();
    if (editing) openInput(editing.stage, editing.channel, editing.from, editing.value);
    const scrollbar = layout.width > document.documentElement.clientWidth ? 18 : 0;
    send("streamlit:setFrameHeight", { height: layout.height + 8 + scrollbar });
  }

  function legend() {
    const l = el("div", "legend", board);
    l.style.top = layout.height - 20 + "px";
    l.textContent = text("legend");
  }

  function openInput(stage, channel, from, value) {
    const old = board.querySelector("input.new-name");
    if (old) old.remove();
    const c = args.stages.findIndex((s) => s.id === stage), r = args.lanes.indexOf(channel);
    if (c < 0 || r < 0) return;
    editing = { stage: stage, channel: channel, from: from, value: value || "" };
    const used = layout.count[stage + "\u0000" + channel] || 0;
    const input = el("input", "new-name", board);
    input.setAttribute("data-testid", "new-touchpoint-name");
    input.placeholder = from ? text("next_name") : text("new_name");
    input.value = editing.value;
    Object.assign(input.style, {
      left: LABEL_W + c * layout.colW + 8 + "px",
      top: Math.max(layout.laneY[r] + 3, Math.min(layout.laneY[r] + PAD + used * (NODE_H + GAP), layout.laneY[r] + layout.laneH[r] - 40)) + "px",
      width: layout.colW - 16 + "px", height: "38px",
    });
    let done = false;
    const finish = (keep) => {
      if (done) return;
      done = true;
      const name = input.value.trim();
      editing = null;
      input.remove();
      if (keep && name) emit({ action: "add", stage: stage, channel: channel, name: name, from: from || null });
    };
    input.addEventListener("input", () => { if (editing) editing.value = input.value; });
    input.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter") { ev.preventDefault(); finish(true); }
      if (ev.key === "Escape") { ev.preventDefault(); finish(false); }
      ev.stopPropagation();
    });
    // Typed text is never dropped: clicking elsewhere keeps it as a touchpoint.
    // A redraw replaces the field (and keeps its text in ``editing``): that is no blur.
    input.addEventListener("blur", () => setTimeout(() => { if (input.isConnected) finish(true); }, 0));
    input.addEventListener("pointerdown", (ev) => ev.stopPropagation());
    input.addEventListener("click", (ev) => ev.stopPropagation());
    setTimeout(() => input.focus(), 0);
  }

  function local(ev) {
    const r = board.getBoundingClientRect();
    return { x: ev.clientX - r.left, y: ev.clientY - r.top };
  }

  function startMove(ev, id, node) {
    ev.preventDefault();
    const start = local(ev), n = layout.nodes[id];
    gesture = { kind: "move", id: id, node: node, start: start, moved: false, n: n };
    node.setPointerCapture(ev.pointerId);
    node.onpointermove = (e) => {
      const p = local(e);
      if (!gesture.moved && Math.hypot(p.x - start.x, p.y - start.y) < 5) return;
      gesture.moved = true;
      node.classList.add("dragging");
      node.style.left = n.x + p.x - start.x + "px";
      node.style.top = n.y + p.y - start.y + "px";
      board.querySelectorAll(".cell.drop").forEach((c) => c.classList.remove("drop"));
      const cell = cellAt(p.x, p.y);
      if (cell) {
        const c = board.querySelector(`.cell[data-stage="${cell.stage}"][data-channel="${CSS.escape(cell.channel)}"]`);
        if (c) c.classList.add("drop");
      }
    };
    node.onpointerup = (e) => {
      node.onpointermove = node.onpointerup = null;
      const p = local(e), g = gesture;
      gesture = null;
      deferred = false;
      if (!g.moved) { emit({ action: "select", kind: "touchpoint", id: id }); return; }
      const cell = cellAt(p.x, p.y);
      const t = args.touchpoints.find((x) => x.id === id);
      if (cell && t && (cell.stage !== t.stage || cell.channel !== t.channel)) {
        emit({ action: "move", id: id, stage: cell.stage, channel: cell.channel });
      } else {
        draw();
      }
    };
  }

  function startConnect(ev, id) {
    ev.preventDefault();
    ev.stopPropagation();
    const s = layout.nodes[id];
    const sx = s.x + s.w - 10, sy = s.y + s.h / 2;
    const svg = board.querySelector("svg.edges");
    const line = svgEl("path", { class: "drawing", d: `M${sx},${sy}` }, svg);
    const handle = ev.target;
    handle.setPointerCapture(ev.pointerId);
    gesture = { kind: "connect", id: id };
    let over = null;
    handle.onpointermove = (e) => {
      const p = local(e);
      line.setAttribute("d", `M${sx},${sy} L${p.x},${p.y}`);
      const target = nodeAt(p.x, p.y, id);
      if (target !== over) {
        board.querySelectorAll(".node.target").forEach((x) => x.classList.remove("target"));
        over = target;
        if (over) { const x = board.querySelector(`.node[data-id="${CSS.escape(over)}"]`); if (x) x.classList.add("target"); }
      }
    };
    handle.onpointerup = (e) => {
      handle.onpointermove = handle.onpointerup = null;
      line.remove();
      gesture = null;
      deferred = false;
      const p = local(e);
      const target = nodeAt(p.x, p.y, id);
      if (target && !target.startsWith("pending-")) {
        const exists = args.transitions.some((t) => t.from === id && t.to === target);
        if (!exists) emit({ action: "connect", from: id, to: target });
        else emit({ action: "select", kind: "transition", id: id + " → " + target });
        return;
      }
      const cell = cellAt(p.x, p.y);
      if (cell && !nodeAt(p.x, p.y, null)) editing = { stage: cell.stage, channel: cell.channel, from: id, value: "" };
      draw();
    };
  }

  document.addEventListener("keydown", (ev) => {
    if (!args || ev.target.tagName === "INPUT") return;
    const sel = model().selected;
    if ((ev.key === "Delete" || ev.key === "Backspace") && sel) {
      emit({ action: "delete", kind: sel.kind, id: sel.id });
    }
  });

  window.addEventListener("message", (event) => {
    const data = event.data;
    if (!data || data.type !== "streamlit:render") return;
    args = data.args;
    const ack = args.ack || 0;
    pending = pending.filter((e) => e.seq > ack);
    // Redrawing under a drag would drop the element holding the pointer, and the drop.
    if (gesture) deferred = true; else draw();
  });
  window.addEventListener("resize", () => { if (gesture) deferred = true; else draw(); });
  send("streamlit:componentReady", { apiVersion: 1 });
})();
