/**
 * The interactive 3-D hull view of the HTML report: a canvas drawn by an inline script
 * (no network), rotating with the mouse, with a legend whose entries toggle the tiers
 * and a caption saying what the marks are.
 */
import { escapeXml } from '../../common/svgText.js';
import type { FlexModelResult } from '../sweep/flexModelResult.js';
import { hullViewData, type HullView } from './hullViewData.js';

// Orthographic projection after yaw/pitch rotation, painter's order by depth. Axes run
// from the low corner of the data's bounding box to its high values (listed top left, MW).
const VIEWER_JS = `
(function () {
  var views = JSON.parse(document.getElementById('flex-data').textContent);
  document.querySelectorAll('canvas.hull3d').forEach(function (canvas) {
    var view = views[canvas.dataset.model];
    var ctx = canvas.getContext('2d');
    var yaw = 0.7, pitch = 0.45, dragging = null;
    var shown = view.tiers.map(function () { return true; });
    var all = [view.base];
    view.tiers.forEach(function (t) { t.points.forEach(function (p) { all.push(p); }); });
    var lo = [0, 1, 2].map(function (i) { return Math.min.apply(null, all.map(function (p) { return p[i]; })); });
    var hi = [0, 1, 2].map(function (i) { return Math.max.apply(null, all.map(function (p) { return p[i]; })); });
    var mid = [0, 1, 2].map(function (i) { return (lo[i] + hi[i]) / 2; });
    var span = Math.max(1e-6, Math.max(hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]));
    function project(p) {
      var x = (p[0] - mid[0]) / span, y = (p[1] - mid[1]) / span, z = (p[2] - mid[2]) / span;
      var cx = Math.cos(yaw), sx = Math.sin(yaw), cp = Math.cos(pitch), sp = Math.sin(pitch);
      var x1 = cx * x - sx * y, y1 = sx * x + cx * y;
      var y2 = cp * y1 - sp * z, z2 = sp * y1 + cp * z;
      var s = Math.min(canvas.width, canvas.height) * 0.55;
      return [canvas.width / 2 + s * x1, canvas.height / 2 - s * z2, y2];
    }
    function fmt(v) { return (Math.round(v * 100) / 100).toFixed(2).replace(/^-/, '\u2212'); }
    // Text with a white halo, kept inside the canvas.
    function label(text, x, y) {
      ctx.font = '12px sans-serif'; ctx.lineWidth = 3; ctx.strokeStyle = '#ffffff'; ctx.fillStyle = '#222222';
      var w = ctx.measureText(text).width;
      x = Math.max(4, Math.min(x, canvas.width - w - 4)); y = Math.max(14, Math.min(y, canvas.height - 6));
      ctx.strokeText(text, x, y); ctx.fillText(text, x, y);
    }
    function axisEnds() {
      return [0, 1, 2].map(function (i) { var end = lo.slice(); end[i] = hi[i]; return project(end); });
    }
    function drawAxes() {
      var o = project(lo);
      ctx.strokeStyle = '#888888'; ctx.lineWidth = 1;
      axisEnds().forEach(function (q) { ctx.beginPath(); ctx.moveTo(o[0], o[1]); ctx.lineTo(q[0], q[1]); ctx.stroke(); });
    }
    // Axis key: which way each station's load grows on screen (bottom left, clear of the data),
    // and the range of every axis with its unit (top left).
    function drawAxisKey() {
      var o = project(lo), gx = 60, gy = canvas.height - 60;
      axisEnds().forEach(function (q, i) {
        var dx = q[0] - o[0], dy = q[1] - o[1], len = Math.max(1e-9, Math.hypot(dx, dy)), ex = gx + 40 * dx / len, ey = gy + 40 * dy / len;
        ctx.strokeStyle = '#444444'; ctx.lineWidth = 1.5;
        ctx.beginPath(); ctx.moveTo(gx, gy); ctx.lineTo(ex, ey); ctx.stroke();
        label(view.stations[i], ex + (dx >= 0 ? 4 : -4 - ctx.measureText(view.stations[i]).width), ey + (dy >= 0 ? 12 : -2));
        label(view.stations[i], q[0] + 4, q[1] + 4);
      });
      view.axes.forEach(function (a, i) { label(a + ': axis from ' + fmt(lo[i]) + ' to ' + fmt(hi[i]), 8, 18 + 16 * i); });
    }
    function draw() {
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      drawAxes();
      // Labels under the translucent hull: the data's marks stay on top.
      drawAxisKey();
      var tris = [];
      view.tiers.forEach(function (t, k) {
        if (!shown[k]) return;
        var pr = t.points.map(project);
        t.triangles.forEach(function (f) {
          tris.push({ c: t.colour, fan: t.fan, p: [pr[f[0]], pr[f[1]], pr[f[2]]], d: (pr[f[0]][2] + pr[f[1]][2] + pr[f[2]][2]) / 3 });
        });
      });
      tris.sort(function (a, b) { return b.d - a.d; });
      tris.forEach(function (t) {
        ctx.beginPath(); ctx.moveTo(t.p[0][0], t.p[0][1]); ctx.lineTo(t.p[1][0], t.p[1][1]); ctx.lineTo(t.p[2][0], t.p[2][1]); ctx.closePath();
        ctx.globalAlpha = 0.18; ctx.fillStyle = t.c; ctx.fill();
        // A flat hull's fan: stroke only the outer edge, the spokes from its centre are not edges.
        if (t.fan) { ctx.beginPath(); ctx.moveTo(t.p[1][0], t.p[1][1]); ctx.lineTo(t.p[2][0], t.p[2][1]); }
        ctx.globalAlpha = 0.7; ctx.strokeStyle = t.c; ctx.lineWidth = 1; ctx.stroke();
        ctx.globalAlpha = 1;
      });
      // Dots of the hull points, the largest budget first so a smaller tier's own points stay visible.
      for (var k = view.tiers.length - 1; k >= 0; k--) {
        if (!shown[k]) continue;
        var t = view.tiers[k];
        ctx.fillStyle = t.colour;
        t.points.slice(0, t.dots).forEach(function (p) {
          var q = project(p);
          ctx.fillRect(Math.round(q[0]) - 2, Math.round(q[1]) - 2, 5, 5);
        });
      }
      var b = project(view.base);
      ctx.fillStyle = view.baseColour; ctx.strokeStyle = '#ffffff'; ctx.lineWidth = 1;
      ctx.beginPath(); ctx.arc(Math.round(b[0]), Math.round(b[1]), 5, 0, 2 * Math.PI); ctx.fill(); ctx.stroke();
    }
    canvas.addEventListener('mousedown', function (e) { dragging = [e.clientX, e.clientY]; });
    window.addEventListener('mouseup', function () { dragging = null; });
    window.addEventListener('mousemove', function (e) {
      if (!dragging) return;
      yaw += (e.clientX - dragging[0]) * 0.01;
      pitch = Math.max(-1.5, Math.min(1.5, pitch + (e.clientY - dragging[1]) * 0.01));
      dragging = [e.clientX, e.clientY];
      draw();
    });
    document.querySelectorAll('input.tier-toggle[data-model="' + canvas.dataset.model + '"]').forEach(function (box) {
      box.addEventListener('change', function () { shown[Number(box.dataset.tier)] = box.checked; draw(); });
    });
    draw();
  });
})();
`;

