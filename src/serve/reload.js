// Materia live reload: injected by `materia serve` only, never by `materia build`.
(function () {
  "use strict";
  var KEY = "materia-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(KEY);
  if (saved !== null) {
    sessionStorage.removeItem(KEY);
    var y = parseInt(saved, 10);
    var restore = function () { window.scrollTo(0, y); };
    if (document.readyState === "complete") { restore(); } else { window.addEventListener("load", restore); }
  }
  var build = null;

  function reload() {
    sessionStorage.setItem(KEY, String(window.scrollY));
    location.reload();
  }

  function swapStyles() {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href);
      url.searchParams.set("materia-reload", String(Date.now()));
      links[i].href = url.toString();
    }
  }

  function overlay(errors) {
    var old = document.getElementById("materia-overlay");
    if (old) { old.remove(); }
    if (!errors || errors.length === 0) { return; }
    var box = document.createElement("div");
    box.id = "materia-overlay";
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-label", "Build errors");
    box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.92);color:#fff;font:14px/1.5 ui-monospace,monospace;padding:2rem";
    var title = document.createElement("h2");
    title.textContent = "Materia: the last save did not build (" + errors.length + (errors.length === 1 ? " error)" : " errors)");
    title.style.cssText = "color:#ff8a80;font:bold 18px system-ui,sans-serif;margin:0 0 1rem";
    box.appendChild(title);
    errors.forEach(function (e) {
      var item = document.createElement("pre");
      item.style.cssText = "white-space:pre-wrap;background:#2b2b2b;border-left:4px solid #ff5252;padding:.75rem 1rem;margin:0 0 1rem";
      item.textContent = (e.location ? e.location + "\n" : "") + e.message + (e.hint ? "\nhelp: " + e.hint : "");
      box.appendChild(item);
    });
    var note = document.createElement("p");
    note.textContent = "The page shows the last good build. Fix the file and save: this page reloads by itself.";
    box.appendChild(note);
    document.body.appendChild(box);
  }

  function connect() {
    var source = new EventSource("/__materia/events");
    source.addEventListener("hello", function (ev) {
      var data = JSON.parse(ev.data);
      if (build !== null && data.build !== build) { reload(); return; }
      build = data.build;
      overlay(data.errors);
    });
    source.addEventListener("reload", function (ev) {
      build = JSON.parse(ev.data).build;
      reload();
    });
    source.addEventListener("css", function (ev) {
      build = JSON.parse(ev.data).build;
      swapStyles();
      overlay([]);
    });
    source.addEventListener("errors", function (ev) {
      overlay(JSON.parse(ev.data).errors);
    });
  }
  connect();
})();
