// The pc2devenv playground: the converter, compiled to WebAssembly
// (pc2devenv.wasm, web/playground/wasm), converts what the page's input
// holds whenever it or a choice changes. The input and the choices are
// kept in the URL fragment, so that a link reproduces them:
//
//   #name=Procfile&target=devenv1&ns=1&keep=a,b&line=3&z=…
//
// name is the file name, which decides the format; target, ns
// (--no-services) and keep (--keep) are the flags; line is the input line
// selected; z is the text, compressed with deflate-raw, in base64url (src:
// not compressed, where the browser has no CompressionStream). A link may
// name a sample instead of a text: #sample=procfile.
//
// When a conversion is shown, <body> gets data-state="converted", and
// data-first-result the milliseconds from the start of the page's
// navigation to the first result shown; data-link="ready" once the links
// of that conversion are made. The browser test reads them.
"use strict";

// The samples are the before-and-after examples of the README and
// docs/sources.md, which scripts/build-playground.sh copies into the site
// from testdata/golden.
const samples = [
  { id: "process-compose", label: "process-compose.yml: a backend with PostgreSQL and Redis", path: "samples/seed-basic/process-compose.yml", name: "process-compose.yml" },
  { id: "procfile", label: "Procfile: Rails with Sidekiq and a release task", path: "samples/readme-procfile/Procfile", name: "Procfile" },
  { id: "makefile", label: "Makefile: build and check targets", path: "samples/readme-makefile/Makefile", name: "Makefile" },
];

const el = Object.fromEntries(
  ["sample", "name", "target", "noServices", "keep", "permalink", "input", "gutter", "current", "output", "diagnostics", "status"]
    .map((id) => [id, document.getElementById(id)]));

let ready = false; // the converter is loaded
let sampleText = null; // the text of the chosen sample, to tell an edit
let selected = 0; // the selected input line, or 0
let linkGeneration = 0; // the latest link update; older ones are dropped
let diagnosticLinks = []; // [anchor, line] of the diagnostics shown

// ---- Encoding the state in the fragment ----

