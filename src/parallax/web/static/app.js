// Parallax web app: small progressive enhancements. Served by the app itself; the pages work without it.
"use strict";

// /articles/ID#120-164 -> the server-side highlight (?hl=120-164), which marks the span with <mark id="hl">.
(function () {
  var m = /^#(\d+)-(\d+)$/.exec(window.location.hash);
  if (m && window.location.pathname.indexOf("/articles/") === 0 && !/[?&]hl=/.test(window.location.search)) {
    window.location.replace(window.location.pathname + "?hl=" + m[1] + "-" + m[2] + "#hl");
  }
})();

document.addEventListener("DOMContentLoaded", function () {
  // Annotation layer toggles on the article page.
  var text = document.getElementById("article-text");
  document.querySelectorAll("#layer-toggles input[data-layer]").forEach(function (box) {
    box.addEventListener("change", function () {
      if (text) text.classList.toggle("hide-" + box.getAttribute("data-layer"), !box.checked);
    });
  });
  var mark = document.getElementById("hl");
  if (mark) mark.scrollIntoView({ block: "center" });

  // Forms that change the store ask first (the CSP allows no inline handlers).
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
    });
  });

  // Ingest progress: poll the job until it is done or failed.
  var job = document.getElementById("job");
  if (job && (job.dataset.status === "queued" || job.dataset.status === "running")) poll(job);
});

function poll(job) {
  var id = job.dataset.job;
  fetch("/api/ingest/" + encodeURIComponent(id), { headers: { Accept: "application/json" } })
    .then(function (r) { return r.json(); })
    .then(function (s) {
      var bar = document.getElementById("job-progress");
      var status = document.getElementById("job-status");
      var result = document.getElementById("job-result");
      if (bar) bar.value = s.step_index;
      if (status) {
        status.textContent = "";
        var b = document.createElement("b");
        b.textContent = s.status;
        status.appendChild(b);
        status.appendChild(document.createTextNode(" · step: " + s.step + (s.total ? " (" + s.done + "/" + s.total + ")" : "")));
      }
      job.dataset.status = s.status;
      if (s.status === "done" || s.status === "failed") {
        // The page renders the outcome (counts, skipped inputs, stage failures, links to the stories).
        window.location.reload();
        return;
      }
      setTimeout(function () { poll(job); }, 700);
    })
    .catch(function () { setTimeout(function () { poll(job); }, 2000); });
}
