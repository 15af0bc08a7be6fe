// The stackdouble dashboard: polls GET <base>/summary and acts through the control plane's
// own routes. Everything shown is built with createElement and textContent, never HTML
// strings, so names (user input) cannot inject markup.
"use strict";

(function () {
  const TOKEN_KEY = "stackdouble.controlToken";
  const POLL_MS = 2000;
  const BASE = location.pathname.replace(/\/_stackdouble(\/.*)?$/, "/_stackdouble");
  let timer = null;
  let ticking = true;

  // -- the control token: from #token= or ?token= once, then sessionStorage -------------
  function bootstrapToken() {
    const hash = new URLSearchParams(location.hash.slice(1));
    const query = new URLSearchParams(location.search);
    const given = hash.get("token") || query.get("token");
    if (!given) {
      return;
    }
    sessionStorage.setItem(TOKEN_KEY, given);
    hash.delete("token");
    query.delete("token");
    const q = query.toString();
    const h = hash.toString();
    history.replaceState(null, "", location.pathname + (q ? "?" + q : "") + (h ? "#" + h : ""));
  }

  function token() {
    return sessionStorage.getItem(TOKEN_KEY);
  }

  // -- requests ----------------------------------------------------------------------------
  async function call(method, path, body) {
    const headers = {"Accept": "application/json"};
    const stored = token();
    if (stored) {
      headers["Authorization"] = "Bearer " + stored;
    }
    const init = {method: method, headers: headers, cache: "no-store"};
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const resp = await fetch(BASE + path, init);
    let doc = null;
    if (resp.status !== 204) {
      try {
        doc = await resp.json();
      } catch (e) {
        doc = null;
      }
    }
    if (resp.status === 401 || resp.status === 403) {
      askForToken(doc);
      throw new Error("control token needed");
    }
    if (!resp.ok) {
      const message = doc && doc.error ? doc.error.message : resp.status + " " + resp.statusText;
      throw new Error(message);
    }
    return doc;
  }

  function askForToken(doc) {
    document.getElementById("token-panel").hidden = false;
    const reason = doc && doc.error ? doc.error.message : "";
    if (reason) {
      document.getElementById("token-reason").textContent = reason;
    }
    setStatus("control token needed", "bad");
  }

  // -- DOM helpers ---------------------------------------------------------------------------
  function el(tag, props) {
    const node = document.createElement(tag);
    if (props) {
      for (const [key, value] of Object.entries(props)) {
        if (key === "class") {
          node.className = value;
        } else if (key === "data") {
          for (const [k, v] of Object.entries(value)) {
            node.dataset[k] = String(v);
          }
        } else if (key === "title") {
          node.title = String(value);
        }
      }
    }
    for (let i = 2; i < arguments.length; i++) {
      const child = arguments[i];
      if (child === null || child === undefined) {
        continue;
      }
      node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function text(id, value) {
    document.getElementById(id).textContent = value === null || value === undefined ? "" : String(value);
  }

  function setStatus(message, kind) {
    const node = document.getElementById("status");
    node.textContent = message;
    node.className = "status " + (kind || "");
  }

  function say(message, kind) {
    const node = document.getElementById("message");
    node.textContent = message;
    node.className = "message " + (kind || "");
  }

  function short(id) {
    return id ? String(id).slice(0, 8) : "";
  }

  function table(headings, rows, rowClass) {
    const head = el("tr", null, ...headings.map((h) => el("th", null, h)));
    const body = el("tbody");
    for (const row of rows) {
      body.appendChild(el("tr", {class: rowClass, data: {id: row.id}},
        ...row.cells.map((cell) => el("td", null, cell))));
    }
    return el("table", {class: "rows"}, el("thead", null, head), body);
  }

  function more(part) {
    const hidden = part.count - part.rows.length;
    return hidden > 0 ? el("p", {class: "muted"}, "… and " + hidden + " more") : null;
  }

  function nowrap(value) {
    return el("span", {class: "nowrap"}, value);
  }

  function idCell(id) {
    return el("code", {title: id}, short(id));
  }

  // -- rendering -------------------------------------------------------------------------
  const KINDS = [
    ["servers", "Servers", ["name", "id", "status", "addresses", "flavor"], (s) => [
      s.name, idCell(s.id), nowrap(s.status + (s.task_state ? " (" + s.task_state + ")" : "")),
      s.addresses.map((a) => a.network + ": " + a.addresses.join(", ")).join("; "), s.flavor]],
    ["volumes", "Volumes", ["name", "id", "size", "status", "attached to"], (v) => [
      v.name || "", idCell(v.id), nowrap(v.size + " GiB"), nowrap(v.status),
      v.attachments.map((a) => short(a.server_id) + (a.device ? " on " + a.device : "")).join(", ")]],
    ["containers", "Containers", ["name", "objects", "bytes", "first objects"], (c) => [
      c.name, c.objects, c.bytes, c.first_objects.join(", ") + (c.objects > c.first_objects.length ? ", …" : "")]],
    ["images", "Images", ["name", "id", "status", "visibility", "size"], (i) => [
      i.name || "", idCell(i.id), nowrap(i.status), i.visibility, i.size === null ? "" : i.size]],
    ["networks", "Networks", ["name", "id", "status", "subnets", ""], (n) => [
      n.name, idCell(n.id), nowrap(n.status), n.subnets.join(", "),
      [n.shared ? "shared" : "", n.external ? "external" : ""].filter(Boolean).join(", ")]],
    ["ports", "Ports", ["name", "id", "status", "fixed IPs", "device"], (p) => [
      p.name, idCell(p.id), nowrap(p.status), p.fixed_ips.join(", "),
      p.device_owner ? p.device_owner + " " + short(p.device_id) : ""]],
    ["members", "Members", ["kind", "name", "roles"], (m) => [m.kind, m.name || m.id, m.roles.join(", ")]],
  ];

  function renderProject(project) {
    const title = project.name !== null ? project.name : (project.id ? "(unknown) " + project.id : "(no project)");
    const counts = KINDS.map(([key, label]) => project[key].count + " " + label.toLowerCase()).join(" · ");
    const section = el("section", {class: "project", data: {projectId: project.id || ""}},
      el("h3", null, title, " ", el("code", {class: "muted", title: project.id || ""}, short(project.id))),
      el("p", {class: "muted"}, counts + " · " + project.tokens + " valid tokens"));
    const grid = el("div", {class: "tables"});
    for (const [key, label, headings, cells] of KINDS) {
      const part = project[key];
      if (!part.count) {
        continue;
      }
      grid.appendChild(el("div", {class: "resource " + key},
        el("h4", null, label + " (" + part.count + ")"),
        table(headings, part.rows.map((r) => ({id: r.id || r.name, cells: cells(r)})), key.replace(/s$/, "")),
        more(part)));
    }
    section.appendChild(grid);
    return section;
  }

  function renderIdentity(identity) {
    const box = document.getElementById("identity");
    box.replaceChildren(
      el("p", null, identity.users.count + " users, " + identity.roles.count + " roles, " +
        identity.domains.count + " domains, " + identity.groups.count + " groups"),
      table(["user", "id", "domain", "enabled"],
        identity.users.rows.map((u) => ({id: u.id, cells: [u.name, idCell(u.id), u.domain, u.enabled ? "yes" : "no"]})),
        "user"),
      el("p", null, "roles: " + identity.roles.rows.join(", ")),
      el("p", null, "domains: " + identity.domains.rows.join(", ")));
  }

  function renderFaults(faults) {
    text("fault-count", faults.length);
    const body = document.querySelector("#faults tbody");
    body.replaceChildren(...faults.map((f) => {
      const remove = el("button", {class: "fault-remove small", data: {faultId: f.id}}, "remove");
      remove.addEventListener("click", () => act("DELETE", "/faults/" + encodeURIComponent(f.id), undefined,
        "fault " + f.id + " removed"));
      return el("tr", {class: "fault", data: {faultId: f.id}},
        el("td", null, f.id), el("td", null, f.method), el("td", null, f.path + (f.regex ? " (regex)" : "")),
        el("td", null, f.status === null ? "delay only" : f.status),
        el("td", null, f.remaining === null ? "∞" : f.remaining), el("td", null, f.hits),
        el("td", null, f.latency ? f.latency + " s" : ""), el("td", null, remove));
    }));
  }

  function renderRequests(requests) {
    text("request-count", requests.count);
    const body = document.querySelector("#requests tbody");
    body.replaceChildren(...requests.recent.map((r) =>
      el("tr", {class: "request " + (r.status >= 400 ? "bad" : "")},
        el("td", null, r.time), el("td", null, r.method), el("td", {class: "path"}, r.path),
        el("td", null, r.status), el("td", null, r.service))));
  }

  function render(doc) {
    text("cloud-url", doc.cloud.base_url);
    text("cloud-profile", doc.cloud.profile + (doc.cloud.seed !== null ? ", seed " + doc.cloud.seed : "") +
      ", regions " + doc.cloud.regions.join(", "));
    text("clock-now", doc.clock.now);
    ticking = doc.clock.ticking;
    text("clock-ticking", ticking ? "(ticking)" : "(frozen)");
    text("ticking-button", ticking ? "Freeze clock" : "Let clock tick");
    text("token-counts", doc.tokens.valid + " valid Keystone tokens (" + doc.tokens.issued +
      " issued), " + doc.tokens.swift_valid + " valid tempauth tokens");
    text("project-count", doc.project_count);
    const projects = document.getElementById("projects");
    projects.replaceChildren(...doc.projects.map(renderProject));
    if (doc.project_count > doc.projects.length) {
      projects.appendChild(el("p", {class: "muted"}, "… and " + (doc.project_count - doc.projects.length) + " more projects"));
    }
    renderIdentity(doc.identity);
    renderFaults(doc.faults);
    renderRequests(doc.requests);
  }

  // -- polling and actions ---------------------------------------------------------------
  async function poll() {
    clearTimeout(timer);
    try {
      render(await call("GET", "/summary"));
      document.getElementById("token-panel").hidden = true;
      setStatus("live, " + new Date().toLocaleTimeString(), "good");
    } catch (e) {
      if (document.getElementById("token-panel").hidden) {
        setStatus("unreachable: " + e.message, "bad");
      }
    }
    timer = setTimeout(poll, POLL_MS);
  }

  async function act(method, path, body, done) {
    try {
      await call(method, path, body);
      say(done, "good");
    } catch (e) {
      say(method + " " + path + ": " + e.message, "bad");
    }
    await poll();
  }

  function numberOrNull(id) {
    const raw = document.getElementById(id).value.trim();
    return raw === "" ? null : Number(raw);
  }

  function wire() {
    document.getElementById("token-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const input = document.getElementById("token-input");
      if (input.value) {
        sessionStorage.setItem(TOKEN_KEY, input.value.trim());
        input.value = "";
        poll();
      }
    });
    document.getElementById("advance-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const seconds = numberOrNull("advance-seconds");
      act("POST", "/clock", {advance: seconds === null ? 0 : seconds}, "clock advanced " + seconds + " s");
    });
    document.getElementById("ticking-button").addEventListener("click", () =>
      act("POST", "/clock", {ticking: !ticking}, ticking ? "clock frozen" : "clock ticking"));
    document.getElementById("expire-tokens-button").addEventListener("click", () =>
      act("POST", "/tokens/expire", {all: true}, "every token expired"));
    document.getElementById("reset-button").addEventListener("click", () =>
      act("POST", "/reset", undefined, "cloud reset"));
    document.getElementById("requests-clear").addEventListener("click", () =>
      act("DELETE", "/requests", undefined, "request log cleared"));
    document.getElementById("faults-clear").addEventListener("click", () =>
      act("DELETE", "/faults", undefined, "every fault removed"));
    document.getElementById("fault-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const fault = {
        method: document.getElementById("fault-method").value,
        path: document.getElementById("fault-path").value,
        status: numberOrNull("fault-status"),
        times: numberOrNull("fault-times"),
        latency: numberOrNull("fault-latency") || 0,
      };
      act("POST", "/faults", fault, "fault added on " + fault.method + " " + fault.path);
    });
  }

  bootstrapToken();
  wire();
  poll();
})();
