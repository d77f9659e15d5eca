// The out-of-city quota [seed 二(二)二; DOMAIN.md "Out-of-city quota"]: counted for a competent unit with its
// second-tier units, over every window of consecutive plan years that holds this plan's year. The bands and
// the number of classes allowed are the limits of the rule out_of_city_quota (rules.ts); this module counts.
import type { PlanData } from './plan-data.ts';
import { outOfCityClasses } from './plan-data.ts';
import type { RuleContext, RuleFinding } from './rule-kit.ts';
import type { Unit } from './units.ts';

/** A staff-size band: from this many staff up, at most `classes` out-of-city classes in any `years` consecutive years. */
export type QuotaBand = { fromStaff: number; years: 1 | 2 | 3; words: string };
export type QuotaLimits = { classes: number; bands: readonly QuotaBand[] };

/** The band of a unit family's staff: the first whose `fromStaff` it reaches (bands from the largest down). */
export function quotaBand(staff: number, bands: readonly QuotaBand[]): QuotaBand {
  return bands.find((b) => staff >= b.fromStaff) ?? bands.at(-1)!;
}

/** Staff of a competent unit with its second-tier units: the quota is counted for them together. */
export function familyStaff(competent: Unit, units: readonly Unit[]): number {
  return units.filter((u) => u.code === competent.code || u.parentCode === competent.code).reduce((s, u) => s + u.staffCount, 0);
}

const FIX = '可改为市内培训或线上培训、与其他主管单位联合办班，或减少期数；确有需要的，请填写情况说明';

/** The first window of consecutive years holding this plan's year where the family goes over the quota. */
export function quotaFindings(p: PlanData, ctx: RuleContext, limits: QuotaLimits): RuleFinding[] {
  const mine = outOfCityClasses(p);
  if (mine === 0) return [];
  const staff = familyStaff(ctx.competent, ctx.units);
  const { years, words } = quotaBand(staff, limits.bands);
  for (let start = ctx.planYear - years + 1; start <= ctx.planYear; start++) {
    const span = Array.from({ length: years }, (_, i) => start + i);
    const used = span.map((y) => ({ y, n: ctx.outOfCityByYear.get(y) ?? 0 })).filter((x) => x.n > 0);
    const total = used.reduce((s, x) => s + x.n, 0) + mine;
    if (total <= limits.classes) continue;
    const others = used.map((x) => `${x.y}年度 ${x.n} 个`).join('、');
    const window = years === 1 ? `${ctx.planYear}年度` : `${span[0]}–${span.at(-1)}年度`;
    const message =
      `本单位（含二层单位）在编 ${staff} 人，${words.replace(/^.*?的单位/, '')}；` +
      `${window}${others ? `已有市外班次 ${others}，` : ''}本计划为 ${mine} 个，合计 ${total} 个`;
    return [{ field: 'scope', message, suggestion: FIX }];
  }
  return [];
}
