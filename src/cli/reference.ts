// units:*, bases:*, calendar:*, campaign:* — the reference data the notice's rules need.
import { createStores } from '../db/stores.ts';
import fs from 'node:fs';
import path from 'node:path';
import { describeCampaign, phaseAt } from '../domain/campaign.ts';
import { isYmd, parseDateText, type Ymd } from '../domain/dates.ts';
import { readTable, type ColumnSpec } from '../excel/table-reader.ts';
import { BASES_TABLE, UNITS_TABLE } from '../excel/tables.ts';
import { createFeishuApi } from '../feishu/api.ts';
import { CALENDAR_COLUMNS, campaignFor, importUnits, setCampaignDates, validateBases, validateCalendar, type BaseColumn, type CalendarColumn } from '../model/reference-data.ts';
import { CliError, need, parseYear, printProblems, type CliCommand, type CliContext } from './types.ts';

async function readFileTable<K extends string>(ctx: CliContext, file: string, columns: readonly ColumnSpec<K>[]) {
  if (!fs.existsSync(file)) throw new CliError(`找不到文件「${file}」`);
  const table = await readTable(fs.readFileSync(file), path.basename(file), columns);
  if (!table.ok) throw new CliError(`「${path.basename(file)}」无法导入：${table.error}`);
  ctx.print(`读取「${path.basename(file)}」工作表「${table.sheetName}」：表头在第 ${table.headerRow} 行，${table.rows.length} 行数据。`);
  return table.rows;
}


const specs = <K extends string>(cols: Record<K, { header: string; aliases: readonly string[] }>, required: K[]): ColumnSpec<K>[] =>
  (Object.entries(cols) as [K, { header: string; aliases: readonly string[] }][]).map(([key, c]) => ({
    key,
    header: c.header,
    aliases: c.aliases,
    required: required.includes(key),
  }));

function parseDateFlag(name: string, raw: unknown): Ymd | undefined {
  if (raw === undefined) return undefined;
  const s = String(raw);
  const d = isYmd(s) ? s : parseDateText(s);
  if (!d) throw new CliError(`--${name} 需要日期，例如 2026-08-05，收到「${s}」`);
  return d;
}

