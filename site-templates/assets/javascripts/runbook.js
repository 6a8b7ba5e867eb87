/* Runbook pages: label each command block a check or a run. The engine titles every block
   "HOST · check", "HOST · run", "HOST · run, then restart" or "HOST · check, waits for HOST2";
   this reads the kind from that title and marks the block, so the stylesheet can set the two
   apart by colour, border, icon and label (on screen and in print). It also names each table
   cell by its column (data-label), which narrow screens show when a row becomes a card.
   Text only: nothing read from the page is parsed as HTML. */
(function () {
  "use strict";
  var KIND = / · (check|run)(?:,|$)/;
  var SAYS = {
    check: ["Check", "Succeeds when the step is already done on this host; changes nothing."],
    run: ["Run", "Makes the change on this host (the scripts run it only when the step's checks fail)."]
  };

  function label(kind) {
    var badge = document.createElement("span");
    badge.className = "runbook-kind runbook-kind--" + kind;
    var icon = document.getElementById("runbook-icon-" + kind);
    if (icon) badge.appendChild(icon.content.cloneNode(true));
    badge.appendChild(document.createTextNode(SAYS[kind][0]));
    return badge;
  }

  function mark(root) {
    root.querySelectorAll(".highlight > .filename").forEach(function (title) {
      var block = title.parentElement;
      var found = KIND.exec(title.textContent);
      if (!found || block.classList.contains("runbook-block")) return;
      var kind = found[1];
      block.classList.add("runbook-block", "runbook-block--" + kind);
      title.title = SAYS[kind][1];
      title.insertBefore(label(kind), title.firstChild);
    });
  }

  function labelCells(root) {
    root.querySelectorAll(".md-typeset table:not([class])").forEach(function (table) {
      var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.trim();
      });
      table.querySelectorAll("tbody tr").forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, i) {
          if (heads[i]) cell.setAttribute("data-label", heads[i]);
        });
      });
    });
  }

  /* The fleet dashboard: show only the sites whose name matches, or that have a stage in a
     given state (read from the badges' classes: runbook-badge--failed...). */
  var STATES = [["", "every state"], ["failed", "failed"], ["stale", "stale"], ["blocked", "blocked"],
                ["none", "not verified"], ["attested", "attested"], ["passed", "passed"]];

  function filterFleet(root) {
    var fleet = root.querySelector(".runbook-fleet");
    if (!fleet || fleet.previousElementSibling && fleet.previousElementSibling.className === "runbook-fleet-filter") return;
    var bar = document.createElement("div");
    bar.className = "runbook-fleet-filter";
    var text = document.createElement("input");
    text.type = "search";
    text.placeholder = "Site name";
    text.setAttribute("aria-label", "Show the sites whose name holds this");
    var state = document.createElement("select");
    state.setAttribute("aria-label", "Show the sites with a stage in this state");
    STATES.forEach(function (pair) {
      var option = document.createElement("option");
      option.value = pair[0];
      option.textContent = pair[0] ? "with a stage " + pair[1] : pair[1];
      state.appendChild(option);
    });
    var shown = document.createElement("span");
    shown.setAttribute("aria-live", "polite");
    bar.appendChild(text);
    bar.appendChild(state);
    bar.appendChild(shown);
    fleet.parentNode.insertBefore(bar, fleet);

    function apply() {
      var words = text.value.trim().toLowerCase(), wanted = state.value, count = 0;
      fleet.querySelectorAll("table").forEach(function (table) {
        var visible = 0;
        table.querySelectorAll("tbody tr").forEach(function (row) {
          var ok = (!words || row.cells[0].textContent.toLowerCase().indexOf(words) >= 0) &&
                   (!wanted || row.querySelector(".runbook-badge--" + wanted) !== null);
          row.hidden = !ok;
          if (ok) visible += 1;
        });
        var wrap = table.closest(".md-typeset__scrollwrap") || table;
        wrap.hidden = visible === 0;
        var heading = wrap.previousElementSibling;
        if (heading && heading.tagName === "H2") heading.hidden = visible === 0;
        count += visible;
      });
      shown.textContent = count + " site(s) shown";
    }
    text.addEventListener("input", apply);
    state.addEventListener("change", apply);
    apply();
  }

  function all() { mark(document); labelCells(document); filterFleet(document); }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(all);      // also after instant navigation
  } else {
    all();
  }
})();
