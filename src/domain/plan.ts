// One training-class plan = one row of the declaration form [DOMAIN.md "The declaration form"]. Each field
// is defined once here: its Chinese header, how typed or pasted text is read, what a bad value is told,
// and an example. The same definitions check a chat answer, an Excel row, a card form and a stored draft.
import { z } from 'zod';
import { normalizeBudgetCode, BUDGET_CODE } from './units.ts';
import { normalizeText, parsePhone, parseWholeNumber, parseYuan } from './parse.ts';

export const SCOPES = ['市内', '市外'] as const;
export const MODES = ['线下', '线上', '线上线下结合'] as const;
export type Scope = (typeof SCOPES)[number];
export type Mode = (typeof MODES)[number];

export type PlanData = {
  budgetCode: string;
  unitName: string | null;
  title: string;
  scope: Scope;
  mode: Mode;
  audience: string;
  headcount: number;
  sessions: number;
  days: number;
  month: number;
  /** Not needed for an online (线上) class. */
  location: string | null;
  institution: string | null;
  budget: number;
  jointUnits: string[];
  contactName: string;
  contactPhone: string;
  remarks: string | null;
  justification: string | null;
};

export type PlanFieldKey = keyof PlanData;
export type PlanDraft = Partial<PlanData>;

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (error: string): Parsed<never> => ({ ok: false, error });

export type FieldDef<K extends PlanFieldKey = PlanFieldKey> = {
  key: K;
  /** The column header of the official form. */
  label: string;
  required: boolean;
  /** Shown when asking for the field and when it is wrong. */
  example: string;
  /** Options for choice fields, in display order. */
  choices?: readonly string[];
  parse(raw: unknown): Parsed<PlanData[K]>;
};

const text = (raw: unknown): string => (raw === null || raw === undefined ? '' : normalizeText(String(raw)));

function textField<K extends PlanFieldKey>(
  key: K,
  label: string,
  opts: { min?: number; max: number; required?: boolean; example: string },
): FieldDef<K> {
  const required = opts.required ?? true;
  return {
    key,
    label,
    required,
    example: opts.example,
    parse(raw) {
      const t = text(raw);
      if (!t) return (required ? bad(`${label}不能为空，例如「${opts.example}」`) : ok(null)) as Parsed<PlanData[K]>;
      if (opts.min && [...t].length < opts.min) return bad(`${label}太短，至少 ${opts.min} 个字，例如「${opts.example}」`);
      if ([...t].length > opts.max) return bad(`${label}太长，最多 ${opts.max} 个字（现在 ${[...t].length} 个字）`);
      return ok(t as PlanData[K]);
    },
  };
}

function intField<K extends 'headcount' | 'sessions' | 'days' | 'month'>(
  key: K,
  label: string,
  opts: { min: number; max: number; units: string[]; example: string },
): FieldDef<K> {
  return {
    key,
    label,
    required: true,
    example: opts.example,
    parse(raw) {
      const t = text(raw);
      if (!t && typeof raw !== 'number') return bad(`${label}不能为空，请填整数，例如 ${opts.example}`);
      const n = parseWholeNumber(typeof raw === 'number' ? raw : t, opts.units);
      if (n === null) return bad(`${label}应为整数，例如 ${opts.example}，收到「${t || raw}」`);
      if (n < opts.min || n > opts.max) return bad(`${label}应在 ${opts.min} 到 ${opts.max} 之间，收到 ${n}`);
      return ok(n as PlanData[K]);
    },
  };
}

function choiceField<K extends 'scope' | 'mode'>(
  key: K,
  label: string,
  choices: readonly string[],
  synonyms: Record<string, string>,
  example: string,
): FieldDef<K> {
  return {
    key,
    label,
    required: true,
    example,
    choices,
    parse(raw) {
      const t = text(raw).replace(/\s+/g, '').replace(/培训$/, '');
      const v = choices.includes(t) ? t : synonyms[t];
      if (!v) return bad(`${label}只能是「${choices.join('」「')}」之一${t ? `，收到「${t}」` : ''}`);
      return ok(v as PlanData[K]);
    },
  };
}

