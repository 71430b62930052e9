// Follows running runs without reloading: polls each one's JSON status every second and updates its state,
// stage and progress bars in place; reloads once when a run ends so that counts, outcomes and downloads appear.
// Used by a run's page (the whole page follows one run) and by the runs list (each running row follows its run).
(function () {
  "use strict";
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

  function apply(scope, status) {
    setState(scope.querySelector("[data-run-state]"), status.state);
    var overall = scope.querySelector("[data-run-progress]");
    if (overall) {
      overall.value = status.fraction;
    }
    var done = scope.querySelector("[data-run-stages-done]");
    if (done) {
      done.textContent = String(status.stagesDone);
    }
    var current = scope.querySelector("[data-run-stage]");
    if (current) {
      current.textContent = status.currentStage || "—";
    }
    status.stages.forEach(function (stage) {
      var row = scope.querySelector('tr[data-stage="' + CSS.escape(stage.name) + '"]');
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

  function watch(scope, url) {
    function poll() {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("status " + response.status);
          }
          return response.json();
        })
        .then(function (status) {
          apply(scope, status);
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
  }

  var card = document.querySelector("[data-run-status]");
  if (card && card.getAttribute("data-run-active") === "true") {
    watch(document, card.getAttribute("data-run-status"));
  }
  // Razor always renders data- attributes; rows of finished runs carry an empty one.
  document.querySelectorAll("tr[data-run-row]:not([data-run-row=''])").forEach(function (row) {
    watch(row, row.getAttribute("data-run-row"));
  });
})();