/** The viewer script (once per page). */
export function hullViewerScript(): string {
  return VIEWER_JS;
}

/** The views of every three-station model, keyed by model, for the page's JSON data element. */
export function hullViews(results: readonly FlexModelResult[]): Record<string, HullView> {
  const views: Record<string, HullView> = {};
  for (const r of results) if (r.axes.length === 3) views[r.model] = hullViewData(r);
  return views;
}

/**
 * The canvas, its legend (a checkbox per tier, coloured like its marks, and the base
 * run) and its caption; for other than three axis stations a sentence pointing to
 * the projections.
 *
 * @example
 * hullViewerHtml(result); // '<figure class="hull3d">…'
 */
export function hullViewerHtml(result: FlexModelResult): string {
  const n = result.axes.length;
  if (n !== 3) return `<p>The 3-D view needs three axis stations (this region has ${n}); see the ranges${n > 1 ? ' and projections' : ''}.</p>`;
  const view = hullViewData(result);
  const toggles = view.tiers.map((t, k) =>
    `<label class="legend-item" data-series="tier-${k}" data-colour="${t.colour}"><input type="checkbox" class="tier-toggle" data-model="${result.model}" data-tier="${k}" checked> <span class="swatch" style="background:${t.colour}"></span> ${escapeXml(t.label)}</label>`).join(' ');
  const base = `<span class="legend-item" data-series="base" data-colour="${view.baseColour}"><span class="swatch dot" style="background:${view.baseColour}"></span> no coupons (base run)</span>`;
  return `<figure class="hull3d">
<canvas class="hull3d" data-model="${result.model}" width="640" height="480"></canvas>
<div class="legend">${toggles} ${base}</div>
<figcaption>Drag to rotate; tick a budget to show or hide its region. Shaded surfaces: each tier's hull (nested: a larger budget contains the smaller); squares: its boundary points, each a re-simulated co-simulation; dot: the load without coupons. Axes: station net load at ${escapeXml(result.time)} (charge − V2G), MW, from the low corner of the data.</figcaption>
</figure>`;
}
