// calendar:notice, calendar:show — a year's working-day calendar from the State Council's notice, and what a
// year's calendar is now (as text by festival and month, or as JSON).
import fs from 'node:fs';
import path from 'node:path';
import { changeLine, festivalLine, groupLine, monthLine } from '../cards/calendar-text.ts';
import { formatDateTime } from '../domain/dates.ts';
import { readHolidayNotice, type Festival } from '../domain/holiday-notice.ts';
import { monthSummaries, namedGroups, noticeJson, scheduleJson, yearWorkingDays, type MonthSummary } from '../domain/year-calendar.ts';
import type { NoticeView } from '../cards/holiday-card.ts';
import { alreadyCurrent, CLI_ACTOR, contentOf, importPending, personName, scheduleLabel, viewOf } from '../features/calendar/notice-import.ts';
import { problemsText } from '../features/calendar/replies.ts';
import { loadWorkCalendar } from '../model/reference-data.ts';
import { cliDeps } from './deps.ts';
import { CliError, need, parseYear, type CliCommand, type CliContext } from './types.ts';

/** The notice as text: UTF-8 (with or without BOM) or, from Windows Notepad, GBK. */
function readText(file: string): string {
  if (!fs.existsSync(file)) throw new CliError(`找不到文件「${file}」`);
  const data = fs.readFileSync(file);
  if (data.subarray(0, 2).toString('latin1') === 'PK' || data[0] === 0xd0) {
    throw new CliError(`「${path.basename(file)}」是 Word 或压缩文件。请把通知全文复制到记事本，另存为 .txt 文件后再导入`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(data);
  }
}

const festivalRows = (festivals: readonly Festival[], year: number) => festivals.map((f) => `  ${f.name}　${festivalLine(f, year)}`);
const monthRows = (months: readonly MonthSummary[]) => [...months.map((m) => `  ${monthLine(m)}`), `  全年工作日 ${yearWorkingDays(months)} 天`];
const MONTHS_HEAD = '按月（放假：落在周一至周五的休息日；上班：调休上班的周末）：';

function printView(ctx: CliContext, v: NoticeView) {
  for (const line of [MONTHS_HEAD, ...monthRows(v.months)]) ctx.print(line);
  for (const n of v.notes) ctx.print(`已忽略（倡导性内容，不是放假安排）：「${n.sentence}」`);
  if (v.current.kind === 'none') ctx.print(`${v.year}年目前没有安排（暂按周一至周五计算），导入后 ${v.changes.length} 天改变。`);
  else if (!v.changes.length) ctx.print(`现有安排：${v.current.label}。这份通知与之完全相同。`);
  else for (const line of [`现有安排：${v.current.label}。与之相比，${v.changes.length} 天有变化：`, ...v.changes.map((c) => `  ${changeLine(c, v.year)}`)]) ctx.print(line);
  if (v.adminDays.length) ctx.print(`管理员单独设定的 ${v.adminDays.length} 天仍然有效：${v.adminDays.map((d) => `${d.date}${d.kind === 'holiday' ? '放假' : '上班'}`).join('、')}`);
}

export const CALENDAR_COMMANDS: CliCommand[] = [
  {
    name: 'calendar:notice',
    args: '<file.txt> [--year Y] [--dry-run] [--json]',
    summary: '从《国务院办公厅关于YYYY年部分节假日安排的通知》全文导入一年的节假日安排（--dry-run 只读不存）',
    async run(ctx, pos, flags) {
      need(pos, 1, 'calendar:notice <file.txt> [--year Y] [--dry-run] [--json]');
      const year = flags.year === undefined ? undefined : parseYear(flags.year, '--year');
      const text = readText(pos[0]!);
      const r = readHolidayNotice(text, { year });
      if (!r.ok) {
        for (const line of problemsText(r.problems)) ctx.print(line);
        if (r.problems.some((p) => p.code === 'no_year')) ctx.print('没有标题时，请用 --year 指明年份，例如 --year 2027。');
        throw new CliError('没有导入');
      }
      const n = r.notice;
      const json = flags.json === true;
      const dryRun = flags['dry-run'] === true;
      const deps = cliDeps(ctx);
      const content = contentOf(n);
      if (!json) {
        for (const line of [`读取《${n.title}》（${path.basename(pos[0]!)}）：${n.festivals.length} 个节日`, ...festivalRows(n.festivals, n.year)]) ctx.print(line);
        printView(ctx, await viewOf(deps, content));
      }
      if (dryRun) {
        if (json) ctx.print(JSON.stringify(noticeJson(n.schedule), null, 2));
        else ctx.print('（试运行：没有保存任何内容。）');
        return;
      }
      const same = await alreadyCurrent(deps, content);
      if (same) {
        if (json) ctx.print(JSON.stringify(noticeJson(n.schedule), null, 2));
        else ctx.print(`${n.year}年的安排已于 ${formatDateTime(same.importedAt!)} 由 ${await personName(deps, same.importedBy)} 导入，内容相同，没有重复导入。`);
        return;
      }
      const pending = await deps.holidayNotices.create({ text, content, channel: 'cli', by: CLI_ACTOR, at: ctx.now });
      const done = await importPending(deps, pending, CLI_ACTOR);
      if (!done.ok) throw new CliError('导入时状态已变化，请重新运行');
      if (json) return ctx.print(JSON.stringify(noticeJson(n.schedule), null, 2));
      const o = done.outcome;
      ctx.print(`已导入${n.year}年节假日安排。`);
      ctx.print(o.moved ? `已按新安排重新计算 ${o.checked} 期培训班的期限：${o.moved} 期有变化，已通知 ${o.people} 人（消息由运行中的机器人发出）。` : `已按新安排重新计算 ${o.checked} 期培训班的期限，没有期限因此改变。`);
    },
  },
  {
    name: 'calendar:show',
    args: '<year> [--json]',
    summary: '查看某年的工作日安排和数据来源（国务院通知 / 系统内置 / 无），按节日和月份；--json 输出放假和调休上班的日期',
    async run(ctx, pos, flags) {
      need(pos, 1, 'calendar:show <year> [--json]');
      const year = parseYear(pos[0]);
      const deps = cliDeps(ctx);
      const cal = await loadWorkCalendar(deps);
      if (flags.json === true) return ctx.print(JSON.stringify(scheduleJson(cal, year), null, 2));
      const source = cal.yearSource(year);
      ctx.print(`${year}年工作日数据：${source === 'none' ? '没有数据：按周一至周五计算（暂定），请导入当年的国务院节假日安排通知（calendar:notice）' : await scheduleLabel(deps, year, cal)}`);
      const festivals = source === 'notice' ? festivalRows((await deps.holidayNotices.current(year))?.festivals ?? [], year) : namedGroups(cal, year).map((g) => `  ${g.name}　${groupLine(g, year)}`);
      for (const line of [...festivals, MONTHS_HEAD, ...monthRows(monthSummaries(cal, year))]) ctx.print(line);
      const own = cal.specialDays(year).filter((d) => d.source === 'admin');
      if (own.length) ctx.print(`另有管理员逐日设定的 ${own.length} 天：${own.map((d) => `${d.date}${d.kind === 'holiday' ? '放假' : '上班'}`).join('、')}`);
    },
  },
];
