/** Inline CSS of the run report (one self-contained file: no stylesheet to fetch). */
export const REPORT_CSS = `
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1340px;padding:0 12px;color:#222;background:#fafafa}
h1{font-size:22px;margin:0 0 4px} h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
p{margin:6px 0}
.grid{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start} .card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px}
table{border-collapse:collapse;font-size:12px;background:#fff} td,th{border:1px solid #ddd;padding:3px 6px;text-align:right} th{background:#f0f0f0}
.ok{color:#05662d} .bad{color:#8a1010}
.problems{color:#8a1010;background:#fff0f0;border:1px solid #e0b0b0;padding:8px;border-radius:6px}
.kpis{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0}
.kpi{background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px 12px;min-width:150px}
.kpi .label{display:block;font-size:12px;color:#555} .kpi b{display:block;font-size:20px;margin:2px 0} .kpi .unit{font-size:14px;font-weight:normal}
.kpi small{display:block;font-size:11px;color:#555} .kpi.ok b{color:#05662d} .kpi.bad b{color:#8a1010}
.caption,.rate{font-size:13px;color:#444} .sentences{margin-top:10px} .zero{font-size:13px;color:#444;margin:4px 0}
`;
