/**
 * Small helpers shared by the SVG charts of the HTML reports: escaping and tick-label
 * formatting (axis scales and ticks come from d3-scale: src/common/charts/axisScale.ts).
 */

/**
 * Escape text for HTML / SVG content and attribute values.
 *
 * @example
 * escapeXml('a < b & "c"'); // 'a &lt; b &amp; &quot;c&quot;'
 */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * Short label for a tick value.
 *
 * @example
 * formatTick(0.000012); // '1.2e-5'
 */
export function formatTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(1).replace('e+', 'e');
  return String(Number(v.toPrecision(4)));
}
