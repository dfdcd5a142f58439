/**
 * sin and cos of an angle in degrees, exact at multiples of 90° so grid directions
 * along the axes have exact zeros (no 6e-17 residues that would make pole
 * duplicates look distinct).
 */
export function sinDeg(deg: number): number {
  const r = ((deg % 360) + 360) % 360;
  if (r === 0 || r === 180) return 0;
  if (r === 90) return 1;
  if (r === 270) return -1;
  return Math.sin((r * Math.PI) / 180);
}

/** cos of an angle in degrees; see {@link sinDeg}. */
export function cosDeg(deg: number): number {
  return sinDeg(deg + 90);
}
