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

  function all() { mark(document); labelCells(document); }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(all);      // also after instant navigation
  } else {
    all();
  }
})();
