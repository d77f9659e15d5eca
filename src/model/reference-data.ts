// Loading the reference data the rules need: the unit registry (and its contacts' Feishu accounts), the
// training-base list, the working-day calendar for years chinese-days does not know, campaign dates.
// Every import validates the whole file first and stores all of it or nothing.
import type { Logger } from '../logger.ts';
import { defaultCampaign, withDates, type Campaign, type CampaignDates } from '../domain/campaign.ts';
import { isYmd, parseDateText } from '../domain/dates.ts';
import { normalizeText } from '../domain/parse.ts';
import { BASE_COLUMNS, trainingBaseSchema, type BaseColumn, type TrainingBase } from '../domain/training-bases.ts';
import { isCompetent, validateRegistry, type RowProblem, type SheetRow, type Unit, type UnitColumn } from '../domain/units.ts';
import { WorkCalendar, type DayOverride, type YearSchedule } from '../domain/working-days.ts';
import type { Ports } from '../ports/index.ts';
import type { FeishuDirectory } from '../ports/feishu.ts';

export type UnitImportResult =
  | { ok: false; problems: RowProblem[] }
  | {
      ok: true;
      saved: number;
      /** Contacts found in Feishu by mobile number. */
      resolved: number;
      /** Contacts whose mobile Feishu did not know (or that could not be looked up). */
      unresolved: { code: string; name: string; contactName: string | null; mobile: string }[];
      /** Contacts of competent units now linked as their unit's declarant. */
      linked: { openId: string; code: string }[];
      /** Contacts already linked to another unit: left as they are. */
      conflicts: { openId: string; code: string; linkedTo: string }[];
      lookupError?: string | undefined;
    };

export async function importUnits(
  rows: SheetRow<UnitColumn>[],
  deps: Pick<Ports, 'registry' | 'people' | 'roster' | 'logger'> & { directory: FeishuDirectory | null },
): Promise<UnitImportResult> {
  const checked = validateRegistry(rows, await deps.registry.units());
  if (!checked.ok) return checked;
  await deps.registry.saveUnits(checked.units);

  const withMobile = checked.units.filter((u): u is Unit & { contactMobile: string } => !!u.contactMobile);
  let found = new Map<string, string>();
  let lookupError: string | undefined;
  if (deps.directory && withMobile.length) {
    try {
      found = await deps.directory.resolveMobiles([...new Set(withMobile.map((u) => u.contactMobile))]);
    } catch (err) {
      lookupError = (err as Error).message;
      deps.logger.warn({ err: lookupError }, 'could not resolve contact mobiles');
    }
  } else if (!deps.directory) {
    lookupError = '未配置飞书应用凭证，无法按手机号查找联系人';
  }
  await deps.registry.setContactOpenIds(new Map(withMobile.map((u) => [u.code, found.get(u.contactMobile) ?? null])));

  const linked: { openId: string; code: string }[] = [];
  const conflicts: { openId: string; code: string; linkedTo: string }[] = [];
  // A competent unit's contact is its declarant from now on; second-tier units have no accounts [seed 二(二)一].
  for (const u of withMobile.filter(isCompetent)) {
    const openId = found.get(u.contactMobile);
    if (!openId) continue;
    const person = await deps.people.find(openId);
    if (person?.unitCode && person.unitCode !== u.code) {
      conflicts.push({ openId, code: u.code, linkedTo: person.unitCode });
      continue;
    }
    if (person?.unitCode !== u.code) {
      await deps.roster.bind(openId, u.code, u.contactName ?? undefined);
      linked.push({ openId, code: u.code });
    }
  }
  return {
    ok: true,
    saved: checked.units.length,
    resolved: withMobile.filter((u) => found.has(u.contactMobile)).length,
    unresolved: withMobile
      .filter((u) => !found.has(u.contactMobile))
      .map((u) => ({ code: u.code, name: u.name, contactName: u.contactName, mobile: u.contactMobile })),
    linked,
    conflicts,
    lookupError,
  };
}

export { BASE_COLUMNS, type BaseColumn } from '../domain/training-bases.ts';

