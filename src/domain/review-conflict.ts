// A reviewer who is also linked to a unit (a reviewer may be: DOMAIN.md "People and units") must not decide
// that unit's plans, nor those of its 二层单位: another reviewer decides. Plans belong to the competent unit.
import type { Unit } from './units.ts';

/** The reviewer's own unit when it is the plan's competent unit or one of its 二层单位; else null. */
export function ownUnitOf(reviewer: { unitCode: string | null }, planUnitCode: string, units: readonly Pick<Unit, 'code' | 'name' | 'parentCode'>[]): { code: string; name: string } | null {
  if (!reviewer.unitCode) return null;
  const unit = units.find((u) => u.code === reviewer.unitCode);
  if (reviewer.unitCode === planUnitCode) return { code: planUnitCode, name: unit?.name ?? planUnitCode };
  return unit && unit.parentCode === planUnitCode ? { code: unit.code, name: unit.name } : null;
}

export const conflictMessage = (unitName: string) => `您关联了${unitName}，不能审核本单位的计划，请由其他审核人员决定`;
