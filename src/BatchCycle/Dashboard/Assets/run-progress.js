// Follows a running run without reloading: polls its JSON status every second and updates the stage rows;
// reloads once when the run ends so that outcomes, issues and downloads appear.
(function () {
  "use strict";
  var card = document.querySelector("[data-run-status]");
  if (!card || card.getAttribute("data-run-active") !== "true") {
    return;
  }

  var url = card.getAttribute("data-run-status");
  var labels = {
    Running: "运行中 Running",
    Completed: "已完成 Completed",
    Failed: "失败 Failed",
    Interrupted: "已中断 Interrupted",
    Pending: "等待 Pending"
  };

  function setState(element, state) {
    if (!element) {
      return;
    }
    element.textContent = labels[state] || state;
    element.className = "state " + state.toLowerCase();
  }

  function apply(status) {
    setState(document.querySelector("[data-run-state]"), status.state);
    var overall = document.querySelector("[data-run-progress]");
    if (overall) {
      overall.value = status.fraction;
    }
    var done = document.querySelector("[data-run-stages-done]");
    if (done) {
      done.textContent = String(status.stagesDone);
    }
    status.stages.forEach(function (stage) {
      var row = document.querySelector('tr[data-stage="' + CSS.escape(stage.name) + '"]');
      if (!row) {
        return;
      }
      setState(row.querySelector("[data-stage-state]"), stage.state);
      var bar = row.querySelector("[data-stage-progress]");
      if (bar) {
        bar.value = stage.progress;
      }
    });
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("status " + response.status);
        }
        return response.json();
      })
      .then(function (status) {
        apply(status);
        if (status.active) {
          window.setTimeout(poll, 1000);
        } else {
          window.location.reload();
        }
      })
      .catch(function () {
        window.setTimeout(poll, 3000);
      });
  }

  window.setTimeout(poll, 1000);
})();
