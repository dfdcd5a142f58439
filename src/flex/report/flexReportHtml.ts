/**
 * The self-contained HTML report of a flexibility study: tier table, static vs
 * dynamic comparison, an interactive 3-D hull view (inline canvas code, rotates
 * with the mouse, no network) and the 2-D projections.
 */
import { escapeXml } from '../../common/svgText.js';
import type { TierPlan } from '../plan/planTier.js';
import type { FlexModelResult } from '../sweep/flexModelResult.js';
import { compareModels } from './compareModels.js';
import { hullViewData } from './hullViewData.js';
import { projectionSvg, TIER_COLOURS } from './projectionSvg.js';

// The viewer: orthographic projection after yaw/pitch rotation, painter's order by depth.
const VIEWER_JS = `
(function () {
  var views = JSON.parse(document.getElementById('flex-data').textContent);
  document.querySelectorAll('canvas.hull3d').forEach(function (canvas) {
    var view = views[canvas.dataset.model];
    var ctx = canvas.getContext('2d');
    var yaw = 0.7, pitch = 0.45, dragging = null;
    var shown = view.tiers.map(function () { return true; });
    var all = [];
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
      var s = Math.min(canvas.width, canvas.height) * 0.62;
      return [canvas.width / 2 + s * x1, canvas.height / 2 - s * z2, y2];
    }
    function draw() {
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      var axes = [[hi[0] + 0.15 * span, mid[1], mid[2]], [mid[0], hi[1] + 0.15 * span, mid[2]], [mid[0], mid[1], hi[2] + 0.15 * span]];
      var o = project(mid);
      ctx.strokeStyle = '#888'; ctx.fillStyle = '#333'; ctx.font = '12px sans-serif';
      axes.forEach(function (a, i) {
        var q = project(a);
        ctx.beginPath(); ctx.moveTo(o[0], o[1]); ctx.lineTo(q[0], q[1]); ctx.stroke();
        ctx.fillText(view.axes[i], q[0] + 3, q[1]);
      });
      var tris = [];
      view.tiers.forEach(function (t, k) {
        if (!shown[k]) return;
        var pr = t.points.map(project);
        t.triangles.forEach(function (f) {
          tris.push({ k: k, p: [pr[f[0]], pr[f[1]], pr[f[2]]], d: (pr[f[0]][2] + pr[f[1]][2] + pr[f[2]][2]) / 3 });
        });
        pr.slice(0, t.triangles.length ? pr.length : pr.length).forEach(function (p) {
          ctx.fillStyle = view.colours[k % view.colours.length];
          ctx.fillRect(p[0] - 1.5, p[1] - 1.5, 3, 3);
        });
      });
      tris.sort(function (a, b) { return b.d - a.d; });
      tris.forEach(function (t) {
        ctx.beginPath(); ctx.moveTo(t.p[0][0], t.p[0][1]); ctx.lineTo(t.p[1][0], t.p[1][1]); ctx.lineTo(t.p[2][0], t.p[2][1]); ctx.closePath();
        ctx.globalAlpha = 0.22; ctx.fillStyle = view.colours[t.k % view.colours.length]; ctx.fill();
        ctx.globalAlpha = 0.8; ctx.strokeStyle = view.colours[t.k % view.colours.length]; ctx.stroke();
        ctx.globalAlpha = 1;
      });
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

/**
 * Render the report.
 *
 * @param results - one result per model
 * @param plans - tier plans, possibly empty
 * @param title - page title
 * @example
 * writeFileSync('report.html', flexReportHtml([dta, sta], [], 'reference'));
 */
export function flexReportHtml(results: readonly FlexModelResult[], plans: readonly TierPlan[], title: string): string {
  const views: Record<string, unknown> = {};
  for (const r of results) {
    views[r.model] = { axes: r.axes.slice(0, 3).map((s) => `${r.stations[s]} MW`), colours: TIER_COLOURS, tiers: hullViewData(r) };
  }
  const sections = results.map((r) => {
    const rows = r.tiers.map((t) => `<tr><td>${t.budgetYuan}</td><td>${t.hull.volume.toFixed(4)}</td><td>${t.volumeIncreasePct === undefined ? '–' : `${t.volumeIncreasePct.toFixed(1)} %`}</td><td>${t.hull.affineRank}</td><td>${t.hull.area === undefined ? '–' : t.hull.area.toFixed(4)}</td><td>${t.hull.constantTotal === undefined ? '–' : t.hull.constantTotal.toFixed(3)}</td><td>${t.rangeMw.map((x) => `[${x.min.toFixed(2)}, ${x.max.toFixed(2)}]`).join(' ')}</td><td>${t.vertices.length}</td></tr>`).join('\n');
    const toggles = r.tiers.map((t, k) => `<label style="color:${TIER_COLOURS[k % TIER_COLOURS.length]}"><input type="checkbox" class="tier-toggle" data-model="${r.model}" data-tier="${k}" checked> ${t.budgetYuan} ¥</label>`).join(' ');
    const n = r.axes.length;
    const viewer = n === 3
      ? `<canvas class="hull3d" data-model="${r.model}" width="560" height="440" style="border:1px solid #ccc;cursor:grab"></canvas><div>${toggles} — drag to rotate</div>`
      : `<p>3-D view needs three stations (this region has ${n}); see the projections.</p>`;
    return `<section><h2>${r.model.toUpperCase()} at ${escapeXml(r.time)} (t${r.timeIndex}, ${r.intervalMin}-min intervals)</h2>
