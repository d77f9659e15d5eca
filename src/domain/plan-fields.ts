// Each field of the declaration form defined once [DOMAIN.md "The declaration form"]: its Chinese header,
// how typed or pasted text is read, what a bad value is told, its limits and an example. The same
// definitions check a chat answer, an Excel row, a card form and a stored draft.
import { bad, choiceField, intField, monthField, ok, text, textField, type FieldDef, type Parsed } from './field-kinds.ts';
import { parsePhone, parseYuan } from './parse.ts';
import { MODES, SCOPES, type PlanData, type PlanFieldKey } from './plan-data.ts';
import { BUDGET_CODE, normalizeBudgetCode } from './units.ts';

export { rangeText, MONTHS, type FieldDef, type FieldRange } from './field-kinds.ts';

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
  month: monthField(),
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

/** The limits of a field that has them (numbers, texts): what its reader accepts. */
export function rangeOf(key: PlanFieldKey) {
  const r = FIELDS[key].range;
  if (!r) throw new Error(`field ${key} has no range`);
  return r;
}
