// window.parleyPlaceOverCanvas(element, x, y, w, h, displayWidth, extra): lays a fixed-position page
// element over the rectangle (x, y, w, h) of the canvas, in app units of a canvas `displayWidth` wide.
// Returns the CSS pixels per app unit when the element moved or `extra` (what else the caller styles
// from the same place) changed, and null when it already lies there as asked. forget(element) makes
// the next call place it again (after the element was hidden). Loaded before the scripts that use it.
(function () {
  'use strict';
  var placed = new WeakMap();

  function placeOverCanvas(element, x, y, w, h, displayWidth, extra) {
    var canvas = document.getElementById('canvas');
    var box = canvas.getBoundingClientRect(), k = displayWidth > 0 ? box.width / displayWidth : 1;
    var key = [x, y, w, h, k, box.left, box.top, extra === undefined ? '' : extra].join('|');
    if (placed.get(element) === key) return null;
    placed.set(element, key);
    var s = element.style;
    s.left = (box.left + x * k) + 'px';
    s.top = (box.top + y * k) + 'px';
    s.width = (w * k) + 'px';
    s.height = (h * k) + 'px';
    return k;
  }
  placeOverCanvas.forget = function (element) { placed.delete(element); };
  window.parleyPlaceOverCanvas = placeOverCanvas;
})();