<table><thead><tr><th>Budget ¥</th><th>Volume MW^${n}</th><th>Increase</th><th>Affine rank</th><th>Area MW^${n - 1}</th><th>Constant total MW</th><th>Ranges MW</th><th>Vertices</th></tr></thead><tbody>
${rows}</tbody></table>
<p>${r.run.runs.design + r.run.runs.search} co-simulation runs (${r.run.design.length} design probes); coupons on ${escapeXml(r.window.labels.join(', '))}.</p>
${viewer}
<div class="proj">${projectionSvg(r)}</div></section>`;
  });
  const comparison = results.length > 1
    ? `<section><h2>Static vs dynamic</h2><table><thead><tr><th>Model</th><th>Budget ¥</th><th>Dimension</th><th>Volume</th><th>Area</th><th>Constant total MW</th><th>± half-range per axis MW</th></tr></thead><tbody>${compareModels(results).map((c) => `<tr><td>${c.model.toUpperCase()}</td><td>${c.budgetYuan}</td><td>${escapeXml(c.dimensionLabel)}</td><td>${c.volumeMw3.toFixed(4)}</td><td>${c.areaMw2 === undefined ? '–' : c.areaMw2.toFixed(4)}</td><td>${c.constantTotalMw === undefined ? '–' : c.constantTotalMw.toFixed(3)}</td><td>${c.rangeMw.map((x) => `±${x.halfWidth.toFixed(2)}`).join(' ')}</td></tr>`).join('')}</tbody></table></section>`
    : '';
  const planHtml = plans.length > 0 ? `<section><h2>Tier planning</h2>${plans.map((p) => `<p>${escapeXml(p.summary)}</p>`).join('')}</section>` : '';
  // '<' inside the JSON is escaped so no value can close the script element.
  const data = JSON.stringify(views).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeXml(title)} — flexibility</title>
<style>body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f0f0f0}section{margin-bottom:32px}</style>
</head><body>
<h1>Flexible operation region — ${escapeXml(title)}</h1>
<p>Station net load (charge − V2G, MW) reachable at t* under coupon budgets, drivers responding by DUE, feeder checked by the OPF. Every point is a re-simulated co-simulation of its coupons.</p>
${sections.join('\n')}
${comparison}
${planHtml}
<script type="application/json" id="flex-data">${data}</script>
<script>${VIEWER_JS}</script>
</body></html>
`;
}
