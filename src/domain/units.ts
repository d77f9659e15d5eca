// The unit registry [DOMAIN.md "People and units"]: budget units from the finance bureau's spreadsheet.
// A 主管单位 (competent unit) has no parent; a 二层单位 has its competent unit's code as parent. The
// 预算单位代码 must equal the code in the finance bureau's budget system [seed 二(一)1]. An import is
// all-or-nothing: every problem is reported with the row number Excel shows and the column header.
import { matchKey, normalizeText, numericText, parseMobile, parseWholeNumber } from './parse.ts';

export type Unit = {
  code: string;
  name: string;
  parentCode: string | null;
  staffCount: number;
  contactName: string | null;
  contactMobile: string | null;
};

export const UNIT_COLUMNS = {
  code: '预算单位代码',
  name: '单位名称',
  parentCode: '上级预算单位代码',
  staffCount: '在编人数',
  contactName: '联系人',
  contactPhone: '联系电话',
} as const;

export type UnitColumn = keyof typeof UNIT_COLUMNS;

/** One spreadsheet row as read: the row number Excel/WPS shows, and the raw cell texts by column. */
export type SheetRow<K extends string> = { row: number; values: Partial<Record<K, string>> };

export type RowProblem = { row: number; column: string; message: string };

/** 3–20 digits or capital letters, as in the budget system (e.g. 101001, 145001003). */
export const BUDGET_CODE = /^[0-9A-Z]{3,20}$/;

export function normalizeBudgetCode(raw: string): string {
  return numericText(raw).replace(/\s+/g, '').toUpperCase();
}

export const isCompetent = (u: Pick<Unit, 'parentCode'>): boolean => !u.parentCode;

/** A unit's name as people shorten it: without the city (柳州市交通运输局 → 交通运输局), spaces and width folded. */
function shortName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').replace(/^(广西壮族自治区)?柳州市?/, '');
}

function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (const c of long) if (c === short[i]) i++;
  return i === short.length;
}

function bigrams(s: string): string[] {
  return Array.from({ length: Math.max(0, s.length - 1) }, (_, i) => s.slice(i, i + 2));
}

/**
 * Units whose name is what someone typed after 绑定 (「交通运输局」「市交通局」「卫健委」), best first: the
 * whole name, a part of it, an abbreviation, or a close spelling (shared character pairs); competent units before their
 * second-tier units at the same closeness. Empty when nothing is close.
 */
export function unitsByName<U extends Unit>(query: string, units: readonly U[], limit = 3): U[] {
  const q = shortName(query);
  if (q.length < 2) return [];
  const qb = bigrams(q);
  const scored = units.map((u) => {
    const n = shortName(u.name);
    let score = 0;
    if (n === q) score = 100;
    else if (n.includes(q)) score = 80 - Math.min(20, n.length - q.length);
    else if (q.includes(n) && n.length >= 2) score = 60;
    // An abbreviation keeps the characters in order: 交通局 for 交通运输局, 卫健委 for 卫生健康委员会.
    else if (isSubsequence(q, n)) score = 55 - Math.min(15, n.length - q.length);
    else {
      const nb = new Set(bigrams(n));
      const shared = qb.filter((b) => nb.has(b)).length;
      const dice = (2 * shared) / (qb.length + nb.size || 1);
      score = dice >= 0.5 ? Math.round(50 * dice) : 0;
    }
    return { u, score: score + (isCompetent(u) && score > 0 ? 1 : 0) };
  });
  return scored
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.u.code.localeCompare(b.u.code))
    .slice(0, limit)
    .map((x) => x.u);
}

/**
 * Checks a registry import against itself and the units already stored. Returns the normalized units,
 * or every problem found. Rows with the same code as a stored unit replace it (upsert by code).
 */
