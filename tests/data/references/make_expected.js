// Expected output of citeproc-js (the engine Zotero uses) for csl-items.json, per style.
//
// Usage (see README.md):  node make_expected.js NODE_MODULES_DIR LOCALES_DIR
//   NODE_MODULES_DIR  a folder where `npm install citeproc` was run (never part of the project)
//   LOCALES_DIR       the CSL locale files citeproc-py uses (python -c "import citeproc, os;
//                     print(os.path.join(os.path.dirname(citeproc.__file__), 'data', 'locales'))")
// Writes expected-<style>.json: {"bibliography": {id: entry}, "citations": {id: citation}},
// plain text, one entry per item, with the engine's version.
"use strict";
const fs = require("fs");
const path = require("path");
const [modules, locales] = process.argv.slice(2);
if (!modules || !locales) {
  console.error("usage: node make_expected.js NODE_MODULES_DIR LOCALES_DIR");
  process.exit(2);
}
const CSL = require(path.join(modules, "node_modules", "citeproc"));
const version = require(path.join(modules, "node_modules", "citeproc", "package.json")).version;
const here = __dirname;
const stylesDir = path.join(here, "..", "..", "..", "src", "realistsynth", "builtin", "csl");
const items = JSON.parse(fs.readFileSync(path.join(here, "csl-items.json"), "utf8"));
const byId = Object.fromEntries(items.map((i) => [i.id, i]));
const STYLES = {
  apa: "apa.csl",
  "harvard-cite-them-right": "harvard-cite-them-right.csl",
  "emerald-harvard": "emerald-harvard.csl",
  vancouver: "nlm-citation-sequence.csl",
  "chicago-author-date": "chicago-author-date.csl",
  ama: "american-medical-association.csl",
};

for (const [name, file] of Object.entries(STYLES)) {
  const sys = {
    retrieveLocale: (lang) => fs.readFileSync(path.join(locales, `locales-${lang}.xml`), "utf8"),
    retrieveItem: (id) => byId[id],
  };
  const engine = new CSL.Engine(sys, fs.readFileSync(path.join(stylesDir, file), "utf8"));
  engine.setOutputFormat("text");
  const ids = items.map((i) => i.id);
  engine.updateItems(ids);
  const [params, entries] = engine.makeBibliography();
  const bibliography = {};
  params.entry_ids.forEach((idList, n) => {
    bibliography[idList[0]] = entries[n].trim();
  });
  const citations = {};
  for (const id of ids) {
    citations[id] = engine.makeCitationCluster([{ id }]);
  }
  const out = { engine: `citeproc-js ${version}`, style: file, order: params.entry_ids.map((x) => x[0]), bibliography, citations };
  fs.writeFileSync(path.join(here, `expected-${name}.json`), JSON.stringify(out, null, 1) + "\n");
  console.log(`${name}: ${Object.keys(bibliography).length} entries`);
}
