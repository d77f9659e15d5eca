// How people write the form's fields and values: a value in the form's words (45人, 10月, 36,000.00元) and
// the names used for a field when asking to change it (修改 人数, 月份改成10月).
import type { PlanFieldKey } from './plan-data.ts';
import { PLAN_FIELDS } from './plan-fields.ts';

/** The word after a number of this field, as the form shows it. */
const UNIT_WORD: Partial<Record<PlanFieldKey, string>> = { headcount: '人', sessions: '期', days: '天', month: '月' };

/** Display of a value in the form's words: 45 → "45人", 10 → "10月", 36000 → "36,000.00元". */
export function displayValue(key: PlanFieldKey, value: unknown): string {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return '（无）';
  if (key === 'budget') return `${Number(value).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}元`;
  const unit = UNIT_WORD[key];
  if (unit) return `${value}${unit}`;
  return Array.isArray(value) ? value.join('、') : String(value);
}

/** How people name the fields when they want to change one: 修改 人数, 月份改成10月. */
export const FIELD_ALIASES: Record<string, PlanFieldKey> = {
  单位: 'budgetCode',
  预算单位代码: 'budgetCode',
  代码: 'budgetCode',
  单位代码: 'budgetCode',
  名称: 'title',
  班名: 'title',
  培训班名称: 'title',
  标题: 'title',
  类别: 'scope',
  培训类别: 'scope',
  市内市外: 'scope',
  方式: 'mode',
  培训方式: 'mode',
  对象: 'audience',
  培训对象: 'audience',
  人数: 'headcount',
  每期人数: 'headcount',
  期数: 'sessions',
  天数: 'days',
  每期天数: 'days',
  月份: 'month',
  计划月份: 'month',
  时间: 'month',
  地点: 'location',
  培训地点: 'location',
  承办机构: 'institution',
  机构: 'institution',
  承办单位: 'institution',
  经费: 'budget',
  预算: 'budget',
  经费预算: 'budget',
  金额: 'budget',
  联合办班: 'jointUnits',
  联合办班单位: 'jointUnits',
  联合单位: 'jointUnits',
  联系人: 'contactName',
  电话: 'contactPhone',
  联系电话: 'contactPhone',
  备注: 'remarks',
  情况说明: 'justification',
  说明: 'justification',
};

export function fieldByName(name: string): PlanFieldKey | undefined {
  const t = name.replace(/\s+/g, '');
  return FIELD_ALIASES[t] ?? PLAN_FIELDS.find((f) => f.label === t)?.key;
}