function toBase64url(bytes) {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64url(s) {
  const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

async function through(bytes, stream) {
  const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

const canCompress = typeof CompressionStream === "function" && typeof DecompressionStream === "function";

// stateParams returns the fragment's parameters for the page as it is,
// with the selected line when line is not 0.
async function stateParams(line) {
  const p = new URLSearchParams();
  p.set("name", el.name.value);
  if (el.target.value !== "devenv2") p.set("target", el.target.value);
  if (el.noServices.checked) p.set("ns", "1");
  const keep = keepList();
  if (keep.length > 0) p.set("keep", keep.join(","));
  if (line > 0) p.set("line", String(line));
  const bytes = new TextEncoder().encode(el.input.value);
  if (canCompress) {
    p.set("z", toBase64url(await through(bytes, new CompressionStream("deflate-raw"))));
  } else {
    p.set("src", toBase64url(bytes));
  }
  return p;
}

// readFragment returns the state a fragment holds, or null when it holds
// none.
async function readFragment(hash) {
  const p = new URLSearchParams(hash.replace(/^#/, ""));
  if (![...p.keys()].length) return null;
  const st = {
    name: p.get("name") || "",
    target: p.get("target") || "devenv2",
    noServices: p.get("ns") === "1",
    keep: p.get("keep") || "",
    line: parseInt(p.get("line") || "0", 10) || 0,
    text: null,
    sample: p.get("sample") || "",
  };
  if (p.has("z")) {
    st.text = new TextDecoder().decode(await through(fromBase64url(p.get("z")), new DecompressionStream("deflate-raw")));
  } else if (p.has("src")) {
    st.text = new TextDecoder().decode(fromBase64url(p.get("src")));
  }
  return st;
}

// ---- The page ----

function keepList() {
  return el.keep.value.split(/[\s,]+/).filter((k) => k !== "");
}

function setStatus(text) {
  el.status.textContent = text;
}

async function fetchSample(id) {
  const s = samples.find((x) => x.id === id);
  if (!s) throw new Error(`no sample ${JSON.stringify(id)}`);
  const resp = await fetch(s.path);
  if (!resp.ok) throw new Error(`${s.path}: ${resp.status} ${resp.statusText}`);
  return { sample: s, text: await resp.text() };
}

// applyState shows a state read from a fragment, or the first sample.
async function applyState(st) {
  if (st === null) st = { sample: samples[0].id, name: "", target: "devenv2", noServices: false, keep: "", line: 0, text: null };
  let name = st.name;
  sampleText = null;
  el.sample.value = "";
  if (st.text === null && st.sample !== "") {
    const { sample, text } = await fetchSample(st.sample);
    st.text = text;
    name = name || sample.name;
    sampleText = text;
    el.sample.value = sample.id;
  }
  if (name !== "" && ![...el.name.options].some((o) => o.value === name)) {
    el.name.add(new Option(name, name));
  }
  if (name !== "") el.name.value = name;
  el.target.value = st.target;
  el.noServices.checked = st.noServices;
  el.keep.value = st.keep;
  el.input.value = st.text ?? "";
  selected = st.line;
  renderGutter();
}

function renderGutter() {
  const lines = el.input.value.split("\n").length;
  if (el.gutter.childElementCount !== lines) {
    const frag = document.createDocumentFragment();
    for (let i = 1; i <= lines; i++) {
      const span = document.createElement("span");
      span.textContent = String(i);
      frag.appendChild(span);
    }
    el.gutter.replaceChildren(frag);
  }
  for (const span of el.gutter.querySelectorAll(".current")) span.classList.remove("current");
  if (selected > 0 && selected <= lines) el.gutter.children[selected - 1].classList.add("current");
  el.gutter.scrollTop = el.input.scrollTop;
}

// lineRange returns the offsets of the start and end of line n (from 1)
// of text, or null when text has fewer lines.
function lineRange(text, n) {
  let start = 0;
  for (let i = 1; i < n; i++) {
    const nl = text.indexOf("\n", start);
    if (nl < 0) return null;
    start = nl + 1;
  }
  let end = text.indexOf("\n", start);
  if (end < 0) end = text.length;
  return [start, end];
}

// selectLine selects line n of the input and scrolls to it.
function selectLine(n) {
  const r = lineRange(el.input.value, n);
  if (n < 1 || r === null) return;
  selected = n;
  el.input.focus({ preventScroll: true });
  el.input.setSelectionRange(r[0], r[1]);
  el.input.dataset.selection = `${r[0]},${r[1]}`;
  const lineHeight = el.gutter.firstElementChild ? el.gutter.firstElementChild.offsetHeight : 18;
  el.input.scrollTop = Math.max(0, (n - 1) * lineHeight - el.input.clientHeight / 3);
  renderGutter();
  el.current.textContent = `${el.name.value}:${n}: ${el.input.value.slice(r[0], r[1])}`;
}

function clearSelection() {
  selected = 0;
  delete el.input.dataset.selection;
  el.current.textContent = "";
  renderGutter();
}

function showDiagnostics(diags) {
  diagnosticLinks = [];
  const items = diags.map((d) => {
    const li = document.createElement("li");
    li.className = d.severity;
    const where = [d.file, d.line || "", d.col || ""].filter((x) => x !== "").join(":");
    if (d.line > 0 && d.file === el.name.value) {
      const a = document.createElement("a");
      a.textContent = where;
      a.href = "#";
      a.dataset.line = String(d.line);
      a.addEventListener("click", (ev) => {
        ev.preventDefault();
        selectLine(d.line);
        history.replaceState(null, "", a.href);
      });
      diagnosticLinks.push([a, d.line]);
      li.append(a, ": ");
    } else if (where !== "") {
      li.append(where + ": ");
    }
    li.append(`${d.severity}[${d.id}]: ${d.message}`);
    return li;
  });
  el.diagnostics.replaceChildren(...items);
}

// convert converts the input and shows the result.
function convert() {
  if (!ready) return;
  const t0 = performance.now();
  let res;
  try {
    res = globalThis.pc2devenvConvert({
      files: [{ name: el.name.value, text: el.input.value }],
      target: el.target.value,
      noServices: el.noServices.checked,
      keep: keepList(),
    });
  } catch (err) {
    setStatus(`The converter failed: ${err}`);
    return;
  }
  el.output.textContent = res.output;
  showDiagnostics(res.diagnostics);
  const took = performance.now() - t0;
  let status = res.output !== "" ? `Converted in ${took.toFixed(1)} ms.` : "Not converted: see the diagnostics.";
  if (!document.body.dataset.firstResult) {
    document.body.dataset.firstResult = String(Math.round(performance.now()));
    status += ` First result ${document.body.dataset.firstResult} ms after the page started loading.`;
  }
  setStatus(status);
  document.body.dataset.state = "converted";
  updateLinks();
}

// updateLinks makes the permalink, the diagnostics' links and the page's
// own URL hold the state.
async function updateLinks() {
  const gen = ++linkGeneration;
  delete document.body.dataset.link;
  const base = await stateParams(0);
  if (gen !== linkGeneration) return;
  // The line goes before the text, which is long.
  const withLine = (n) => {
    const p = new URLSearchParams();
    for (const [k, v] of base) if (k !== "z" && k !== "src") p.set(k, v);
    p.set("line", String(n));
    for (const [k, v] of base) if (k === "z" || k === "src") p.set(k, v);
    return "#" + p.toString();
  };
  el.permalink.href = "#" + base.toString();
  for (const [a, n] of diagnosticLinks) a.href = withLine(n);
  history.replaceState(null, "", selected > 0 ? withLine(selected) : el.permalink.href);
  document.body.dataset.link = "ready";
}

let timer = 0;
function convertSoon() {
  clearTimeout(timer);
  timer = setTimeout(convert, 150);
}

el.input.addEventListener("input", () => {
  if (sampleText !== null && el.input.value !== sampleText) {
    sampleText = null;
    el.sample.value = "";
  }
  clearSelection();
  convertSoon();
});
el.input.addEventListener("scroll", () => {
  el.gutter.scrollTop = el.input.scrollTop;
});
for (const c of [el.name, el.target, el.noServices]) c.addEventListener("change", convert);
el.keep.addEventListener("input", convertSoon);
el.sample.addEventListener("change", async () => {
  if (el.sample.value === "") return;
  try {
    await applyState({ sample: el.sample.value, name: "", target: el.target.value, noServices: el.noServices.checked, keep: el.keep.value, line: 0, text: null });
  } catch (err) {
    setStatus(`Cannot load the sample: ${err.message}`);
    return;
  }
  clearSelection();
  convert();
});
window.addEventListener("hashchange", async () => {
  try {
    const st = await readFragment(location.hash);
    if (st === null) return;
    await applyState(st);
  } catch (err) {
    setStatus(`Cannot read the link: ${err.message}`);
    return;
  }
  convert();
  if (selected > 0) selectLine(selected);
});

async function loadConverter() {
  const go = new Go();
  let instance;
  try {
    instance = (await WebAssembly.instantiateStreaming(fetch("pc2devenv.wasm"), go.importObject)).instance;
  } catch (streamErr) {
    // A server that does not say application/wasm.
    const resp = await fetch("pc2devenv.wasm");
    if (!resp.ok) throw new Error(`pc2devenv.wasm: ${resp.status} ${resp.statusText}`);
    instance = (await WebAssembly.instantiate(await resp.arrayBuffer(), go.importObject)).instance;
  }
  go.run(instance);
  if (globalThis.pc2devenvReady !== true) throw new Error("the converter did not start");
  ready = true;
}

async function main() {
  for (const s of samples) el.sample.add(new Option(s.label, s.id));
  const loading = loadConverter();
  try {
    await applyState(await readFragment(location.hash));
  } catch (err) {
    setStatus(`Cannot read the link: ${err.message}`);
  }
  try {
    await loading;
  } catch (err) {
    setStatus(`Cannot load the converter: ${err.message}`);
    return;
  }
  convert();
  if (selected > 0) selectLine(selected);
}

main();
