/* Glossary: progressive enhancement of server-rendered pages. Every page works without it;
   this adds search as you type, keyboard moves, copy buttons, the remembered language pair,
   popovers on annotated terms and the review queue's shortcuts. No build step, no library. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");

  function typing(event) {
    var t = event.target;
    return t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
  }

  function announce(message) {
    var region = document.querySelector(".flashes");
    if (!region) return;
    region.textContent = "";
    var p = document.createElement("p");
    p.className = "flash info";
    p.textContent = message;
    region.appendChild(p);
  }

  /* ---- Copy buttons ---------------------------------------------------------------- */
  function fallbackCopy(text) {
    // Pages served over plain HTTP (not localhost) have no Clipboard API.
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "offscreen";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
    }
    return fallbackCopy(text);
  }

  function showCopyButtons(scope) {
    scope.querySelectorAll("button.copy[hidden]").forEach(function (b) { b.hidden = false; });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.copy");
    if (!button) return;
    var text = button.getAttribute("data-copy");
    var label = button.firstChild;
    copy(text).then(function () {
      button.classList.add("copied");
      label.textContent = document.body.dataset.copied;
      announce(document.body.dataset.copied + ": " + text);
      setTimeout(function () {
        button.classList.remove("copied");
        label.textContent = button.dataset.label;
      }, 1500);
    }, function () { announce(document.body.dataset.copyFailed); });
  });
  document.querySelectorAll("button.copy").forEach(function (b) {
    b.dataset.label = b.firstChild.textContent;
  });
  showCopyButtons(document);

  /* ---- Forms that submit themselves, confirmations ------------------------------------ */
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (button && button.dataset.confirm && !window.confirm(button.dataset.confirm)) {
      event.preventDefault();
    }
  });

  /* ---- The language pair, remembered in this browser -------------------------------- */
  var PAIR_KEY = "glossary.pair";
  function setPair(pair) {
    root.setAttribute("data-pair", pair || "all");
    document.querySelectorAll("select[data-pair-select]").forEach(function (s) { s.value = pair || "all"; });
  }
  var urlPair = new URLSearchParams(location.search).get("pair");
  var stored = null;
  try { stored = localStorage.getItem(PAIR_KEY); } catch (e) { stored = null; }
  setPair(urlPair || stored || "all");
  document.querySelectorAll("select[data-pair-select]").forEach(function (select) {
    select.addEventListener("change", function () {
      try { localStorage.setItem(PAIR_KEY, select.value); } catch (e) { /* private mode */ }
      setPair(select.value);
    });
  });

  /* ---- Results as rows or as cards, remembered in this browser ----------------------- */
  var VIEW_KEY = "glossary.view";
  function setView(view) {
    root.setAttribute("data-view", view);
    document.querySelectorAll("[data-view-choice]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-view-choice") === view));
    });
  }
  var storedView = null;
  try { storedView = localStorage.getItem(VIEW_KEY); } catch (e) { storedView = null; }
  // Rows by default where there is room for their three columns.
  setView(storedView === "cards" || storedView === "compact" ? storedView
          : (window.innerWidth >= 900 ? "compact" : "cards"));
  document.querySelectorAll(".view-switch").forEach(function (s) { s.hidden = false; });
  function showExpandButtons(scope) {
    scope.querySelectorAll("button.expand[hidden]").forEach(function (b) { b.hidden = false; });
  }
  showExpandButtons(document);
  // A row's card that the live results left out (rows view): fetched when first needed.
  function fillCard(holder) {
    var url = holder.getAttribute("data-card");
    if (!url) return;
    holder.removeAttribute("data-card");
    fetch(url, { headers: { Accept: "text/html" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response); })
      .then(function (html) {
        holder.innerHTML = html;
        showCopyButtons(holder);
        holder.querySelectorAll("button.copy").forEach(function (b) { b.dataset.label = b.firstChild.textContent; });
      })
      .catch(function () { holder.setAttribute("data-card", url); });
  }
  function toggleHit(hit, open) {
    var button = hit.querySelector("button.expand");
    var now = open === undefined ? !hit.classList.contains("open") : open;
    var holder = hit.querySelector(".hit-card[data-card]");
    if (now && holder) fillCard(holder);
    hit.classList.toggle("open", now);
    if (button) button.setAttribute("aria-expanded", String(now));
  }
  document.addEventListener("click", function (event) {
    var choice = event.target.closest("[data-view-choice]");
    if (choice) {
      var view = choice.getAttribute("data-view-choice");
      try { localStorage.setItem(VIEW_KEY, view); } catch (e) { /* private mode */ }
      setView(view);
      if (view === "cards") document.querySelectorAll("#results .hit-card[data-card]").forEach(fillCard);
      return;
    }
    var expand = event.target.closest("button.expand");
    if (expand) toggleHit(expand.closest("li.hit"));
  });

  /* ---- Search as you type ------------------------------------------------------------ */
  var form = document.querySelector("form[data-live-search]");
  var input = form && form.querySelector("input[name=q]");

  document.addEventListener("keydown", function (event) {
    if (event.key === "/" && !typing(event) && !event.ctrlKey && !event.metaKey && !event.altKey) {
      var box = document.getElementById("q") || document.getElementById("quick-q");
      if (box) { event.preventDefault(); box.focus(); box.select(); }
    }
  });

  if (form && input) {
    // Results should be on screen within 100 ms of a keystroke (benchmarks/lookup_latency.py):
    // a keystroke after a pause is answered at once; while an answer is still on its way, the
    // next request waits SEARCH_DELAY for the keys that come together (key repeat, fast
    // typing), and the answer that is no longer wanted is aborted.
    var SEARCH_DELAY = 40;
    var timer = null, controller = null, pending = false, shown = input.value.trim();
    var browse = document.querySelector(".browse");

    function searchUrl(q, fragment) {
      var params = new URLSearchParams();
      params.set("q", q);
      if (fragment) {
        params.set("prefix", "1"); params.set("fragment", "1");
        params.set("view", root.getAttribute("data-view") || "cards");
      }
      return form.action + "?" + params.toString();
    }

    function cards() {  // what the arrow keys move through: rows, or cards
      var selector = root.getAttribute("data-view") === "compact"
        ? "#results .hit-row" : "#results article.card";
      return Array.prototype.slice.call(document.querySelectorAll(selector));
    }

    function load(q, how) {
      if (controller) controller.abort();
      pending = false;
      if (browse) browse.hidden = q !== "";
      if (q === "") {
        document.getElementById("results").innerHTML = "";
        shown = "";
        if (how) history.replaceState({ q: "" }, "", form.action);
        return;
      }
      controller = new AbortController();
      pending = true;
      fetch(searchUrl(q, true), { signal: controller.signal, headers: { "Accept": "text/html" } })
        .then(function (response) { return response.ok ? response.text() : Promise.reject(response); })
        .then(function (html) {
          var results = document.getElementById("results");
          var holder = document.createElement("div");
          holder.innerHTML = html;
          var fresh = holder.querySelector("#results");
          results.replaceWith(fresh);
          showCopyButtons(fresh);
          showExpandButtons(fresh);
          fresh.querySelectorAll("button.copy").forEach(function (b) { b.dataset.label = b.firstChild.textContent; });
          shown = q;
          var url = searchUrl(q, false);
          if (how === "push") history.pushState({ q: q }, "", url);
          else if (how === "replace") history.replaceState({ q: q }, "", url);
          document.title = q + " · " + document.title.split(" · ").slice(-1)[0];
          pending = false;
        })
        .catch(function (error) {
          if (error && error.name === "AbortError") return;
          pending = false;
        });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      timer = setTimeout(function () {
        if (q === shown) return;
        // The first letters start a new history entry; later ones refine it in place.
        var searching = new URLSearchParams(location.search).get("q");
        load(q, searching ? "replace" : "push");
      }, pending ? SEARCH_DELAY : 0);
    });

    window.addEventListener("popstate", function () {
      var q = new URLSearchParams(location.search).get("q") || "";
      input.value = q;
      load(q, null);
    });

    function move(from, step) {
      var list = cards();
      if (!list.length) return;
      var i = list.indexOf(from);
      var next = i === -1 ? (step > 0 ? 0 : list.length - 1) : i + step;
      if (next < 0) { input.focus(); return; }
      if (next >= list.length) next = list.length - 1;
      list[next].focus();
      list[next].scrollIntoView({ block: "nearest" });
    }

    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && cards().length) { event.preventDefault(); move(null, 1); }
    });
    document.addEventListener("keydown", function (event) {
      var card = event.target.closest &&
        event.target.closest("#results .hit-row, #results article.card");
      if (!card || typing(event)) return;
      if (event.key === "ArrowDown") { event.preventDefault(); move(card, 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); move(card, -1); }
      else if (event.key === "Enter" && event.target === card) {
        event.preventDefault();
        if (card.classList.contains("hit-row")) toggleHit(card.closest("li.hit"));  // unfold
        else location.href = card.querySelector(".card-title a").href;
      } else if (event.key === "Escape") { input.focus(); }
    });
  }

  /* ---- Annotated text: a click on a term shows its equivalents ------------------------ */
  var popover = null;
  function closePopover() {
    if (popover) { popover.remove(); popover = null; }
  }
  document.addEventListener("click", function (event) {
    var mark = event.target.closest("a.mark");
    if (!mark) {
      if (popover && !popover.contains(event.target)) closePopover();
      return;
    }
    var entry = document.getElementById("g-" + mark.dataset.concept);
    if (!entry) return;
    event.preventDefault();
    closePopover();
    popover = document.createElement("div");
    popover.className = "popover";
    popover.setAttribute("role", "dialog");
    popover.setAttribute("aria-label", mark.textContent);
    popover.innerHTML = entry.innerHTML;
    showCopyButtons(popover);
    popover.querySelectorAll("button.copy").forEach(function (b) { b.dataset.label = b.firstChild.textContent; });
    var box = mark.getBoundingClientRect();
    popover.style.top = (window.scrollY + box.bottom + 6) + "px";
    popover.style.left = Math.max(8, Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - 340)) + "px";
    document.body.appendChild(popover);
    popover.tabIndex = -1;
    popover.focus({ preventScroll: true });
    entry.classList.add("flash-target");
    setTimeout(function () { entry.classList.remove("flash-target"); }, 1200);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && popover) closePopover();
  });

  /* ---- Review queue: keyboard shortcuts and select-all -------------------------------- */
  var review = document.querySelector("form[data-review]");
  if (review) {
    var items = Array.prototype.slice.call(review.querySelectorAll("li.candidate"));
    var all = review.querySelector("input[data-select-all]");
    if (all) {
      all.addEventListener("change", function () {
        review.querySelectorAll("input[name=ids]").forEach(function (box) { box.checked = all.checked; });
      });
    }
    function current() {
      return document.activeElement && document.activeElement.closest
        ? document.activeElement.closest("li.candidate") : null;
    }
    function go(step) {
      var i = items.indexOf(current());
      var next = items[Math.max(0, Math.min(items.length - 1, i === -1 ? 0 : i + step))];
      if (next) { next.focus(); next.scrollIntoView({ block: "nearest" }); }
    }
    document.addEventListener("keydown", function (event) {
      if (typing(event) && event.target.type !== "checkbox") return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      var item = current();
      switch (event.key) {
        case "j": go(1); break;
        case "k": go(-1); break;
        case "x": if (item) { var box = item.querySelector("input[name=ids]"); box.checked = !box.checked; } break;
        case "a": if (item) location.href = item.querySelector("a[data-accept]").href + "#accept"; break;
        case "m": if (item) location.href = item.querySelector("a[data-merge]").href; break;
        case "r": if (item) item.querySelector("button[data-reject]").click(); break;
        default: return;
      }
      event.preventDefault();
    });
  }

  /* ---- A candidate's suggestions: "Edit in the form" fills the accept form in place; s accepts
     the chosen renderings at once ----------------------------------------------------------- */
  var suggested = document.querySelector("form[data-suggestions]");
  if (suggested) {
    document.addEventListener("click", function (event) {
      var use = event.target.closest && event.target.closest("a[data-use]");
      if (!use) return;
      var lang = use.getAttribute("data-use");
      var field = document.getElementById("accept-" + lang);
      var note = document.getElementById("accept-" + lang + "_note");
      var status = document.getElementById("accept-status");
      if (!field) return;
      event.preventDefault();
      field.value = use.getAttribute("data-text");
      if (note) note.value = use.getAttribute("data-note") || "";
      if (status) status.value = "proposed";
      field.focus();
    });
    document.addEventListener("keydown", function (event) {
      if (typing(event) && event.target.type !== "radio") return;
      if (event.ctrlKey || event.metaKey || event.altKey || event.key !== "s") return;
      event.preventDefault();
      suggested.requestSubmit ? suggested.requestSubmit() : suggested.submit();
    });
  }

  /* ---- Import jobs: follow a queued or running job until it ends -------------------- */
  function followJob(item) {
    var url = item.getAttribute("data-job-json");
    var bar = item.querySelector("progress");
    var state = item.querySelector(".job-state");
    var text = item.querySelector(".job-message");
    function poll() {
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
        .then(function (data) {
          var job = data.job;
          bar.value = job.progress;
          text.textContent = job.message || "";
          if (job.state === "done" || job.state === "failed") {
            location.reload();  // the new document in the list, the link to it
            return;
          }
          state.textContent = job.state_label || job.state;
          setTimeout(poll, 1000);
        })
        .catch(function () { setTimeout(poll, 5000); });
    }
    setTimeout(poll, 500);
  }
  document.querySelectorAll("[data-job-json]").forEach(followJob);
})();