/** 10, "10月", "十月", "2027年10月", "2027-10" → 10. */
function parseMonth(raw: unknown): number | null {
  if (typeof raw === 'number') return raw;
  const t = text(raw).replace(/\s+/g, '');
  const m = /^(?:\d{4}(?:年|-|\/|\.))?(.+?)(?:月份|月)?$/.exec(t);
  return m ? parseWholeNumber(m[1]!) : null;
}

const FIELDS: { [K in PlanFieldKey]: FieldDef<K> } = {
  budgetCode: {
    key: 'budgetCode',
    label: '预算单位代码',
    required: true,
    example: '101001',
    parse(raw) {
      const code = normalizeBudgetCode(text(raw));
      if (!code) return bad('预算单位代码不能为空：须与财政预算管理一体化系统中的代码一致，漏填、错填视为无效');
      if (!BUDGET_CODE.test(code)) return bad(`「${text(raw)}」不是有效的预算单位代码：应为 3–20 位数字或大写字母，例如 101001`);
      return ok(code);
    },
  },
  unitName: textField('unitName', '单位名称', { max: 100, required: false, example: '柳州市人力资源和社会保障局' }),
  title: textField('title', '培训班名称', { min: 4, max: 60, example: '2027年度人社业务能力提升培训班' }),
  scope: choiceField('scope', '培训类别', SCOPES, {
    本市: '市内',
    柳州市内: '市内',
    市内办班: '市内',
    外出: '市外',
    外地: '市外',
    区外: '市外',
    市外办班: '市外',
    出市: '市外',
  }, '市内'),
  mode: choiceField('mode', '培训方式', MODES, {
    面授: '线下',
    现场: '线下',
    线下面授: '线下',
    网络: '线上',
    在线: '线上',
    视频: '线上',
    远程: '线上',
    网络培训: '线上',
    线上线下: '线上线下结合',
    '线上+线下': '线上线下结合',
    '线下+线上': '线上线下结合',
    线上和线下: '线上线下结合',
    混合: '线上线下结合',
    混合式: '线上线下结合',
    结合: '线上线下结合',
  }, '线下'),
  audience: textField('audience', '培训对象', { min: 2, max: 100, example: '本系统业务科室工作人员' }),
  headcount: intField('headcount', '每期人数', { min: 1, max: 1000, units: ['人', '名', '人/期', '人每期'], example: '45' }),
  sessions: intField('sessions', '期数', { min: 1, max: 50, units: ['期', '个班', '班'], example: '1' }),
  days: intField('days', '每期天数', { min: 1, max: 30, units: ['天', '日', '天/期'], example: '3' }),
  month: {
    key: 'month',
    label: '计划月份',
    required: true,
    example: '10',
    parse(raw) {
      const n = parseMonth(raw);
      if (n === null || !Number.isInteger(n) || n < 1 || n > 12) return bad(`计划月份应为 1 到 12 的月份，例如 10 或「10月」，收到「${text(raw)}」`);
      return ok(n);
    },
  },
  // Required unless the class is online: the rules say so (venue_named), the field alone cannot know.
  location: textField('location', '培训地点', { min: 2, max: 100, required: false, example: '柳州市城中区市委党校' }),
  institution: textField('institution', '承办机构', { max: 100, required: false, example: '中共柳州市委党校' }),
  budget: {
    key: 'budget',
    label: '经费预算（元）',
    required: true,
    example: '36000',
    parse(raw) {
      const t = text(raw);
      if (!t && typeof raw !== 'number') return bad('经费预算不能为空，请填金额（元），例如 36000 或 3.6万');
      const v = parseYuan(typeof raw === 'number' ? raw : t);
      if (v === null) return bad(`经费预算应为不小于 0 的金额，最多两位小数，例如 36000 或 3.6万，收到「${t || raw}」`);
      if (v > 100_000_000) return bad(`经费预算 ${v} 元超出合理范围，请核对单位是否为「元」`);
      return ok(v);
    },
  },
  jointUnits: {
    key: 'jointUnits',
    label: '联合办班单位',
    required: false,
    example: '101002、柳州市财政局',
    parse(raw) {
      if (Array.isArray(raw)) return ok(raw.map((x) => text(x)).filter(Boolean));
      const t = text(raw);
      if (!t || /^(无|没有|否|不联合|\/|-)$/.test(t)) return ok([]);
      return ok([...new Set(t.split(/[、,，;；\s]+/).map((x) => x.trim()).filter(Boolean))]);
    },
  },
  contactName: textField('contactName', '联系人', { min: 2, max: 20, example: '李明' }),
  contactPhone: {
    key: 'contactPhone',
    label: '联系电话',
    required: true,
    example: '0772-2825472',
    parse(raw) {
      const t = text(raw);
      if (!t) return bad('联系电话不能为空，可填座机（例如 0772-2825472）或手机号');
      const v = parsePhone(t);
      return v ? ok(v) : bad(`「${t}」不是有效的电话号码：座机请带区号，例如 0772-2825472；手机号为 11 位`);
    },
  },
  remarks: textField('remarks', '备注', { max: 200, required: false, example: '无' }),
  justification: textField('justification', '情况说明', { min: 5, max: 500, required: false, example: '本单位承担全市……任务，需……' }),
};

