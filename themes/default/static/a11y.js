/* govsite 无障碍/适老化 tools: text size steps, high contrast, large cursor, more line spacing, the 适老模式
   preset, and the phone menu. Loaded in <head> without defer, so that the saved settings are on <html>
   before the first paint (no flash); the buttons are wired once the page is parsed.
   Settings live in localStorage under "govsite-a11y" (JSON); the old 适老模式 flag "govsite-reading-mode"
   is read once and becomes the preset. Without JavaScript none of this shows (html.js gates it in CSS). */
(function () {
  "use strict";
  var KEY = "govsite-a11y";
  var OLD_KEY = "govsite-reading-mode";
  var SIZES = ["100", "125", "150", "200"];
  var TOGGLES = ["contrast", "cursor", "spacing"];
  var PRESET = { size: "150", contrast: true, cursor: true, spacing: true };
  var root = document.documentElement;

  function defaults() {
    return { size: "100", contrast: false, cursor: false, spacing: false };
  }

  function clean(raw) {
    var s = defaults();
    if (raw && typeof raw === "object") {
      if (SIZES.indexOf(String(raw.size)) >= 0) {
        s.size = String(raw.size);
      }
      for (var i = 0; i < TOGGLES.length; i++) {
        s[TOGGLES[i]] = raw[TOGGLES[i]] === true;
      }
    }
    return s;
  }

  function load() {
    try {
      var stored = window.localStorage.getItem(KEY);
      if (stored) {
        return clean(JSON.parse(stored));
      }
      var old = window.localStorage.getItem(OLD_KEY);
      if (old === "1" || old === "true" || old === "on") {
        var migrated = clean(PRESET);
        save(migrated);
        return migrated;
      }
    } catch (e) {
      /* unreadable or unavailable storage: the defaults */
    }
    return defaults();
  }

  function save(s) {
    try {
      if (isDefault(s)) {
        window.localStorage.removeItem(KEY);
      } else {
        window.localStorage.setItem(KEY, JSON.stringify(s));
      }
      window.localStorage.removeItem(OLD_KEY);
    } catch (e) {
      /* storage unavailable (private mode, disabled): the settings last for this page only */
    }
  }

  function same(a, b) {
    if (a.size !== b.size) {
      return false;
    }
    for (var i = 0; i < TOGGLES.length; i++) {
      if (a[TOGGLES[i]] !== b[TOGGLES[i]]) {
        return false;
      }
    }
    return true;
  }

  function isDefault(s) {
    return same(s, defaults());
  }

  function applyToRoot(s) {
    if (s.size === "100") {
      root.removeAttribute("data-text-size");
    } else {
      root.setAttribute("data-text-size", s.size);
    }
    for (var i = 0; i < TOGGLES.length; i++) {
      root.classList.toggle("a11y-" + TOGGLES[i], s[TOGGLES[i]]);
    }
  }

  var state = load();
  root.classList.add("js");
  if (window.speechSynthesis && window.SpeechSynthesisUtterance) {
    root.classList.add("has-speech");
  }
  applyToRoot(state);

  function all(selector) {
    return Array.prototype.slice.call(document.querySelectorAll(selector));
  }

  function showState() {
    all("input[data-a11y-size]").forEach(function (input) {
      input.checked = input.value === state.size;
    });
    all("button[data-a11y-toggle]").forEach(function (button) {
      var on = state[button.getAttribute("data-a11y-toggle")] === true;
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
    all("button[data-a11y-preset]").forEach(function (button) {
      button.setAttribute("aria-pressed", same(state, clean(PRESET)) ? "true" : "false");
    });
  }

  function change(next) {
    state = clean(next);
    applyToRoot(state);
    save(state);
    showState();
  }

  function copy() {
    return clean(state);
  }

  /* A disclosure: a button with aria-expanded that shows or hides the element named by aria-controls;
     Escape inside it closes it and gives the focus back to the button. */
  function disclosure(button, onToggle) {
    var target = document.getElementById(button.getAttribute("aria-controls"));
    if (!target) {
      return;
    }
    function set(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      onToggle(target, open);
    }
    button.addEventListener("click", function () {
      set(button.getAttribute("aria-expanded") !== "true");
    });
    function escape(event) {
      if ((event.key === "Escape" || event.key === "Esc") && button.getAttribute("aria-expanded") === "true") {
        set(false);
        button.focus();
        event.preventDefault();
      }
    }
    target.addEventListener("keydown", escape);
    button.addEventListener("keydown", escape);
    set(false);
    return set;
  }

  function wireTools() {
    all("input[data-a11y-size]").forEach(function (input) {
      input.addEventListener("change", function () {
        if (input.checked) {
          var next = copy();
          next.size = input.value;
          change(next);
        }
      });
    });
    all("button[data-a11y-toggle]").forEach(function (button) {
      button.addEventListener("click", function () {
        var name = button.getAttribute("data-a11y-toggle");
        var next = copy();
        next[name] = !next[name];
        change(next);
      });
    });
    all("button[data-a11y-preset]").forEach(function (button) {
      button.addEventListener("click", function () {
        change(same(state, clean(PRESET)) ? defaults() : PRESET);
      });
    });
    all("button[data-a11y-reset]").forEach(function (button) {
      button.addEventListener("click", function () {
        change(defaults());
      });
    });
    all("button[data-a11y-open]").forEach(function (button) {
      var set = disclosure(button, function (panel, open) {
        panel.hidden = !open;
      });
      all("button[data-a11y-close]").forEach(function (close) {
        close.addEventListener("click", function () {
          if (set) {
            set(false);
          }
          button.focus();
        });
      });
    });
    all("button[data-nav-toggle]").forEach(function (button) {
      disclosure(button, function (list, open) {
        list.parentNode.classList.toggle("is-open", open);
      });
    });
    showState();
  }

  /* Another tab changed the settings: follow it. */
  window.addEventListener("storage", function (event) {
    if (event.key === KEY) {
      state = load();
      applyToRoot(state);
      showState();
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wireTools);
  } else {
    wireTools();
  }
})();
