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
        if (result) {
          result.textContent = s.status === "done"
            ? "Added " + s.added.length + (s.added.length === 1 ? " article, " : " articles, ") + s.already_stored + " already stored, " +
              s.skipped.length + " skipped; " + s.stories_changed.length + " stories changed."
            : s.error;
          s.skipped.forEach(function (k) {
            var d = document.createElement("div");
            d.className = "small";
            d.textContent = "skipped " + k.path + (k.line ? ":" + k.line : "") + ": " + k.reason;
            result.appendChild(d);
          });
        }
        return;
      }
      setTimeout(function () { poll(job); }, 700);
    })
    .catch(function () { setTimeout(function () { poll(job); }, 2000); });
}
