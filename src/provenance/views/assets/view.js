/* The who-said-what page: search, filters and a side panel over a sigma.js drawing of the graph.
 * Positions come from Python; this script only draws, filters and explains. Every piece of ledger
 * text is put in the page with textContent, and only http(s) URLs become links. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("provenance-data").textContent);
  var STATUS_COLOURS = {
    extracted: "#9ca3af", recorded: "#d97706", verified: "#059669",
    disputed: "#ea580c", misattributed: "#dc2626", retracted: "#64748b"
  };
  var KIND_NAMES = { direct: "direct quote", indirect: "indirect (reported)", assertion: "assertion" };
  var EDGE_COLOURS = {
    said: "#93c5fd", misattributed: "#fca5a5", "reported-by": "#cbd5e1", "derived-from": "#b91c1c",
    variant_of: "#7c3aed", contradicts: "#dc2626", supports: "#16a34a", responds_to: "#0891b2"
  };
  var DIM = "#e5e7eb";
  var MAX_RESULTS = 50;

  var byId = {};
  var graph = new graphology.Graph({ multi: true, type: "directed" });
  data.nodes.forEach(function (n) {
    byId[n.id] = n;
    graph.addNode(n.id, { x: n.x, y: n.y, size: n.size, color: n.color, label: n.label, nodeType: n.type });
  });
  data.edges.forEach(function (e) {
    graph.addEdge(e[0], e[1], { relation: e[2], color: EDGE_COLOURS[e[2]] || "#94a3b8", size: e[2] === "said" ? 1 : 1.5 });
  });
  var big = graph.order > 3000;

  // ---------------------------------------------------------------- helpers

  function el(tag, options, children) {
    var node = document.createElement(tag);
    options = options || {};
    if (options.text !== undefined && options.text !== null) { node.textContent = String(options.text); }
    if (options.cls) { node.className = options.cls; }
    if (options.attrs) { Object.keys(options.attrs).forEach(function (k) { node.setAttribute(k, options.attrs[k]); }); }
    (children || []).forEach(function (child) {
      if (child !== null && child !== undefined) {
        node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
      }
    });
    return node;
  }
  function webUrl(url) {
    return typeof url === "string" && /^https?:\/\/[^\s]+$/i.test(url) ? url : null;
  }
  function outsideLink(url, text) {
    var safe = webUrl(url);
    if (!safe) { return document.createTextNode(text || ""); }
    var a = el("a", { text: text || safe, attrs: { rel: "noopener noreferrer", target: "_blank" } });
    a.href = safe;
    return a;
  }
  function nodeButton(id) {
    var n = byId[id];
    var button = el("button", { cls: "link", text: n ? n.label : id, attrs: { type: "button", "data-node": id } });
    button.addEventListener("click", function () { select(id, true); });
    return button;
  }
  function claimsOf(id, relation, incoming) {
    var found = [];
    var edges = incoming ? graph.inEdges(id) : graph.outEdges(id);
    edges.forEach(function (edge) {
      if (graph.getEdgeAttribute(edge, "relation") === relation) {
        found.push(incoming ? graph.source(edge) : graph.target(edge));
      }
    });
    return found.sort(function (a, b) { return String(byId[a].date || "").localeCompare(String(byId[b].date || "")); });
  }
  function row(dl, term, value) {
    if (value === null || value === undefined || value === "") { return; }
    dl.appendChild(el("dt", { text: term }));
    dl.appendChild(el("dd", {}, [typeof value === "string" ? value : value]));
  }

  // ---------------------------------------------------------------- filters

  var visible = new Set();
  var filterInputs = {
    speaker: document.getElementById("filter-speaker"),
    outlet: document.getElementById("filter-outlet"),
    from: document.getElementById("filter-from"),
    to: document.getElementById("filter-to")
  };
  var statusBoxes = {};
  var kindBoxes = {};

  function fillFilters() {
    var speakers = data.nodes.filter(function (n) { return n.type === "speaker"; })
      .sort(function (a, b) { return a.label.localeCompare(b.label); });
    speakers.forEach(function (n) {
      filterInputs.speaker.appendChild(el("option", { text: n.label, attrs: { value: n.id } }));
    });
    var outlets = {};
    var statuses = {};
    var kinds = {};
    data.nodes.forEach(function (n) {
      if (n.type !== "claim") { return; }
      if (n.outlet) { outlets[n.outlet] = (outlets[n.outlet] || 0) + 1; }
      statuses[n.status] = (statuses[n.status] || 0) + 1;
      kinds[n.kind] = (kinds[n.kind] || 0) + 1;
    });
    Object.keys(outlets).sort().forEach(function (o) {
      filterInputs.outlet.appendChild(el("option", { text: o + " (" + outlets[o] + ")", attrs: { value: o } }));
    });
    function boxes(counts, target, into, names) {
      Object.keys(counts).sort().forEach(function (key) {
        var box = el("input", { attrs: { type: "checkbox", value: key } });
        box.checked = true;
        box.addEventListener("change", applyFilters);
        target[key] = box;
        into.appendChild(el("label", {}, [box, (names[key] || key) + " (" + counts[key] + ")"]));
      });
    }
    boxes(statuses, statusBoxes, document.getElementById("filter-status"), {});
    boxes(kinds, kindBoxes, document.getElementById("filter-kind"), KIND_NAMES);
    [filterInputs.speaker, filterInputs.outlet, filterInputs.from, filterInputs.to].forEach(function (input) {
      input.addEventListener("change", applyFilters);
    });
    document.getElementById("filter-reset").addEventListener("click", function () {
      filterInputs.speaker.value = ""; filterInputs.outlet.value = "";
      filterInputs.from.value = ""; filterInputs.to.value = "";
      Object.keys(statusBoxes).forEach(function (k) { statusBoxes[k].checked = true; });
      Object.keys(kindBoxes).forEach(function (k) { kindBoxes[k].checked = true; });
      applyFilters();
    });
  }

  function claimPasses(n) {
    var from = filterInputs.from.value, to = filterInputs.to.value;
    if (filterInputs.speaker.value && n.speaker !== filterInputs.speaker.value) { return false; }
    if (filterInputs.outlet.value && n.outlet !== filterInputs.outlet.value) { return false; }
    if (statusBoxes[n.status] && !statusBoxes[n.status].checked) { return false; }
    if (kindBoxes[n.kind] && !kindBoxes[n.kind].checked) { return false; }
    if ((from || to) && !n.date) { return false; }
    if (from && n.date < from) { return false; }
    if (to && n.date > to) { return false; }
    return true;
  }

  function applyFilters() {
    var filtering = filterInputs.speaker.value || filterInputs.outlet.value || filterInputs.from.value ||
      filterInputs.to.value || Object.keys(statusBoxes).some(function (k) { return !statusBoxes[k].checked; }) ||
      Object.keys(kindBoxes).some(function (k) { return !kindBoxes[k].checked; });
    visible = new Set();
    var claims = 0;
    data.nodes.forEach(function (n) {
      if (n.type === "claim" && claimPasses(n)) {
        visible.add(n.id);
        claims += 1;
        if (n.speaker) { visible.add(n.speaker); }
        if (n.source) { visible.add(n.source); }
      }
    });
    if (!filtering) { data.nodes.forEach(function (n) { visible.add(n.id); }); }
    document.getElementById("visible-count").textContent =
      claims + " of " + data.nodes.filter(function (n) { return n.type === "claim"; }).length + " claims shown";
    runSearch();
  }

  // ---------------------------------------------------------------- search

  var searchInput = document.getElementById("search");
  var results = document.getElementById("results");
  var matches = new Set();
  var context = new Set();
  var haystacks = {};
  data.nodes.forEach(function (n) {
    var parts = [n.label];
    if (n.type === "claim") { parts.push(n.text, n.mention, n.outlet); }
    if (n.type === "speaker") { parts.push(n.description); parts = parts.concat(n.aliases || []); }
    if (n.type === "source") { parts.push(n.title, n.outlet, n.author); }
    haystacks[n.id] = parts.filter(Boolean).join("\n").toLowerCase();
  });

  function runSearch() {
    var words = searchInput.value.toLowerCase().split(/\s+/).filter(Boolean);
    matches = new Set();
    context = new Set();
    results.textContent = "";
    if (!words.length || words.join("").length < 2) {
      results.hidden = true;
      document.getElementById("search-count").textContent = "";
      renderer.refresh();
      return;
    }
    var found = data.nodes.filter(function (n) {
      return visible.has(n.id) && words.every(function (w) { return haystacks[n.id].indexOf(w) >= 0; });
    });
    var order = { speaker: 0, source: 1, claim: 2 };
    found.sort(function (a, b) { return order[a.type] - order[b.type] || a.label.localeCompare(b.label); });
    found.forEach(function (n) { matches.add(n.id); });
    context = new Set();
    found.forEach(function (n) {  // a speaker or source found: light up their claims too
      if (n.type !== "claim" && found.length <= MAX_RESULTS) {
        graph.neighbors(n.id).forEach(function (m) { if (visible.has(m)) { context.add(m); } });
      }
    });
    document.getElementById("search-count").textContent =
      found.length === 1 ? "1 match" : found.length + " matches";
    found.slice(0, MAX_RESULTS).forEach(function (n) {
      var button = nodeButton(n.id);
      button.insertBefore(el("span", { cls: "badge", text: n.type, attrs: { style: "background:" + n.color } }), button.firstChild);
      button.insertBefore(document.createTextNode(" "), button.childNodes[1]);
      results.appendChild(el("li", {}, [button]));
    });
    results.hidden = found.length === 0;
    renderer.refresh();
    if (found.length) { zoomTo(found.map(function (n) { return n.id; }).concat(Array.from(context))); }
  }

  function zoomTo(ids) {
    var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    ids.forEach(function (id) {
      var d = renderer.getNodeDisplayData(id);
      if (!d) { return; }
      minX = Math.min(minX, d.x); maxX = Math.max(maxX, d.x);
      minY = Math.min(minY, d.y); maxY = Math.max(maxY, d.y);
    });
    if (minX === Infinity) { return; }
    var ratio = Math.min(1, Math.max(0.15, Math.max(maxX - minX, maxY - minY) * 1.5));
    renderer.getCamera().animate({ x: (minX + maxX) / 2, y: (minY + maxY) / 2, ratio: ratio }, { duration: 300 });
  }

  var searchTimer = null;
  searchInput.addEventListener("input", function () {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(runSearch, big ? 250 : 80);
  });
  searchInput.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && results.firstChild) {
      select(results.firstChild.querySelector("button").getAttribute("data-node"), true);
    }
    if (event.key === "Escape") { searchInput.value = ""; runSearch(); }
  });

  // ---------------------------------------------------------------- selection and the panel

  var selected = null;
  var neighbours = new Set();
  var panel = document.getElementById("panel");

  function select(id, zoom) {
    if (!byId[id]) { return; }
    selected = id;
    neighbours = new Set(graph.neighbors(id));
    results.hidden = true;
    panel.textContent = "";
    var n = byId[id];
    if (n.type === "claim") { showClaim(n); }
    if (n.type === "speaker") { showSpeaker(n); }
    if (n.type === "source") { showSource(n); }
    panel.setAttribute("data-selected", id);
    renderer.refresh();
    if (zoom) { zoomTo([id].concat(Array.from(neighbours))); }
  }

  function statusBadge(status) {
    return el("span", { cls: "badge", text: status, attrs: { style: "background:" + (STATUS_COLOURS[status] || "#64748b") } });
  }

  function showClaim(n) {
    panel.appendChild(el("h2", {}, ["Claim ", statusBadge(n.status)]));
    var quote = n.kind === "direct" ? "\u201c" + n.text + "\u201d" : n.text;
    panel.appendChild(el("blockquote", { cls: n.kind, text: quote, attrs: { id: "claim-text" } }));
    var dl = el("dl");
    row(dl, "Speaker", n.speaker ? nodeButton(n.speaker) : "unattributed");
    if (n.misattributed_to) {  // the attribution a correction rejects, struck through
      var wrong = nodeButton(n.misattributed_to);
      wrong.style.textDecoration = "line-through";
      row(dl, "The source named", wrong);
    }
    row(dl, "Printed as", n.mention);
    if (n.unanchored) { row(dl, "Anchor", "none: recorded on purpose, the words are not in the source's text"); }
    row(dl, "Kind", KIND_NAMES[n.kind] || n.kind);
    row(dl, "Cue", n.cue);
    if (n.venue) {
      row(dl, "Venue", [n.venue.name, n.venue.kind, n.venue.date].filter(Boolean).join(" \u00b7 "));
    }
    row(dl, "Said on", n.said_on);
    row(dl, "Source", n.source ? nodeButton(n.source) : null);
    if (n.source && byId[n.source]) {
      var s = byId[n.source];
      row(dl, "Outlet", [s.outlet, s.published].filter(Boolean).join(" \u00b7 "));
      if (webUrl(s.url)) { row(dl, "Link", outsideLink(s.url)); }
    }
    row(dl, "Status", n.status + (n.reason ? ": " + n.reason : ""));
    (n.history || []).forEach(function (h) {
      row(dl, "Earlier", h.status + (h.reason ? ": " + h.reason : "") + " (until " + h.until + ")");
    });
    row(dl, "Id", n.id.split(":")[1]);
    panel.appendChild(dl);
    if (n.context) {
      panel.appendChild(el("h3", { text: "In the source" }));
      panel.appendChild(el("p", { cls: "context", attrs: { id: "claim-context" } }, [
        "\u2026" + n.context.before, el("mark", { text: n.context.exact }), n.context.after + "\u2026"
      ]));
    }
    if (n.variants && n.variants.length) {
      panel.appendChild(el("h3", { text: "Variants" }));
      var list = el("ul", { attrs: { id: "claim-variants" } });
      n.variants.forEach(function (v) {
        var diff = el("div", { cls: "diff" });
        v.diff.forEach(function (step) {
          var op = step[0], oldWords = step[1], newWords = step[2];
          if (op === "equal") { diff.appendChild(document.createTextNode(newWords + " ")); return; }
          if (oldWords) { diff.appendChild(el("del", { text: oldWords })); diff.appendChild(document.createTextNode(" ")); }
          if (newWords) { diff.appendChild(el("ins", { text: newWords })); diff.appendChild(document.createTextNode(" ")); }
        });
        var who = v.role === "origin" ? "variant of " : "rendered again as ";
        list.appendChild(el("li", {}, [who, nodeButton(v.claim), diff]));
      });
      panel.appendChild(list);
    }
  }

  function claimList(ids) {
    var list = el("ul");
    ids.forEach(function (id) {
      var c = byId[id];
      list.appendChild(el("li", {}, [nodeButton(id), c && c.date ? " (" + c.date + ")" : ""]));
    });
    return list;
  }

  function showSpeaker(n) {
    panel.appendChild(el("h2", { text: n.label }));
    var dl = el("dl");
    row(dl, "Kind", n.kind);
    row(dl, "Role", n.description);
    row(dl, "Also printed as", (n.aliases || []).join(", "));
    if (n.wikidata) { row(dl, "Wikidata", outsideLink("https://www.wikidata.org/wiki/" + n.wikidata, n.wikidata)); }
    panel.appendChild(dl);
    var claims = claimsOf(n.id, "said", false);
    panel.appendChild(el("h3", { text: claims.length === 1 ? "1 claim" : claims.length + " claims" }));
    panel.appendChild(claimList(claims));
    var wrongly = claimsOf(n.id, "misattributed", false);
    if (wrongly.length) {
      panel.appendChild(el("h3", { text: "Misattributed to " + n.label + " (" + wrongly.length + ")" }));
      panel.appendChild(claimList(wrongly));
    }
  }

  function showSource(n) {
    panel.appendChild(el("h2", { text: n.title || n.label }));
    var dl = el("dl");
    row(dl, "Outlet", n.outlet);
    row(dl, "Author", n.author);
    row(dl, "Published", n.published);
    if (webUrl(n.url)) { row(dl, "Link", outsideLink(n.url)); }
    (n.derived_from || []).forEach(function (d) {
      row(dl, "Derived from", el("span", {}, [nodeButton(d.source), d.relation ? " (" + d.relation + ")" : ""]));
    });
    panel.appendChild(dl);
    var claims = claimsOf(n.id, "reported-by", true);
    panel.appendChild(el("h3", { text: claims.length === 1 ? "1 claim" : claims.length + " claims" }));
    panel.appendChild(claimList(claims));
  }

  // ---------------------------------------------------------------- legend

  function fillLegend() {
    var legend = document.getElementById("legend");
    var seen = {};
    data.nodes.forEach(function (n) {
      var key = n.type === "claim" ? "claim: " + n.status : n.type === "speaker" ? "speaker: " + n.kind : "source";
      seen[key] = n.color;
    });
    Object.keys(seen).sort().forEach(function (key) {
      legend.appendChild(el("div", {}, [el("span", { cls: "swatch", attrs: { style: "background:" + seen[key] } }), key]));
    });
  }

  // ---------------------------------------------------------------- drawing

  function nodeReducer(node, attrs) {
    var shown = Object.assign({}, attrs);
    if (!visible.has(node)) { shown.hidden = true; return shown; }
    var focus = matches.size > 0 || selected !== null;
    var lit = matches.has(node) || context.has(node) || node === selected || neighbours.has(node);
    if (focus && !lit) { shown.color = DIM; shown.label = ""; shown.zIndex = 0; }
    if (lit) { shown.zIndex = 1; }
    if (node === selected || (matches.has(node) && matches.size <= 30)) { shown.highlighted = true; shown.forceLabel = true; }
    return shown;
  }

  function edgeReducer(edge, attrs) {
    var shown = Object.assign({}, attrs);
    var s = graph.source(edge), t = graph.target(edge);
    if (!visible.has(s) || !visible.has(t)) { shown.hidden = true; return shown; }
    var touchesSelection = s === selected || t === selected;
    if (big && attrs.relation !== "said" && !touchesSelection) { shown.hidden = true; return shown; }
    if ((matches.size > 0 || selected !== null) && !touchesSelection && !(matches.has(s) && matches.has(t))) {
      shown.color = "#f1f5f9";
    }
    return shown;
  }

  var renderer = new Sigma(graph, document.getElementById("graph"), {
    nodeReducer: nodeReducer,
    edgeReducer: edgeReducer,
    zIndex: true,
    renderEdgeLabels: false,
    hideEdgesOnMove: big,
    labelDensity: big ? 0.25 : 0.6,
    labelGridCellSize: big ? 160 : 100,
    labelRenderedSizeThreshold: graph.order > 300 ? 6 : 0,
    labelFont: "Helvetica, Arial, sans-serif",
    minCameraRatio: 0.01,
    maxCameraRatio: 4
  });
  renderer.on("clickNode", function (event) { select(event.node, false); });

  fillFilters();
  fillLegend();
  applyFilters();
  window.provenanceView = {
    graph: graph, renderer: renderer, select: select,
    matches: function () { return Array.from(matches).sort(); },
    selected: function () { return selected; }
  };
  document.body.setAttribute("data-ready", "true");
})();
