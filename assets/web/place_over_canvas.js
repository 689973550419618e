// window.parleyPlaceOverCanvas(element, x, y, w, h, displayWidth, extra, holes): lays a fixed-position
// page element over the rectangle (x, y, w, h) of the canvas, in app units of a canvas `displayWidth`
// wide, with `holes` ("x y w h,…" in the same units: the canvas's windows drawn in front of it) cut out
// of it, so those windows show through and get the pointer there. Returns the CSS pixels per app unit
// when the element moved, its holes or `extra` (what else the caller styles from the same place)
// changed, and null when it already lies there as asked. forget(element) makes the next call place it
// again (after the element was hidden). Loaded before the scripts that use it.
(function () {
  'use strict';
  var placed = new WeakMap();

  // The element's shape in its own CSS pixels: the whole box, less each hole (even-odd fill).
  function clipPath(w, h, holes, x, y, k) {
    var rects = holes ? holes.split(',') : [];
    if (!rects.length) return 'none';
    var path = 'M0 0H' + w + 'V' + h + 'H0Z';
    rects.forEach(function (rect) {
      var r = rect.trim().split(/\s+/).map(Number);
      if (r.length !== 4 || r.some(isNaN)) return;
      var left = (r[0] - x) * k, top = (r[1] - y) * k, right = left + r[2] * k, bottom = top + r[3] * k;
      path += 'M' + left + ' ' + top + 'H' + right + 'V' + bottom + 'H' + left + 'Z';
    });
    return 'path(evenodd, "' + path + '")';
  }

  function placeOverCanvas(element, x, y, w, h, displayWidth, extra, holes) {
    var canvas = document.getElementById('canvas');
    var box = canvas.getBoundingClientRect(), k = displayWidth > 0 ? box.width / displayWidth : 1;
    var key = [x, y, w, h, k, box.left, box.top, extra === undefined ? '' : extra, holes || ''].join('|');
    if (placed.get(element) === key) return null;
    placed.set(element, key);
    var s = element.style;
    s.left = (box.left + x * k) + 'px';
    s.top = (box.top + y * k) + 'px';
    s.width = (w * k) + 'px';
    s.height = (h * k) + 'px';
    s.clipPath = clipPath(w * k, h * k, holes, x, y, k);
    return k;
  }
  placeOverCanvas.forget = function (element) { placed.delete(element); };
  window.parleyPlaceOverCanvas = placeOverCanvas;
})();
