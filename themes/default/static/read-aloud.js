/* govsite 语音朗读: reads a document's title and main text aloud with the browser's own speech synthesis
   (window.speechSynthesis; nothing is sent anywhere), one sentence at a time, the sentence being read
   highlighted (span.read-sentence.is-reading). Sentences end at 。！？；!? and at line ends (block elements,
   <br>). The controls (.read-aloud) show only when the browser has speech synthesis (html.has-speech, set by
   a11y.js). Loaded with defer on document pages only. */
(function () {
  "use strict";
  var synth = window.speechSynthesis;
  var Utterance = window.SpeechSynthesisUtterance;
  var bar = document.querySelector("[data-read-aloud]");
  if (!bar || !synth || !Utterance) {
    return;
  }
  var playButton = bar.querySelector("[data-read-play]");
  var pauseButton = bar.querySelector("[data-read-pause]");
  var stopButton = bar.querySelector("[data-read-stop]");
  var statusText = bar.querySelector("[data-read-status]");
  var ENDS = "。！？；!?";
  var CLOSERS = "”’」』）)\"'";
  var BLOCKS = /^(P|LI|H[1-6]|TD|TH|DT|DD|BLOCKQUOTE|PRE|FIGCAPTION|CAPTION|DIV|SECTION|ARTICLE|TR|TABLE|UL|OL|DL)$/;
  var SKIP = "script, style, [hidden], [aria-hidden='true'], .visually-hidden, .heading-anchor, [data-read-skip]";
  var SPOKEN = /[^\s。！？；!?，、,.：:；;“”‘’"'（）()《》〈〉【】\-—…·]/;
  var lang = document.documentElement.lang || "zh-CN";

  var sentences = null; /* [{text, spans}] once the text has been split */
  var current = -1;
  var state = "idle"; /* idle | playing | paused */
  var generation = 0; /* bumped on stop/restart: events of an older utterance are ignored */

  function blockOf(node) {
    var el = node.parentNode;
    while (el && el.nodeType === 1 && !BLOCKS.test(el.nodeName)) {
      el = el.parentNode;
    }
    return el;
  }

  /* The pieces [textNode, start, end] of each sentence, in reading order. */
  function split(roots) {
    var found = [];
    var pieces = [];
    function flush() {
      var text = pieces.map(function (p) {
        return p[0].data.slice(p[1], p[2]);
      }).join("").replace(/\s+/g, " ").trim();
      if (SPOKEN.test(text)) {
        found.push({ text: text, pieces: pieces });
      }
      pieces = [];
    }
    roots.forEach(function (rootEl) {
      var walker = document.createTreeWalker(rootEl, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
        acceptNode: function (node) {
          if (node.nodeType === 1) {
            if (node.nodeName === "BR") {
              return NodeFilter.FILTER_ACCEPT;
            }
            return node.matches(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP;
          }
          return NodeFilter.FILTER_ACCEPT;
        }
      });
      var block = null;
      var node;
      flush();
      while ((node = walker.nextNode())) {
        if (node.nodeType === 1) {
          flush(); /* <br>: a line end */
          continue;
        }
        var here = blockOf(node);
        if (here !== block) {
          flush();
          block = here;
        }
        var data = node.data;
        var start = 0;
        for (var i = 0; i < data.length; i++) {
          var ch = data.charAt(i);
          if (ch === "\n" && data.slice(start, i).trim() !== "") {
            pieces.push([node, start, i]);
            flush();
            start = i + 1;
          } else if (ENDS.indexOf(ch) >= 0) {
            var end = i + 1;
            while (end < data.length && (ENDS.indexOf(data.charAt(end)) >= 0 || CLOSERS.indexOf(data.charAt(end)) >= 0)) {
              end++;
            }
            pieces.push([node, start, end]);
            flush();
            start = end;
            i = end - 1;
          }
        }
        if (start < data.length) {
          pieces.push([node, start, data.length]);
        }
      }
      flush();
    });
    return found;
  }

  /* Wraps each sentence's pieces in span.read-sentence (a sentence across inline elements has several). */
  function wrap(found) {
    var byNode = new Map();
    found.forEach(function (sentence, index) {
      sentence.spans = [];
      sentence.pieces.forEach(function (p) {
        if (!byNode.has(p[0])) {
          byNode.set(p[0], []);
        }
        byNode.get(p[0]).push([p[1], p[2], index]);
      });
    });
    byNode.forEach(function (parts, node) {
      var data = node.data;
      var fragment = document.createDocumentFragment();
      var at = 0;
      parts.forEach(function (part) {
        if (part[0] > at) {
          fragment.appendChild(document.createTextNode(data.slice(at, part[0])));
        }
        var span = document.createElement("span");
        span.className = "read-sentence";
        span.textContent = data.slice(part[0], part[1]);
        found[part[2]].spans.push(span);
        fragment.appendChild(span);
        at = part[1];
      });
      if (at < data.length) {
        fragment.appendChild(document.createTextNode(data.slice(at)));
      }
      node.parentNode.replaceChild(fragment, node);
    });
    return found;
  }

  function text() {
    if (!sentences) {
      var roots = Array.prototype.slice.call(document.querySelectorAll("article.document h1, .document-body"));
      sentences = wrap(split(roots));
    }
    return sentences;
  }

  function highlight(index) {
    if (current >= 0 && sentences[current]) {
      sentences[current].spans.forEach(function (span) {
        span.classList.remove("is-reading");
      });
    }
    current = index;
    if (index >= 0 && sentences[index]) {
      sentences[index].spans.forEach(function (span) {
        span.classList.add("is-reading");
      });
      var first = sentences[index].spans[0];
      if (first && first.scrollIntoView) {
        first.scrollIntoView({ block: "nearest" });
      }
    }
  }

  function show(next, message) {
    state = next;
    pauseButton.hidden = next === "idle";
    stopButton.hidden = next === "idle";
    pauseButton.textContent = next === "paused" ? "继续" : "暂停";
    playButton.textContent = next === "idle" ? "朗读全文" : "从头朗读";
    statusText.textContent = message;
  }

  function speak(index) {
    var list = text();
    if (index >= list.length) {
      highlight(-1);
      show("idle", "朗读结束");
      return;
    }
    highlight(index);
    var mine = generation;
    var utterance = new Utterance(list[index].text);
    utterance.lang = lang;
    utterance.onend = function () {
      if (mine === generation && state !== "idle") {
        speak(index + 1);
      }
    };
    utterance.onerror = function (event) {
      if (mine === generation && event && event.error !== "interrupted" && event.error !== "canceled") {
        stop("朗读出错，已停止");
      }
    };
    synth.speak(utterance);
  }

  function play() {
    generation++;
    synth.cancel();
    show("playing", "正在朗读");
    if (text().length === 0) {
      show("idle", "本页没有可朗读的正文");
      return;
    }
    speak(0);
  }

  function stop(message) {
    generation++;
    synth.cancel();
    highlight(-1);
    show("idle", message);
  }

  playButton.addEventListener("click", play);
  pauseButton.addEventListener("click", function () {
    if (state === "playing") {
      synth.pause();
      show("paused", "已暂停");
    } else if (state === "paused") {
      synth.resume();
      show("playing", "正在朗读");
    }
  });
  stopButton.addEventListener("click", function () {
    stop("已停止");
    playButton.focus();
  });
  window.addEventListener("pagehide", function () {
    if (state !== "idle") {
      stop("");
    }
  });
})();
