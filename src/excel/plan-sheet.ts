// The declaration sheet (附件1) as columns: the official headers of the form, plus 是否联合办班. The same
// definitions write the template and read an upload.
import { MONTHS, PLAN_FIELDS, rangeText, type FieldDef, type PlanFieldKey } from '../domain/plan.ts';
import { ruleHints } from '../domain/rule-hints.ts';
import type { ColumnSpec } from './table-reader.ts';

export type SheetKey = PlanFieldKey | 'joint';

export type SheetColumn = {
  key: SheetKey;
  header: string;
  aliases: string[];
  required: boolean;
  width: number;
  hint: string;
  list?: string[];
  whole?: { min: number; max: number };
  decimal?: boolean;
};

/** The column's own note (what goes in it); the hints of the rules about the field follow (domain/rules.ts). */
const NOTES: Partial<Record<PlanFieldKey, (f: FieldDef) => string>> = {
  budgetCode: () => '须与财政预算管理一体化系统中的预算单位代码一致；本单位或二层单位',
  unitName: () => '与预算单位代码对应的单位全称',
  title: (f) => rangeText(f.range!),
  scope: () => '柳州市内举办选「市内」，柳州以外选「市外」',
  mode: () => '线下、线上或线上线下结合',
  audience: () => '培训哪些人',
  headcount: () => '整数',
  sessions: (f) => `整数，至少 ${f.range!.min} ${f.range!.unit}`,
  days: (f) => `整数，${rangeText(f.range!)}`,
  month: (f) => rangeText(f.range!),
  location: () => '线下培训必填，线上培训可不填',
  budget: () => '单位：元，最多两位小数',
  jointUnits: () => '联合办班的其他主管单位，写预算单位代码或单位全称，多个用顿号分隔',
  contactName: () => '本培训班联系人',
  contactPhone: () => '座机带区号（如 0772-2825472）或手机号',
  remarks: () => '选填',
  justification: () => '不符合原则性要求时必填，说明理由（审核人员会看到）',
};
/** What the template adds after the rules' hints. */
const TAIL: Partial<Record<PlanFieldKey, string>> = { institution: '名单见第二个工作表' };

/** A column's note: its own words, the rules' hints about the field, then the template's pointer. */
function noteOf(f: FieldDef): string {
  const parts = [NOTES[f.key]?.(f), ...ruleHints(f.key), TAIL[f.key]].filter((x): x is string => !!x);
  return parts.length ? parts.join('；') : f.example;
}

const WHOLE: readonly PlanFieldKey[] = ['headcount', 'sessions', 'days'];
const WIDTHS: Partial<Record<PlanFieldKey, number>> = { title: 34, audience: 20, location: 26, institution: 26, jointUnits: 20, remarks: 18, justification: 30, unitName: 26 };
const ALIASES: Partial<Record<PlanFieldKey, string[]>> = {
  budgetCode: ['单位代码'],
  title: ['培训班名称（项目名称）', '项目名称', '班次名称'],
  headcount: ['人数', '每期培训人数', '每班人数'],
  sessions: ['培训期数', '班次数'],
  days: ['天数', '培训天数'],
  month: ['月份', '举办月份', '计划举办月份'],
  budget: ['经费预算', '经费预算(元)', '预算（元）', '经费'],
  jointUnits: ['联合办班单位名称'],
  contactPhone: ['电话'],
  justification: ['情况说明（理由）', '说明'],
};

export const SHEET_COLUMNS: SheetColumn[] = PLAN_FIELDS.flatMap((f): SheetColumn[] => {
  const base: SheetColumn = {
    key: f.key,
    header: f.label,
    aliases: ALIASES[f.key] ?? [],
    // The venue's column stays in the official form; only an online class may leave its cell empty.
    required: (f.required || f.key === 'location') && f.key !== 'unitName',
    width: WIDTHS[f.key] ?? 14,
    hint: noteOf(f),
    // Dropdowns and number checks from the field's own choices and limits.
    ...(f.choices ? { list: [...f.choices] } : {}),
    ...(f.key === 'month' ? { list: MONTHS.map(String) } : {}),
    ...(WHOLE.includes(f.key) ? { whole: { min: f.range!.min, max: f.range!.max } } : {}),
    ...(f.key === 'budget' ? { decimal: true } : {}),
  };
  if (f.key !== 'jointUnits') return [base];
  return [{ key: 'joint', header: '是否联合办班', aliases: ['联合办班'], required: false, width: 12, hint: '是 / 否', list: ['是', '否'] }, base];
});

export const SHEET_SPECS: ColumnSpec<SheetKey>[] = SHEET_COLUMNS.map((c) => ({ key: c.key, header: c.header, aliases: c.aliases, required: c.required }));

/** The example row of the template is marked so an upload that still has it skips it. */
export const EXAMPLE_MARK = '【示例】';
export const EXAMPLE_REMARK = '示例行，导入时自动忽略';

export function headerOf(key: SheetKey): string {
  return SHEET_COLUMNS.find((c) => c.key === key)!.header;
}