export function validateBases(rows: SheetRow<BaseColumn>[]): { ok: true; bases: TrainingBase[] } | { ok: false; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const bases: TrainingBase[] = [];
  const seen = new Map<string, number>();
  for (const { row, values } of rows) {
    const parsed = trainingBaseSchema.safeParse({
      name: values.name ?? '',
      city: values.city ?? '',
      aliases: (values.aliases ?? '').split(/[、,，;；|]/).map((a) => a.trim()).filter(Boolean),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const col = String(issue.path[0]) as BaseColumn;
        problems.push({ row, column: BASE_COLUMNS[col]?.header ?? '基地名称', message: issue.message });
      }
      continue;
    }
    const first = seen.get(parsed.data.name);
    if (first) {
      problems.push({ row, column: BASE_COLUMNS.name.header, message: `与第 ${first} 行重复` });
      continue;
    }
    seen.set(parsed.data.name, row);
    bases.push(parsed.data);
  }
  return problems.length ? { ok: false, problems } : { ok: true, bases };
}

export const CALENDAR_COLUMNS = {
  date: { header: '日期', aliases: ['date'] },
  kind: { header: '类型', aliases: ['kind', '放假/上班'] },
  name: { header: '名称', aliases: ['name', '节日'] },
} as const;
export type CalendarColumn = keyof typeof CALENDAR_COLUMNS;

const KIND_WORDS: Record<string, DayOverride['kind']> = {
  holiday: 'holiday',
  放假: 'holiday',
  休: 'holiday',
  休息: 'holiday',
  节假日: 'holiday',
  workday: 'workday',
  上班: 'workday',
  班: 'workday',
  调休上班: 'workday',
  工作日: 'workday',
};

export function validateCalendar(rows: SheetRow<CalendarColumn>[]): { ok: true; days: DayOverride[] } | { ok: false; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const days: DayOverride[] = [];
  const seen = new Map<string, number>();
  for (const { row, values } of rows) {
    const rawDate = values.date ?? '';
    const date = isYmd(rawDate) ? rawDate : parseDateText(rawDate);
    const kind = KIND_WORDS[normalizeText(values.kind ?? '').toLowerCase()];
    if (!date) problems.push({ row, column: CALENDAR_COLUMNS.date.header, message: `「${rawDate}」不是有效日期，应为 2027-10-01 这样的格式` });
    else if (seen.has(date)) problems.push({ row, column: CALENDAR_COLUMNS.date.header, message: `${date} 与第 ${seen.get(date)} 行重复` });
    if (!kind) problems.push({ row, column: CALENDAR_COLUMNS.kind.header, message: `「${values.kind ?? ''}」应为 holiday（放假）或 workday（调休上班）` });
    if (date && kind && !seen.has(date)) {
      seen.set(date, row);
      days.push({ date, kind, name: normalizeText(values.name ?? '') || undefined });
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, days };
}

/** A year's campaign as stored, or the notice's usual dates when none is. */
export async function campaignFor(deps: Pick<Ports, 'campaigns'>, year: number): Promise<Campaign> {
  return (await deps.campaigns.get(year)) ?? defaultCampaign(year);
}

export async function setCampaignDates(deps: Pick<Ports, 'campaigns'>, year: number, dates: CampaignDates) {
  const r = withDates(await campaignFor(deps, year), dates);
  if (r.ok) await deps.campaigns.save(r.campaign);
  return r;
}

/**
 * The working-day calendar: the years loaded from the State Council's notice and the admin's single days
 * [DOMAIN.md "The campaign calendar"]; `replace` puts a notice not stored yet in place of its year's (to see
 * what it would change). A year nobody knows is logged once.
 */
export async function loadWorkCalendar(deps: Pick<Ports, 'calendarData' | 'logger'>, replace?: YearSchedule): Promise<WorkCalendar> {
  const logger = deps.logger;
  const notices = (await deps.calendarData.noticeSchedules()).filter((s) => s.year !== replace?.year);
  return new WorkCalendar({
    admin: await deps.calendarData.adminDays(),
    notices: replace ? [...notices, replace] : notices,
    onUnknownYear: (year) => logger.warn({ year }, `no working-day calendar for ${year}: using Monday–Friday (tentative) until its notice is loaded`),
  });
}
