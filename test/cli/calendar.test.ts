// Loading a year's holidays from the State Council's notice with the admin CLI, and showing a year's
// calendar as text and as JSON, against a real database.
import { createStores } from '../../src/db/stores.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliAt } from '../support/cli.ts';
import type { PlanDraft } from '../../src/domain/plan.ts';
import { gbkBytes } from '../support/gbk.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/holiday-notices');
const fixture = (name: string) => path.join(FIXTURES, name);
let dir: string;
let env: Record<string, string>;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tpbot-cal-'));
  env = { DATABASE_URL: `file:${path.join(dir, 'cal.db')}`, LOG_LEVEL: 'silent' };
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const { cli, withDb } = cliAt(() => env, new Date('2026-11-05T10:00:00+08:00'));

const write = (name: string, text: string | Buffer) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
};

describe('calendar:notice --dry-run --json', () => {
  it('prints what it read as JSON and stores nothing', async () => {
    const r = await cli('calendar:notice', fixture('2025.txt'), '--dry-run', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      year: 2025,
      source: 'notice',
      holidays: ['2025-01-01', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-03', '2025-02-04', '2025-04-04', '2025-05-01', '2025-05-02', '2025-05-05', '2025-06-02', '2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08'],
      workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
    });
    expect(await withDb((db) => db.holidayNotice.count())).toBe(0);
  });

  it('a text without a title needs --year', async () => {
    const text = fs.readFileSync(fixture('2026.txt'), 'utf8');
    const file = write('items.txt', text.slice(text.indexOf('一、元旦')));
    const r = await cli('calendar:notice', file, '--dry-run', '--json');
    expect(r.code).toBe(1);
    expect(r.out).toContain('没有找到年份');
    expect(r.out).toContain('--year 2027');
    const ok = await cli('calendar:notice', file, '--year', '2026', '--dry-run', '--json');
    expect(JSON.parse(ok.out)).toMatchObject({ year: 2026, workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'] });
  });

  it('reads a file Notepad saved as GBK', async () => {
    const r = await cli('calendar:notice', write('gbk.txt', gbkBytes(fs.readFileSync(fixture('2024.txt'), 'utf8'))), '--dry-run', '--json');
    expect(JSON.parse(r.out)).toMatchObject({ year: 2024, workdays: ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12'] });
  });
});

describe('a notice that cannot be read or contradicts itself', () => {
  it.each([
    ['a weekday that is not that date', (t: string) => t.replace('10月1日（周四）', '10月1日（周二）'), '「七、国庆节：10月1日（周二）至7日（周三）放假调休，共7天。」：2026年10月1日是星期四，不是括号里写的「周二」'],
    ['a count that is not the range', (t: string) => t.replace('共9天', '共8天'), '写的是共8天，但2026年2月15日至2026年2月23日是 9 天'],
    ['a make-up day on a weekday', (t: string) => t.replace('5月9日（周六）上班', '5月8日（周五）上班'), '「5月8日（周五）上班。」：上班日2026年5月8日是星期五'],
    ['a sentence it cannot read', (t: string) => t.replace('1月4日（周日）上班。', '1月4日（周日）照常上课。'), '读不懂「1月4日（周日）照常上课」'],
  ])('%s: exits non-zero naming the sentence, stores nothing', async (_what, change, message) => {
    const file = write('bad.txt', change(fs.readFileSync(fixture('2026.txt'), 'utf8')));
    const r = await cli('calendar:notice', file);
    expect(r.code).toBe(1);
    expect(r.out).toContain(message);
    expect(r.out).toContain('错误：没有导入');
    expect(await withDb((db) => db.holidayNotice.count())).toBe(0);
  });

  it('a Word file is refused with what to do', async () => {
    const r = await cli('calendar:notice', write('notice.docx', Buffer.from('PK\u0003\u0004word')));
    expect(r).toMatchObject({ code: 1, out: expect.stringContaining('另存为 .txt') });
  });
});

describe('calendar:notice stores the year; calendar:show shows it', () => {
  const data: PlanDraft = { budgetCode: '101001', title: '2027年度业务培训班', scope: '市内', mode: '线下', headcount: 40, sessions: 1, days: 3, month: 10 };
  const ev = { at: new Date('2026-10-20T10:00:00+08:00'), actor: 'cli', action: 'create', fromStatus: null, toStatus: 'PUBLISHED' as const, comment: null, changes: null, channel: 'cli' as const };

  beforeAll(async () => {
    await withDb(async (db) => {
      await db.unit.create({ data: { code: '101001', name: '柳州市人力资源和社会保障局', staffCount: 150 } });
      await db.user.create({ data: { openId: 'ou_cli_decl_0001', name: '李明', role: 'declarant', unitCode: '101001' } });
      const p = await createStores(db).plans.create({ year: 2027, unitCode: '101001', status: 'PUBLISHED', data, event: ev });
      await createStores(db).classes.add({ planId: p.id, seq: 1, start: '2027-10-11', end: '2027-10-13', source: 'chat', at: ev.at, event: ev });
    });
  });

  it('before: the year has no source, and says so', async () => {
    expect(JSON.parse((await cli('calendar:show', '2027', '--json')).out)).toEqual({ year: 2027, source: 'none', holidays: [], workdays: [] });
    expect((await cli('calendar:show', '2027')).out).toContain('没有数据：按周一至周五计算（暂定）');
  });

  it('prints what it read by festival and by month, stores it, and tells the declarant whose due dates moved', async () => {
    const r = await cli('calendar:notice', fixture('2027-sample.txt'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('读取《国务院办公厅关于2027年部分节假日安排的通知》（2027-sample.txt）：7 个节日');
    expect(r.out).toContain('  国庆节　10月1日（周五）至7日（周四）放假，共7天；9月26日（周日）、10月9日（周六）上班');
    expect(r.out).toContain('  10月　工作日 17 天　放假 1日、4—7日　上班 9日（周六）');
    expect(r.out).toContain('2027年目前没有安排（暂按周一至周五计算），导入后 24 天改变');
    expect(r.out).toContain('已导入2027年节假日安排');
    expect(r.out).toContain('已按新安排重新计算 1 期培训班的期限：1 期有变化，已通知 1 人');
    const queued = await withDb((db) => db.outboxMessage.findMany({ where: { receiveId: 'ou_cli_decl_0001' } }));
    expect(queued).toHaveLength(1);
    expect(queued[0]!.idempotencyKey).toMatch(/^calendar:\d+:moved:ou_cli_decl_0001$/);
    expect(queued[0]!.content).toContain('①②③ 须在 **9月28日** 前完成（原为 10月4日，按 2027 年国务院节假日安排重新计算）');
  });

  it('calendar:show --json: the effective calendar, its source, and the days an admin set apart', async () => {
    expect((await cli('calendar:import', write('days.csv', 'date,kind,name\n2027-04-09,holiday,壮族三月三\n'))).code).toBe(0);
    const j = JSON.parse((await cli('calendar:show', '2027', '--json')).out);
    expect(j).toMatchObject({ year: 2027, source: 'notice', sources: { '2027-04-09': 'admin' } });
    expect(j.holidays).toEqual(expect.arrayContaining(['2027-04-09', '2027-10-04']));
    expect(j.workdays).toEqual(['2027-01-31', '2027-02-20', '2027-04-25', '2027-05-08', '2027-09-26', '2027-10-09']);
    const human = (await cli('calendar:show', '2027')).out;
    expect(human).toContain('2027年工作日数据：国务院办公厅通知，2026年11月5日 10:00 由 管理员（命令行） 导入');
    expect(human).toContain('  春节　2月5日（周五）至12日（周五）放假，共8天');
    expect(human).toContain('  4月　工作日 21 天　放假 5日、9日　上班 25日（周日）');
    expect(human).toContain('另有管理员逐日设定的 1 天：2027-04-09放假');
  });

  it('a corrected notice replaces the year\'s notice days and keeps the admin\'s single day', async () => {
    const corrected = fs.readFileSync(fixture('2027-sample.txt'), 'utf8').replace('9月26日（周日）、10月9日（周六）上班', '9月25日（周六）、10月9日（周六）上班');
    const r = await cli('calendar:notice', write('corrected.txt', corrected));
    expect(r.out).toContain('与之相比，2 天有变化');
    expect(r.out).toContain('9月26日（周日）：上班 → 放假');
    expect(r.out).toContain('管理员单独设定的 1 天仍然有效：2027-04-09放假');
    const j = JSON.parse((await cli('calendar:show', '2027', '--json')).out);
    expect(j.workdays).toEqual(['2027-01-31', '2027-02-20', '2027-04-25', '2027-05-08', '2027-09-25', '2027-10-09']);
    expect(j.sources).toEqual({ '2027-04-09': 'admin' });
    expect(await withDb((db) => db.holidayNotice.findMany({ select: { status: true }, orderBy: { id: 'asc' } }))).toEqual([{ status: 'replaced' }, { status: 'imported' }]);
    // The same text again is recognised, and nothing is stored twice.
    expect((await cli('calendar:notice', write('corrected-again.txt', corrected))).out).toContain('内容相同，没有重复导入');
    expect(await withDb((db) => db.holidayNotice.count())).toBe(2);
  });

  it('calendar:show of an official year, by festival and month', async () => {
    const r = await cli('calendar:show', '2026');
    expect(r.out).toContain('2026年工作日数据：国务院安排（系统内置）');
    expect(r.out).toContain('  国庆节　放假 10月1—7日；上班 9月20日（周日）、10月10日（周六）');
    expect(r.out).toContain('  全年工作日 248 天');
  });
});
