// Progressive enhancement of a background job's progress page
// (core/templates/core/admin/job.html): asks for the job's state every two
// seconds and updates the page; reloads it once the job has finished, to
// show the report. Without JavaScript the page's "Refresh" link does the same.
(function () {
    "use strict";
    var section = document.querySelector("[data-job-progress]");
    if (!section || !window.fetch) {
        return;
    }
    var url = section.getAttribute("data-status-url");
    var label = section.querySelector("[data-job-status-label]");
    var step = section.querySelector("[data-job-step]");
    var bar = section.querySelector("[data-job-bar]");
    var count = section.querySelector("[data-job-count]");

    function update(state) {
        if (state.finished) {
            window.location.reload();
            return;
        }
        if (label) { label.textContent = state.status_label; }
        if (step) { step.textContent = state.step; }
        if (bar && state.total) {
            bar.max = state.total;
            bar.value = state.done;
        }
        if (count && state.total) {
            count.textContent = state.done + " / " + state.total + " (" + state.percent + "%)";
        }
        window.setTimeout(poll, 2000);
    }

    function poll() {
        window.fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
            .then(function (response) { return response.ok ? response.json() : null; })
            .then(function (state) { if (state) { update(state); } })
            .catch(function () { window.setTimeout(poll, 5000); });
    }

    window.setTimeout(poll, 2000);
}());
