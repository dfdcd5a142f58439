/**
 * Path pricing of the DUE (docs/model.md §2): each path's mean experienced generalized cost,
 * time and money per departure interval, and the link sensitivities the route swap needs.
 */
import type { DueContext, DuePathState } from './dueContext.js';
import { walkPath, type LinkCostModel } from './linkCostModel.js';

/**
 * Mean generalized cost ¥ of departing on `links` during interval `t` (the path pricing's samples).
 *
 * @example
 * intervalCost(ctx, model, Int32Array.of(0, 4, 10), 3, out); // ¥ for departing in interval 3
 */
export function intervalCost(ctx: DueContext, model: LinkCostModel, links: Int32Array, t: number, out: Float64Array): number {
  const n = model.samplesPerInterval;
  let cost = 0;
  for (let m = 0; m < n; m++) {
    walkPath(model, links, t * ctx.spi + ((m + 0.5) * ctx.spi) / n, ctx.econ.thetaPerMin, out);
    cost += out[0];
  }
  return cost / n;
}

/**
 * Price every path of every group (`pricePath`; dropped paths are in no group).
 *
 * @example
 * pricePaths(ctx, loading.model, out);
 */
export function pricePaths(ctx: DueContext, model: LinkCostModel, out: Float64Array): void {
  for (const group of ctx.problem.groups) for (const p of group.paths) pricePath(ctx, model, ctx.paths[p], out);
}

/**
 * Price path `p` in every interval with demand: mean over the interval's departure
 * samples of cost, time and money, and (groups with 2+ paths) the link sensitivities met by the middle one.
 *
 * @example
 * for (const p of ctx.paths) pricePath(ctx, model, p, out);
 */
export function pricePath(ctx: DueContext, model: LinkCostModel, p: DuePathState, out: Float64Array): void {
  const demand = ctx.problem.groups[p.group].demandVeh;
  const n = model.samplesPerInterval;
  const spi = ctx.spi;
  const theta = ctx.econ.thetaPerMin;
  const alone = ctx.problem.groups[p.group].paths.length < 2;
  for (let t = ctx.committed; t < ctx.intervals; t++) {
    if (demand[t] === 0) continue;
    let cost = 0, time = 0, money = 0;
    for (let m = 0; m < n; m++) {
      walkPath(model, p.links, t * spi + ((m + 0.5) * spi) / n, theta, out);
      cost += out[0];
      time += out[1];
      money += out[2];
    }
    p.cost[t] = cost / n;
    p.time[t] = time / n;
    p.money[t] = money / n;
    // sensitivities at the interval's middle departure, walking the path's own times; only the
    // route swap reads them, and it leaves groups with one path alone (`generateColumns` prices
    // the first path again when it adds a second)
    if (alone) continue;
    let x = t * spi + spi / 2;
    const o = t * p.links.length;
    for (let i = 0; i < p.links.length; i++) {
      p.walkSens[o + i] = model.sensitivity(p.links[i], x);
      p.walkSlot[o + i] = Math.floor(x / spi);
      x = model.exit(p.links[i], x);
    }
  }
}
