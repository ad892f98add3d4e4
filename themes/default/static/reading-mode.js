/* govsite 适老模式 (reading mode): larger text, high contrast.
   Loaded in <head> without defer so the class is set before the first paint. */
(function () {
  "use strict";
  var KEY = "govsite-reading-mode";
  var CLASS = "reading-mode";
  var root = document.documentElement;

  function load() {
    try {
      var v = window.localStorage.getItem(KEY);
      return v === "1" || v === "true" || v === "on";
    } catch (e) {
      return false;
    }
  }

  function save(on) {
    try {
      if (on) {
        window.localStorage.setItem(KEY, "1");
      } else {
        window.localStorage.removeItem(KEY);
      }
    } catch (e) {
      /* storage unavailable (private mode, disabled): the mode lasts for this page only */
    }
  }

  function apply(on) {
    root.classList.toggle(CLASS, on);
    var buttons = document.querySelectorAll("button[data-reading-mode-toggle]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", on ? "true" : "false");
      buttons[i].textContent = on ? "标准模式" : "适老模式";
    }
  }

  if (load()) {
    root.classList.add(CLASS);
  }

  function wire() {
    var buttons = document.querySelectorAll("button[data-reading-mode-toggle]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener("click", function () {
        var on = !root.classList.contains(CLASS);
        apply(on);
        save(on);
      });
    }
    apply(root.classList.contains(CLASS));
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wire);
  } else {
    wire();
  }
})();
