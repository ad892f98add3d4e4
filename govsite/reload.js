// govsite serve: reload the page after each rebuild; show build errors in an overlay on the last good page.
(function () {
  "use strict";
  var version = null;
  function overlay(errors) {
    var box = document.getElementById("govsite-overlay");
    if (!errors.length) { if (box) { box.remove(); } return; }
    if (!box) {
      box = document.createElement("div");
      box.id = "govsite-overlay";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:99999;background:rgba(20,20,20,.92);color:#fff;" +
        "font:16px/1.6 monospace;padding:2rem;overflow:auto;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = "govsite：构建出错，页面显示的是上一次成功的版本。请修改以下问题后保存：\n\n" + errors.join("\n");
  }
  function poll() {
    var request = new XMLHttpRequest();
    request.open("GET", "/__govsite/wait");
    if (version !== null) { request.setRequestHeader("X-Govsite-Version", String(version)); }
    request.onload = function () {
      var state = JSON.parse(request.responseText);
      if (version !== null && state.version !== version && !state.errors.length) { location.reload(); return; }
      version = state.version;
      overlay(state.errors);
      poll();
    };
    request.onerror = function () { setTimeout(poll, 1000); };
    request.send();
  }
  var first = new XMLHttpRequest();
  first.open("GET", "/__govsite/status");
  first.onload = function () {
    var state = JSON.parse(first.responseText);
    version = state.version;
    overlay(state.errors);
    poll();
  };
  first.send();
})();
