// The dataset page: a grid of images with every recipe's mask as an overlay side by side, filters,
// pages of 50 fetched on demand, live changes by polling with a cursor, a full-size viewer, and a
// per-class summary. Images come through the producer as blob URLs (the token travels in a header).
"use strict";

(() => {
  const {api, blobUrl, el, params} = Dsgen;
  const PAGE = 50;
  const POLL_MS = 2000;
  const PARALLEL_FETCHES = 6;
  const dataset = params.get("dataset");
  const base = "/datasets/" + encodeURIComponent(dataset);
  const state = {next: null, cursor: 0, legend: new Map(), recipes: [], loading: false, generation: 0};
  const timings = (window.dsgenTimings = {});

  // --- a small queue so a page of 150 images does not open 150 requests at once ---
  const queue = [];
  let running = 0;
  function enqueue(task) {
    return new Promise((resolve) => {
      queue.push(async () => { try { await task(); } finally { resolve(); } });
      pump();
    });
  }
  function pump() {
    while (running < PARALLEL_FETCHES && queue.length) {
      const job = queue.shift();
      running++;
      job().finally(() => { running--; pump(); });
    }
  }

  function filters() {
    return {
      className: document.getElementById("filter-class").value,
      recipe: document.getElementById("filter-recipe").value,
      job: document.getElementById("filter-job").value,
    };
  }

  function matches(image, f) {
    const classes = new Set();
    Object.values(image.pairs).forEach((p) => Object.keys(p.classFractions)
        .filter((k) => k !== "background" && k !== "ignore").forEach((k) => classes.add(k)));
    return (!f.className || classes.has(f.className)) && (!f.recipe || image.pairs[f.recipe])
        && (!f.job || image.jobId === f.job);
  }

  function remember(legend) {
    for (const entry of legend || []) state.legend.set(entry.name, entry);
  }

  function swatch(name) {
    const entry = state.legend.get(name);
    return el("span", {class: "swatch", style: "background:" + (entry && entry.colour ? entry.colour : "transparent")});
  }

  function placeholder(error) {
    const kind = {404: "missing", 502: "corrupt", 503: "unavailable"}[error.status] || "error";
    return el("div", {class: "placeholder", "data-status": error.status || "", "data-kind": kind},
        (error.status ? error.status + " " : "") + kind + ": " + (error.reason || String(error)));
  }

  /** Loads an image into an <img>, or puts a placeholder with the reason in its place. */
  function load(img, path, urls) {
    return enqueue(async () => {
      try {
        const url = await blobUrl(path);
        urls.push(url);
        await new Promise((resolve) => {
          img.onload = resolve;
          img.onerror = resolve;
          img.src = url;
        });
        img.dataset.loaded = "true";
      } catch (e) {
        img.replaceWith(placeholder(e));
      }
    });
  }

  function legendOf(pair) {
    const box = el("div", {class: "legend"});
    for (const [name, fraction] of Object.entries(pair.classFractions)) {
      if (name === "background" || name === "ignore") continue;
      box.append(el("span", {class: "entry", "data-class": name}, swatch(name), name + " " + (100 * fraction).toFixed(1) + "%"));
    }
    return box;
  }

  function imagePath(image, recipeId) {
    return base + "/images/" + encodeURIComponent(image.imageId) + "/image?recipe=" + encodeURIComponent(recipeId);
  }

  function overlayPath(image, recipeId) {
    return base + "/images/" + encodeURIComponent(image.imageId) + "/overlay/" + encodeURIComponent(recipeId);
  }

  /** One tile: the image once per recipe, each with its overlay and legend; returns its loads. */
  function tile(image, f) {
    const urls = [];
    const recipeIds = Object.keys(image.pairs).filter((r) => !f.recipe || r === f.recipe);
    const pairs = el("div", {class: "pairs"});
    const loads = [];
    let photoUrl = null;
    for (const recipeId of recipeIds) {
      const pair = image.pairs[recipeId];
      const photo = el("img", {class: "photo", alt: image.imageId});
      const overlay = el("img", {class: "overlay", alt: "mask " + recipeId, "data-recipe": recipeId});
      if (photoUrl === null) {
        photoUrl = load(photo, imagePath(image, recipeId), urls).then(() => photo.dataset.loaded ? photo.src : null);
        loads.push(photoUrl);
      } else {
        loads.push(photoUrl.then((src) => { if (src) { photo.src = src; photo.dataset.loaded = "true"; } }));
      }
      loads.push(load(overlay, overlayPath(image, recipeId), urls));
      pairs.append(el("div", {class: "pair", "data-recipe": recipeId, onclick: (ev) => { ev.stopPropagation(); openViewer(image, recipeId); }},
          el("div", {class: "stack"}, photo, overlay),
          el("div", {class: "method", title: recipeId}, pair.method),
          legendOf(pair)));
    }
    const node = el("div", {class: "tile", "data-image-id": image.imageId, "data-seq": image.seq,
      "data-recipes": recipeIds.length, onclick: () => openViewer(image, recipeIds[0])},
        el("div", {class: "tile-head"}, el("span", {}, image.imageId), el("span", {}, image.jobId)), pairs);
    node.blobUrls = urls;
    return {node, loaded: Promise.all(loads)};
  }

  function release(node) {
    (node.blobUrls || []).forEach((u) => URL.revokeObjectURL(u));
  }

  function query(before) {
    const f = filters();
    const q = new URLSearchParams({limit: PAGE});
    if (before) q.set("before", before);
    if (f.className) q.set("class", f.className);
    if (f.recipe) q.set("recipe", f.recipe);
    if (f.job) q.set("job", f.job);
    return base + "/pairs?" + q;
  }

  async function loadPage(first) {
    if (state.loading) return;
    state.loading = true;
    const generation = state.generation;
    const started = performance.now();
    try {
      const page = await api(query(first ? null : state.next));
      if (generation !== state.generation) return;
      remember(page.legend);
      const f = filters();
      const grid = document.getElementById("grid");
      const tiles = page.items.map((image) => tile(image, f));
      grid.append(...tiles.map((t) => t.node));
      state.next = page.next;
      if (first) {
        state.cursor = Math.max(state.cursor, page.latestSeq);
        timings.firstPageMs = performance.now();
      }
      document.getElementById("more").hidden = page.next === null;
      document.getElementById("page-info").textContent = grid.children.length + " shown";
      await Promise.all(tiles.map((t) => t.loaded));
      if (first && timings.tilesMs === undefined) {
        timings.tilesMs = performance.now() - started;
        timings.tiles = tiles.length;
      }
    } catch (e) {
      document.getElementById("status").textContent = e.reason || String(e);
    } finally {
      state.loading = false;
    }
  }

  async function poll() {
    try {
      const changes = await api(base + "/changes?after=" + state.cursor + "&limit=100");
      remember(changes.legend);
      const f = filters();
      const grid = document.getElementById("grid");
      for (const image of changes.items) {
        const existing = grid.querySelector('.tile[data-image-id="' + CSS.escape(image.imageId) + '"]');
        if (!matches(image, f)) continue;
        const fresh = tile(image, f).node;
        fresh.classList.add("fresh");
        if (existing) {
          release(existing);
          existing.replaceWith(fresh);
        } else {
          grid.prepend(fresh);
        }
      }
      state.cursor = changes.next !== null ? changes.next : changes.latestSeq;
      document.getElementById("live").textContent = "live · change " + state.cursor;
      if (changes.items.length) refreshSummary();
      setTimeout(poll, changes.next !== null ? 0 : POLL_MS);
    } catch (e) {
      document.getElementById("live").textContent = "live paused: " + (e.reason || e);
      if (e.status !== 401) setTimeout(poll, POLL_MS * 2);
    }
  }

  function histogram(bins) {
    const max = Math.max(1, ...bins);
    return el("span", {class: "hist", title: "pixel fraction in tenths: " + bins.join(", ")},
        ...bins.map((n) => el("div", {style: "height:" + Math.round((24 * n) / max) + "px"})));
  }

  async function refreshSummary() {
    const view = await api(base);
    remember(view.legend);
    const d = view.dataset;
    document.getElementById("counts").textContent =
        d.images + " images · " + d.pairs + " pairs · " + d.recipes.length + " recipes · " + d.jobs.length + " jobs";
    fillSelect("filter-class", [...new Set(view.classes.map((c) => c.className))]);
    fillSelect("filter-recipe", d.recipes);
    fillSelect("filter-job", d.jobs);
    state.recipes = d.recipes;
    const rows = view.classes.map((c) => el("tr", {"data-class": c.className, "data-recipe": c.recipeId},
        el("td", {}, c.recipeId), el("td", {}, swatch(c.className), c.className),
        el("td", {class: "images"}, c.images), el("td", {}, c.withPixels),
        el("td", {class: "mean"}, (100 * c.meanFraction).toFixed(1) + " %"), el("td", {}, histogram(c.histogram))));
    document.getElementById("summary").replaceChildren(el("table", {class: "summary"},
        el("tr", {}, ...["recipe", "class", "images", "with pixels", "mean pixel fraction", "histogram"].map((h) => el("th", {}, h))),
        ...rows));
  }

  function fillSelect(id, values) {
    const select = document.getElementById(id);
    const have = new Set([...select.options].map((o) => o.value));
    for (const v of values) if (!have.has(v)) select.append(el("option", {value: v}, v));
  }

  function restart() {
    state.generation++;
    state.loading = false;
    state.next = null;
    const grid = document.getElementById("grid");
    [...grid.children].forEach(release);
    grid.replaceChildren();
    const f = filters();
    const q = new URLSearchParams({dataset});
    if (f.className) q.set("class", f.className);
    if (f.recipe) q.set("recipe", f.recipe);
    if (f.job) q.set("job", f.job);
    history.replaceState(null, "", "dataset.html?" + q);
    loadPage(true);
  }

  // --- full-size view ---
  const viewerUrls = [];
  async function openViewer(image, recipeId) {
    viewerUrls.splice(0).forEach((u) => URL.revokeObjectURL(u));
    const viewer = document.getElementById("viewer");
    viewer.hidden = false;
    viewer.dataset.imageId = image.imageId;
    viewer.dataset.recipe = recipeId;
    const stack = document.getElementById("viewer-stack");
    stack.querySelectorAll(".placeholder").forEach((p) => p.remove());
    const photo = el("img", {class: "photo", id: "viewer-photo", alt: image.imageId});
    const overlay = el("img", {class: "overlay", id: "viewer-overlay", alt: "mask " + recipeId});
    overlay.style.opacity = document.getElementById("opacity").value / 100;
    stack.replaceChildren(photo, overlay);
    document.getElementById("viewer-recipes").replaceChildren(...Object.keys(image.pairs).map((r) =>
        el("button", {class: r === recipeId ? "primary" : "", onclick: () => openViewer(image, r)}, image.pairs[r].method)));
    const meta = document.getElementById("viewer-meta");
    meta.replaceChildren(el("dt", {}, "image"), el("dd", {}, image.imageId + " · job " + image.jobId),
        el("dt", {}, "recipe"), el("dd", {}, recipeId), el("dt", {}, "classes"), el("dd", {}, legendOf(image.pairs[recipeId])));
    load(photo, imagePath(image, recipeId), viewerUrls);
    load(overlay, overlayPath(image, recipeId), viewerUrls);
    try {
      const a = await api(base + "/images/" + encodeURIComponent(image.imageId) + "/annotation/" + encodeURIComponent(recipeId));
      const rows = [["prompt", a.prompt], ["negative prompt", a.negativePrompt || "–"], ["class prompt", a.classPrompt],
        ["seed", a.seed], ["model", a.model], ["steps · guidance · sampler", [a.steps, a.guidance, a.sampler].join(" · ")],
        ["size", a.width + " × " + a.height], ["device · dtype", a.device + " · " + a.dtype],
        ["recipe parameters", JSON.stringify(a.recipe && a.recipe.params)], ["timings (ms)", JSON.stringify(a.timings)]];
      for (const [k, v] of rows) meta.append(el("dt", {}, k), el("dd", {"data-field": k}, v === undefined || v === null ? "–" : v));
    } catch (e) {
      meta.append(el("dt", {}, "annotation"), el("dd", {class: "error", "data-field": "annotation"}, e.reason || String(e)));
    }
  }

  function closeViewer() {
    document.getElementById("viewer").hidden = true;
  }

  document.getElementById("opacity").addEventListener("input", (e) => {
    const overlay = document.getElementById("viewer-overlay");
    if (overlay) overlay.style.opacity = e.target.value / 100;
  });
  document.getElementById("grid-opacity").addEventListener("input", (e) => {
    document.getElementById("grid").style.setProperty("--overlay-opacity", e.target.value / 100);
  });
  document.getElementById("tile-size").addEventListener("input", (e) => {
    document.getElementById("grid").style.setProperty("--tile", e.target.value + "px");
  });
  document.getElementById("grid").style.setProperty("--tile", "220px");
  document.getElementById("viewer-close").addEventListener("click", closeViewer);
  document.getElementById("viewer").addEventListener("click", (e) => { if (e.target.id === "viewer") closeViewer(); });
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") closeViewer(); });
  document.getElementById("more").addEventListener("click", () => loadPage(false));
  for (const id of ["filter-class", "filter-recipe", "filter-job"]) document.getElementById(id).addEventListener("change", restart);
  new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting) && state.next !== null) loadPage(false);
  }, {rootMargin: "400px"}).observe(document.getElementById("more"));

  async function start() {
    document.getElementById("title").textContent = dataset;
    document.title = "dsgen — " + dataset;
    try {
      await refreshSummary();
    } catch (e) {
      document.getElementById("summary").replaceChildren(el("p", {class: "error"}, e.reason || String(e)));
      if (e.status === 401) return;
    }
    for (const [id, key] of [["filter-class", "class"], ["filter-recipe", "recipe"], ["filter-job", "job"]]) {
      const v = params.get(key);
      if (v) {
        fillSelect(id, [v]);
        document.getElementById(id).value = v;
      }
    }
    await loadPage(true);
    poll();
  }

  if (!dataset) {
    document.getElementById("summary").replaceChildren(el("p", {class: "error"}, "no ?dataset= in the address"));
  } else {
    Dsgen.installAuthPrompt(() => start());
    start();
  }
})();