export const REFERENCE_COMMANDS: CliCommand[] = [
  {
    name: 'units:import',
    args: '<file.xlsx|file.csv>',
    summary: '导入（更新）财政局的单位名册，并按手机号找到联系人的飞书账号',
    async run(ctx, pos) {
      need(pos, 1, 'units:import <file.xlsx|file.csv>');
      const rows = await readFileTable(ctx, pos[0]!, UNITS_TABLE.columns);
      const feishu = ctx.config ? createFeishuApi({ ...ctx.config.feishu, logger: ctx.logger, timeoutMs: 10_000 }) : null;
      const r = await importUnits(rows, { ...createStores(ctx.db), directory: feishu, logger: ctx.logger });
      if (!r.ok) printProblems(ctx, path.basename(pos[0]!), r.problems);
      ctx.print(`已导入 ${r.saved} 个单位。`);
      ctx.print(`联系人：在飞书中找到 ${r.resolved} 人，其中 ${r.linked.length} 人已关联为本单位申报人。`);
      if (r.lookupError) ctx.print(`未能查询飞书通讯录（${r.lookupError}）；联系人可稍后重新导入，或自己向机器人申请关联。`);
      if (r.unresolved.length) {
        ctx.print(`以下 ${r.unresolved.length} 个联系人的手机号在飞书中没有找到（不影响导入；请确认手机号与飞书一致，或把他们加入应用可用范围）：`);
        for (const u of r.unresolved) ctx.print(`  ${u.code} ${u.name} ${u.contactName ?? ''} ${u.mobile}`);
      }
      for (const c of r.conflicts) ctx.print(`  注意：${c.openId} 已关联到单位 ${c.linkedTo}，没有改为 ${c.code}（如需变更请用 users:bind）`);
    },
  },
  {
    name: 'units:list',
    args: '',
    summary: '列出单位名册（主管单位及其二层单位）',
    async run(ctx) {
      const units = await createStores(ctx.db).registry.units();
      if (!units.length) ctx.print('（名册为空，请用 units:import 导入）');
      for (const u of units.filter((x) => !x.parentCode)) {
        ctx.print(`${u.code} ${u.name} 在编 ${u.staffCount} 人 联系人 ${u.contactName ?? '—'} ${u.contactMobile ?? ''}${u.contactOpenId ? ' ✓飞书' : ''}`);
        for (const c of units.filter((x) => x.parentCode === u.code)) ctx.print(`  └ ${c.code} ${c.name} 在编 ${c.staffCount} 人`);
      }
    },
  },
  {
    name: 'bases:import',
    args: '<file> [--replace]',
    summary: '导入柳州市干部教育培训基地名单（基地名称、所在城市、别名）',
    async run(ctx, pos, flags) {
      need(pos, 1, 'bases:import <file> [--replace]');
      const rows = await readFileTable<BaseColumn>(ctx, pos[0]!, BASES_TABLE.columns);
      const r = validateBases(rows);
      if (!r.ok) printProblems(ctx, path.basename(pos[0]!), r.problems);
      await createStores(ctx.db).bases.save(r.bases, flags.replace === true);
      ctx.print(`已导入 ${r.bases.length} 个培训基地${flags.replace === true ? '（名单已整体替换）' : ''}。`);
    },
  },
  {
    name: 'bases:list',
    args: '',
    summary: '列出培训基地名单',
    async run(ctx) {
      const bases = await createStores(ctx.db).bases.all();
      if (!bases.length) ctx.print('（名单为空，请用 bases:import 导入）');
      for (const b of bases) ctx.print(`${b.name}（${b.city}）${b.aliases.length ? ` 别名：${b.aliases.join('、')}` : ''}`);
    },
  },
  {
    name: 'calendar:import',
    args: '<file>',
    summary: '导入管理员单独设定的日子（日期、类型 holiday/workday、名称），每一天只替换那一天；整年的安排用 calendar:notice',
    async run(ctx, pos) {
      need(pos, 1, 'calendar:import <file>');
      const rows = await readFileTable<CalendarColumn>(ctx, pos[0]!, specs(CALENDAR_COLUMNS, ['date', 'kind']));
      const r = validateCalendar(rows);
      if (!r.ok) printProblems(ctx, path.basename(pos[0]!), r.problems);
      await createStores(ctx.db).calendarData.saveAdminDays(r.days);
      const years = [...new Set(r.days.map((d) => d.date.slice(0, 4)))].join('、');
      ctx.print(`已导入 ${r.days.length} 天（${years}年）：放假 ${r.days.filter((d) => d.kind === 'holiday').length} 天，调休上班 ${r.days.filter((d) => d.kind === 'workday').length} 天。`);
    },
  },
  {
    name: 'campaign:set',
    args: '<year> [--opens D] [--declare-by D] [--revise-by D] [--backfill-by D]',
    summary: '设置某计划年度的申报日程（日期为北京时间，截止日当天 24:00 前有效）',
    async run(ctx, pos, flags) {
      need(pos, 1, 'campaign:set <year> [--opens D] [--declare-by D] [--revise-by D] [--backfill-by D]');
      const year = parseYear(pos[0]);
      const r = await setCampaignDates(createStores(ctx.db), year, {
        opens: parseDateFlag('opens', flags.opens),
        declareBy: parseDateFlag('declare-by', flags['declare-by']),
        reviseBy: parseDateFlag('revise-by', flags['revise-by']),
        backfillBy: parseDateFlag('backfill-by', flags['backfill-by']),
      });
      if (!r.ok) throw new CliError(r.error);
      for (const line of describeCampaign(r.campaign)) ctx.print(line);
    },
  },
  {
    name: 'campaign:show',
    args: '<year>',
    summary: '查看某计划年度的申报日程和当前阶段',
    async run(ctx, pos) {
      need(pos, 1, 'campaign:show <year>');
      const year = parseYear(pos[0]);
      const c = await campaignFor(createStores(ctx.db), year);
      for (const line of describeCampaign(c)) ctx.print(line);
      const phase = phaseAt(c, ctx.now);
      const label = { not_open: '尚未开始', declaring: '申报中', revising: '修改中（只受理被退回计划）', second_review: '已关闭，复审阶段', published: '已公布' }[phase.phase];
      ctx.print(`当前阶段：${label}`);
    },
  },
];
