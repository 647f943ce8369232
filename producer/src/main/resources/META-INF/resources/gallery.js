// Shared by the jobs page and the dataset page: the page header and the API-token prompt (both pages
// hold only <header data-title="...">; this script fills it and adds the prompt), the API token (kept
// in this tab's sessionStorage and sent as an Authorization header, never in a URL), API calls,
// images as blob URLs.
"use strict";

const Dsgen = (() => {
  const TOKEN_KEY = "dsgen-token";
  let onAuthorised = () => {};

  function token() {
    return sessionStorage.getItem(TOKEN_KEY);
  }

  function headers(extra) {
    const h = Object.assign({}, extra || {});
    const t = token();
    if (t) h["Authorization"] = "Bearer " + t;
    return h;
  }

  class ApiError extends Error {
    constructor(status, reason, body) {
      super(reason);
      this.status = status;
      this.reason = reason;
      this.body = body;
    }
  }

  async function failure(response) {
    let body = null;
    let reason = response.status + " " + response.statusText;
    try {
      body = await response.json();
      if (body && body.error) reason = body.error;
    } catch (e) {
      // not JSON: keep the status line
    }
    if (response.status === 401) showAuthPrompt(reason);
    return new ApiError(response.status, reason, body);
  }

  /** JSON from the API; throws ApiError with the server's reason. */
  async function api(path, options) {
    const opts = Object.assign({}, options || {});
    opts.headers = headers(Object.assign({Accept: "application/json"}, opts.headers || {}));
    const response = await fetch(path, opts);
    if (!response.ok) throw await failure(response);
    if (response.status === 204) return null;
    return response.json();
  }

  /** An object URL for an image the API serves; throws ApiError (404 missing, 502 corrupt, 503). */
  async function blobUrl(path) {
    const response = await fetch(path, {headers: headers()});
    if (!response.ok) throw await failure(response);
    return URL.createObjectURL(await response.blob());
  }

  function showAuthPrompt(reason) {
    const prompt = document.getElementById("auth-prompt");
    if (!prompt || !prompt.hidden) return;
    document.getElementById("auth-reason").textContent =
        token() ? "The token was refused: " + reason : "This producer needs an API token.";
    prompt.hidden = false;
    document.getElementById("auth-token").focus();
  }

  function installAuthPrompt(afterLogin) {
    onAuthorised = afterLogin;
    const form = document.getElementById("auth-form");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const value = document.getElementById("auth-token").value.trim();
      if (value) sessionStorage.setItem(TOKEN_KEY, value);
      else sessionStorage.removeItem(TOKEN_KEY);
      document.getElementById("auth-prompt").hidden = true;
      onAuthorised();
    });
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.substring(2), v);
      else if (k === "style") node.setAttribute("style", v);
      else node.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  function percent(part, whole) {
    return whole > 0 ? Math.min(100, Math.round((100 * part) / whole)) : 0;
  }

  function duration(seconds) {
    if (seconds === null || seconds === undefined) return "–";
    if (seconds < 90) return seconds + " s";
    if (seconds < 5400) return Math.round(seconds / 60) + " min";
    return (seconds / 3600).toFixed(1) + " h";
  }

  const params = new URLSearchParams(location.search);

  /**
   * The header every page shows: its title (#title, the header's data-title until the page sets
   * it), the navigation (#dataset-links for the jobs page's datasets), #counts and #status.
   */
  function renderHeader() {
    const header = document.querySelector("header");
    header.replaceChildren(
        el("h1", {id: "title", text: header.dataset.title}),
        el("nav", {}, el("a", {href: "/", text: "Jobs"}), el("span", {id: "dataset-links"})),
        el("span", {class: "muted", id: "counts"}),
        el("span", {class: "muted", id: "status"}));
  }

  /** The API-token prompt, hidden until a call is refused (installAuthPrompt wires it). */
  function renderAuthPrompt() {
    document.body.append(
        el("div", {id: "auth-prompt", hidden: true},
            el("form", {id: "auth-form"},
                el("strong", {text: "API token"}),
                el("span", {id: "auth-reason", class: "error"}),
                el("input", {id: "auth-token", type: "password", autocomplete: "current-password",
                  placeholder: "bearer token"}),
                el("button", {class: "primary", type: "submit", text: "Use this token"}),
                el("span", {class: "muted",
                  text: "Kept in this tab only and sent as an Authorization header."}))));
  }

  renderHeader();
  renderAuthPrompt();

  return {api, blobUrl, el, installAuthPrompt, percent, duration, params, ApiError, token};
})();
