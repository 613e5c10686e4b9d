// Search in the offline copy, opened as files (file://), where browsers refuse a Worker: Material's
// search worker runs in a hidden frame of the page instead, as squidfunk's iframe-worker shim does.
// Only the offline copy's pages load this file (generator/site/offline.py). Unlike that shim, it
// writes no inline script into the frame, so the pages' Content-Security-Policy stays as it is online.
(function () {
  "use strict";
  if (location.protocol !== "file:") return;

  function load(scope, src) {
    return new Promise(function (resolve, reject) {
      var script = scope.document.createElement("script");
      script.src = new URL(src, location.href).href;
      script.onload = resolve;
      script.onerror = reject;
      scope.document.body.appendChild(script);
    });
  }

  class FrameWorker extends EventTarget {
    constructor(url) {
      super();
      var frame = document.createElement("iframe");
      frame.hidden = true;
      document.body.appendChild(frame);
      this.frame = frame;
      var scope = frame.contentWindow;
      var worker = this;
      // What the worker's script calls: postMessage answers the page, importScripts loads its helpers.
      scope.postMessage = function (data) {
        var event = new MessageEvent("message", { data: data });
        worker.dispatchEvent(event);
        if (worker.onmessage) worker.onmessage(event);
      };
      scope.importScripts = function () {
        return Array.prototype.reduce.call(arguments, function (done, src) {
          return done.then(function () { return load(scope, src); });
        }, Promise.resolve());
      };
      this.ready = load(scope, url);
    }

    postMessage(data) {
      var scope = this.frame.contentWindow;
      this.ready.then(function () {
        scope.dispatchEvent(new MessageEvent("message", { data: structuredClone(data) }));
      });
    }

    terminate() {
      this.frame.remove();
    }
  }

  window.IFrameWorker = FrameWorker; // the search worker looks for this name to find its own folder
  window.Worker = FrameWorker;
})();