/** Fields in the order of the official form. */
export const PLAN_FIELDS: readonly FieldDef[] = Object.values(FIELDS) as FieldDef[];

export function fieldDef<K extends PlanFieldKey>(key: K): FieldDef<K> {
  return FIELDS[key] as FieldDef<K>;
}

export function parseField<K extends PlanFieldKey>(key: K, raw: unknown): Parsed<PlanData[K]> {
  return FIELDS[key].parse(raw);
}

export type FieldError = { field: PlanFieldKey; label: string; message: string };

/**
 * Reads a whole plan (Excel row, card form, stored draft). Every field is read; all errors come back
 * together. Missing optional fields become null / [].
 */
export function parsePlan(input: Partial<Record<PlanFieldKey, unknown>>): { ok: true; plan: PlanData } | { ok: false; errors: FieldError[] } {
  const out: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  for (const f of PLAN_FIELDS) {
    const r = f.parse(input[f.key]);
    if (r.ok) out[f.key] = r.value;
    else errors.push({ field: f.key, label: f.label, message: r.error });
  }
  return errors.length ? { ok: false, errors } : { ok: true, plan: out as PlanData };
}

/** The plan as stored (JSON column): one zod schema, which re-reads through the same field parsers. */
export const planDataSchema = z.record(z.string(), z.unknown()).transform((input, ctx) => {
  const r = parsePlan(input as Partial<Record<PlanFieldKey, unknown>>);
  if (!r.ok) {
    for (const e of r.errors) ctx.addIssue({ code: 'custom', path: [e.field], message: e.message });
    return z.NEVER;
  }
  return r.plan;
});

/** A draft keeps only the fields already answered, each valid on its own. */
export function parseDraft(input: Partial<Record<PlanFieldKey, unknown>>): PlanDraft {
  const out: PlanDraft = {};
  for (const f of PLAN_FIELDS) {
    if (input[f.key] === undefined) continue;
    const r = f.parse(input[f.key]);
    if (r.ok) (out as Record<string, unknown>)[f.key] = r.value;
  }
  return out;
}

/** The out-of-city classes (班次) a plan counts for in the quota: one per session [seed 二(二)二]. */
export function outOfCityClasses(plan: Pick<PlanData, 'scope' | 'sessions'>): number {
  return plan.scope === '市外' ? plan.sessions : 0;
}

/** Display of a value in the form's words: 45 → "45人", 10 → "10月", 36000 → "36,000.00元". */
export function displayValue(key: PlanFieldKey, value: unknown): string {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return '（无）';
  switch (key) {
    case 'headcount':
      return `${value}人`;
    case 'sessions':
      return `${value}期`;
    case 'days':
      return `${value}天`;
    case 'month':
      return `${value}月`;
    case 'budget':
      return `${Number(value).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}元`;
    default:
      return Array.isArray(value) ? value.join('、') : String(value);
  }
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

