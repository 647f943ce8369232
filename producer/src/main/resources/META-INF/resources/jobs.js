// The jobs page: every job with per-recipe progress, rate, ETA, state and dead letters by reason;
// submit and cancel with the API's own validation shown next to each field.
"use strict";

(() => {
  const {api, el, percent, duration} = Dsgen;
  const REFRESH_MS = 1500;
  let timer = null;

  function stateOf(job) {
    if (job.state === "CANCELLED") return "cancelled";
    if (job.finished) return "finished";
    if (job.continuous) return "continuous";
    return "running";
  }

  /** 100 once the job is finished; else the share of images that every recipe has settled. */
  function progressOf(job) {
    if (job.finished) return 100;
    const c = job.counts;
    if (!c || !job.totalImages) return 0;
    const perRecipe = job.recipes.map((r) => (c.paired[r.recipeId] || 0) + c.deadLettered);
    return percent(Math.min(...perRecipe), job.totalImages);
  }

  function bar(label, parts, whole, text) {
    const b = el("div", {class: "bar", title: text});
    for (const [cls, n] of parts) b.append(el("div", {class: cls, style: "width:" + percent(n, whole) + "%"}));
    return [el("div", {}, label), b, el("div", {class: "muted"}, text)];
  }

  /** Dead letters by reason (distinct images, latest examples); null when there are none. */
  function deadLetters(job, breakdown) {
    if (!breakdown || !breakdown.byReason.length) return null;
    const list = el("ul", {class: "dead-letters"});
    for (const r of breakdown.byReason) {
      const details = el("ul", {hidden: true, class: "examples"});
      for (const e of r.examples) {
        details.append(el("li", {},
            e.imageId ? el("a", {href: "dataset.html?dataset=" + encodeURIComponent(job.dataset)
                + "&job=" + encodeURIComponent(job.jobId)}, e.imageId) : "(no image)",
            e.recipeId ? " [" + e.recipeId + "] " : " ", e.reason));
      }
      const toggle = el("a", {href: "#", onclick: (ev) => { ev.preventDefault(); details.hidden = !details.hidden; }},
          "examples");
      list.append(el("li", {"data-reason": r.stage + "/" + r.errorClass},
          el("strong", {}, r.stage + " · " + r.errorClass), " — " + r.images + " image(s) — ", toggle, details));
    }
    return el("div", {}, el("span", {class: "error"}, "dead letters by reason:"), list);
  }

  function render(job, breakdown) {
    const state = stateOf(job);
    const c = job.counts;
    const total = job.continuous ? Math.max(1, c ? c.submitted : 1) : job.totalImages;
    const pct = progressOf(job);
    const head = el("div", {class: "job-head"},
        el("span", {class: "job-id"}, job.jobId),
        el("span", {class: "state " + state}, state),
        el("a", {href: "dataset.html?dataset=" + encodeURIComponent(job.dataset) + "&job=" + encodeURIComponent(job.jobId)},
            "dataset " + job.dataset),
        el("span", {class: "percent"}, pct + " %"),
        el("span", {class: "muted"}, job.imagesPerMinute != null ? job.imagesPerMinute.toFixed(1) + " images/min" : "rate –"),
        el("span", {class: "muted"}, "ETA " + (job.finished ? "done" : duration(job.etaSeconds))),
        state === "running" || state === "continuous"
            ? el("button", {class: "cancel", onclick: () => cancel(job.jobId)}, "Cancel") : null);
    const bars = el("div", {class: "bars"});
    if (!c) {
      bars.append(el("div", {}, "tracker"), el("div", {class: "muted"}, job.tracker), el("div"));
    } else {
      bars.append(...bar("generated", [["done", c.generated], ["dead", c.deadLettered]], total,
          c.generated + " / " + total + (c.deadLettered ? " (" + c.deadLettered + " dead)" : "")));
      for (const r of job.recipes) {
        const paired = c.paired[r.recipeId] || 0;
        const dead = (breakdown && breakdown.byRecipe[r.recipeId]) || 0;
        bars.append(...bar(r.recipeId, [["done", paired], ["dead", dead]], total,
            paired + " / " + total + " paired" + (dead ? ", " + dead + " dead" : "")));
      }
    }
    return el("div", {class: "job", "data-job-id": job.jobId, "data-state": state, "data-percent": pct},
        head, bars, deadLetters(job, breakdown));
  }

  async function refresh() {
    clearTimeout(timer);
    try {
      const jobs = await api("/jobs");
      const breakdowns = await Promise.all(jobs.map((j) => (j.counts && j.counts.deadLettered > 0
          ? api("/jobs/" + encodeURIComponent(j.jobId) + "/dead-letters").catch(() => null) : null)));
      const box = document.getElementById("jobs");
      box.replaceChildren(...(jobs.length ? jobs.map((j, i) => render(j, breakdowns[i]))
          : [el("p", {class: "muted"}, "no jobs yet")]));
      const datasets = [...new Set(jobs.map((j) => j.dataset))];
      document.getElementById("dataset-links").replaceChildren(
          ...datasets.map((d) => el("a", {href: "dataset.html?dataset=" + encodeURIComponent(d)}, d)));
      document.getElementById("status").textContent = "updated " + new Date().toLocaleTimeString();
    } catch (e) {
      document.getElementById("status").textContent = e.reason || String(e);
      if (e.status === 401) return; // the auth prompt is up; it refreshes once a token is given
    }
    timer = setTimeout(refresh, REFRESH_MS);
  }

  async function cancel(jobId) {
    try {
      await api("/jobs/" + encodeURIComponent(jobId), {method: "DELETE"});
    } catch (e) {
      alert("cancel failed: " + e.reason);
    }
    refresh();
  }

  async function loadRecipes() {
    const box = document.getElementById("f-recipes");
    try {
      const recipes = await api("/recipes");
      box.replaceChildren(...recipes.map((r) => el("label", {title: r.description},
          el("input", {type: "checkbox", name: "recipe", value: r.method}), " " + r.method)));
    } catch (e) {
      box.replaceChildren(el("span", {class: "error"}, "recipes: " + (e.reason || e)));
    }
  }

  function request() {
    const form = document.getElementById("submit-form");
    const value = (id) => document.getElementById(id).value.trim();
    const number = (id) => (value(id) === "" ? undefined : Number(value(id)));
    const classes = value("f-classes").split(",").map((s) => s.trim()).filter(Boolean).map((s) => {
      const [name, label] = s.split(":").map((x) => x.trim());
      return label === undefined ? {name} : {name, label: Number(label)};
    });
    const body = {
      dataset: value("f-dataset"),
      classes,
      imagesPerClass: number("f-images"),
      recipes: [...form.querySelectorAll("input[name=recipe]:checked")].map((c) => ({method: c.value})),
      steps: number("f-steps"),
      size: number("f-size"),
      seed: number("f-seed"),
    };
    if (value("f-template")) body.templates = [value("f-template")];
    if (document.getElementById("f-continuous").checked) body.continuous = true;
    return body;
  }

  /** The form control a violation's field path belongs to (classes[1].label → the classes field). */
  function controlFor(field) {
    const root = field.split(/[.[]/)[0];
    const byRoot = {dataset: "f-dataset", classes: "f-classes", templates: "f-template",
      imagesPerClass: "f-images", recipes: "f-recipes", steps: "f-steps", size: "f-size", seed: "f-seed",
      continuous: "f-continuous"};
    return document.getElementById(byRoot[root] || "f-submit");
  }

  async function submit(event) {
    event.preventDefault();
    const form = document.getElementById("submit-form");
    form.querySelectorAll(".field-error").forEach((n) => n.remove());
    const result = document.getElementById("submit-result");
    result.textContent = "";
    try {
      const job = await api("/jobs", {method: "POST", headers: {"Content-Type": "application/json"},
        body: JSON.stringify(request())});
      result.replaceChildren(el("span", {class: "muted"}, "submitted " + job.jobId));
      refresh();
    } catch (e) {
      const violations = (e.body && e.body.violations) || [];
      if (!violations.length) result.replaceChildren(el("span", {class: "error"}, e.reason || String(e)));
      for (const v of violations) {
        const control = controlFor(v.field);
        const note = el("div", {class: "field-error", "data-field": v.field}, v.field + ": " + v.reason);
        (control.id === "f-submit" ? control.parentElement : control).after(note);
      }
    }
  }

  document.getElementById("submit-form").addEventListener("submit", submit);
  Dsgen.installAuthPrompt(() => { refresh(); loadRecipes(); });
  refresh();
  loadRecipes();
})();