export function validateRegistry(
  rows: SheetRow<UnitColumn>[],
  existing: readonly Unit[],
): { ok: true; units: Unit[] } | { ok: false; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const add = (row: number, col: UnitColumn, message: string) => problems.push({ row, column: UNIT_COLUMNS[col], message });
  const parsed: { row: number; unit: Unit }[] = [];
  const firstRowOfCode = new Map<string, number>();

  for (const { row, values } of rows) {
    const code = normalizeBudgetCode(values.code ?? '');
    if (!code) add(row, 'code', '预算单位代码为空');
    else if (!BUDGET_CODE.test(code)) add(row, 'code', `「${values.code}」格式不对：应为 3–20 位数字或大写字母，与财政预算管理一体化系统中的代码一致`);
    else if (firstRowOfCode.has(code)) add(row, 'code', `代码 ${code} 与第 ${firstRowOfCode.get(code)} 行重复`);
    else firstRowOfCode.set(code, row);

    const name = normalizeText(values.name ?? '');
    if (!name) add(row, 'name', '单位名称为空');
    else if (name.length > 100) add(row, 'name', '单位名称超过 100 个字');

    const parentCode = normalizeBudgetCode(values.parentCode ?? '') || null;
    if (parentCode && !BUDGET_CODE.test(parentCode)) add(row, 'parentCode', `「${values.parentCode}」不是有效的预算单位代码`);
    if (parentCode && parentCode === code) add(row, 'parentCode', '上级单位不能是本单位');

    const staffRaw = (values.staffCount ?? '').trim();
    const staff = parseWholeNumber(staffRaw, ['人']);
    if (!staffRaw) add(row, 'staffCount', '在编人数为空，应填整数，例如 85');
    else if (staff === null || staff < 0) add(row, 'staffCount', `「${staffRaw}」不是有效的在编人数，应填 0 或正整数，例如 85`);

    const contactName = normalizeText(values.contactName ?? '') || null;
    const phoneRaw = (values.contactPhone ?? '').trim();
    const mobile = phoneRaw ? parseMobile(phoneRaw) : null;
    if (phoneRaw && !mobile) add(row, 'contactPhone', `「${phoneRaw}」不是 11 位手机号，应填联系人的手机号，例如 13800138000`);

    parsed.push({ row, unit: { code, name, parentCode, staffCount: staff ?? 0, contactName, contactMobile: mobile } });
  }

  // The registry after the import: stored units, replaced by the file's rows of the same code.
  const after = new Map<string, Unit>(existing.map((u) => [u.code, u]));
  for (const { unit } of parsed) if (unit.code) after.set(unit.code, unit);
  const fileCodes = new Set(parsed.map((p) => p.unit.code));

  for (const { row, unit } of parsed) {
    if (!unit.parentCode || unit.parentCode === unit.code) continue;
    const cycle = cycleFrom(unit.code, after);
    if (cycle) {
      add(row, 'parentCode', `上级关系形成循环：${cycle.join(' → ')}`);
      continue;
    }
    const parent = after.get(unit.parentCode);
    if (!parent) add(row, 'parentCode', `上级预算单位代码 ${unit.parentCode} 不在名册中（本文件和已导入的单位里都没有）`);
    else if (!isCompetent(parent)) {
      add(row, 'parentCode', `上级单位「${parent.name}」（${parent.code}）本身是二层单位；二层单位的上级必须是主管单位`);
    }
  }
  // A unit made second-tier here must not already be the parent of stored units outside the file.
  for (const { row, unit } of parsed) {
    if (!unit.parentCode) continue;
    const child = existing.find((u) => u.parentCode === unit.code && !fileCodes.has(u.code));
    if (child) add(row, 'parentCode', `已导入的二层单位「${child.name}」（${child.code}）以本单位为上级，本单位不能再设上级`);
  }

  if (problems.length) return { ok: false, problems: problems.sort((a, b) => a.row - b.row) };
  return { ok: true, units: parsed.map((p) => p.unit) };
}

function cycleFrom(start: string, units: Map<string, Unit>): string[] | null {
  const path = [start];
  let cur = units.get(start)?.parentCode ?? null;
  while (cur) {
    path.push(cur);
    if (cur === start) return path;
    if (path.length > units.size + 1) return null;
    cur = units.get(cur)?.parentCode ?? null;
  }
  return null;
}

/** A competent unit and its second-tier units: what one declarant may declare for [seed 二(二)一]. */
export function familyOf(competentCode: string, units: readonly Unit[]): Unit[] {
  return units.filter((u) => u.code === competentCode || u.parentCode === competentCode);
}

/** Finds a unit by code, or by exact name (spacing and full-width tolerant). */
export function findUnit(text: string, units: readonly Unit[]): Unit | undefined {
  const code = normalizeBudgetCode(text);
  const byCode = units.find((u) => u.code === code);
  if (byCode) return byCode;
  const key = matchKey(text);
  return units.find((u) => matchKey(u.name) === key);
}
