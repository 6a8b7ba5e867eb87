/* Runbook pages: label each command block a check or a run. The engine titles every block
   "HOST · check", "HOST · run", "HOST · run, then restart" or "HOST · check, waits for HOST2";
   this reads the kind from that title and marks the block, so the stylesheet can set the two
   apart by colour, border, icon and label (on screen and in print). Text only: nothing of
   the title is parsed as HTML. */
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

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { mark(document); });   // also after instant navigation
  } else {
    mark(document);
  }
})();
