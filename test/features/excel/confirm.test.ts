// 确认导入 / 不导入 on a checked upload: every way the click is refused (table), and what changes between the
// check and the click (the campaign moved on, the out-of-city quota was used meanwhile).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { confirmImport } from '../../../src/features/excel/confirm-import.ts';
import { createLogger } from '../../../src/logger.ts';
import { world, type World } from '../../support/converse.ts';
import { city, declarant, unit } from '../../support/fixtures.ts';
import { DECLARING, filled, HRSS, ROW, type Row, type Talk } from './sheets.ts';

const DECL = 'ou_cf_decl_00001';
const OTHER = 'ou_cf_other_0001';
const REVISING = new Date('2026-08-07T10:00:00+08:00');
const NEXT_YEAR = new Date('2027-08-03T10:00:00+08:00');
/** 市外 in October at a listed base: within the rules, but counted into the unit's out-of-city quota. */
const OUT_OF_CITY: Row = { 4: '市外', 7: 40, 10: 10, 11: '江西井冈山', 12: '中国井冈山干部学院' };

let w: World;
let t: Talk;
beforeEach(async () => {
  w = await world({ start: DECLARING });
  await city(w.stores, {
    units: [HRSS, unit('102001', '柳州市财政局', { staffCount: 90 })],
    bases: [{ name: '中国井冈山干部学院', city: '井冈山', aliases: [] }],
    people: [declarant(DECL, '101001', '李明'), declarant(OTHER, '102001', '张伟')],
  });
  t = w.as(DECL);
});
afterEach(() => w.lintSentCards());

/** Sends a filled form; the id of the upload its checked card would import. */
async function checked(rows: Row[], name = '申报表.xlsx'): Promise<number> {
  const answers = await t.send(name, await filled(t, rows));
  expect(answers.at(-1)).toContain('检查通过');
  const id = /"a":"excel_import","id":(\d+)/.exec(JSON.stringify(t.lastCard().content))?.[1];
  expect(id).toBeDefined();
  return Number(id);
}
const importValue = (id: number, submit: boolean) => ({ a: 'excel_import', id, submit });
const planCount = async () => (await w.stores.plans.list({})).length;

describe('确认导入 refused', () => {
  it.each([
    ['an upload that does not exist', async () => ({ who: DECL, value: importValue(999_999, false) }), { type: 'error', content: '找不到这次上传' }],
    ['another unit\'s upload', async () => ({ who: OTHER, value: importValue(await checked([ROW('2027年度甲培训班')]), false) }), { type: 'error', content: '找不到这次上传' }],
    [
      'a cancelled upload',
      async () => {
        const id = await checked([ROW('2027年度乙培训班')]);
        expect((await t.click('不导入')).toast).toEqual({ type: 'info', content: '已取消，没有导入任何内容' });
        return { who: DECL, value: importValue(id, false) };
      },
      { type: 'info', content: '这次上传已取消，请重新发送文件' },
    ],
    [
      'an upload of a year whose campaign has passed',
      async () => {
        const id = await checked([ROW('2027年度丙培训班')]);
        w.clock.set(NEXT_YEAR);
        return { who: DECL, value: importValue(id, false) };
      },
      { type: 'error', content: '申报年度已变化，请重新发送文件' },
    ],
  ])('%s', async (_, arrange, toast) => {
    const { who, value } = await arrange();
    const before = await planCount();
    expect((await w.as(who).clickValue('om_checked', value)).toast).toEqual(toast);
    expect(await planCount()).toBe(before);
  });

  it('submitting after the declaration deadline: only as drafts, which still works', async () => {
    await checked([ROW('2027年度丁培训班')]);
    w.clock.set(REVISING);
    const r = await t.click(/^确认导入并提交/);
    expect(r.toast?.type).toBe('error');
    expect(r.toast?.content).toMatch(/截止.*只能导入为草稿。$/);
    expect(await planCount()).toBe(0);
    expect((await t.click('确认导入为草稿')).toast?.content).toBe('已导入 1 个计划');
  });

  it('checked while only revisions are taken, the card offers drafts only', async () => {
    w.clock.set(REVISING);
    await checked([ROW('2027年度戊培训班')]);
    const card = t.all().at(-1)!;
    expect(card).toContain('确认后导入为草稿：');
    expect(card).toContain('[确认导入为草稿]');
    expect(card).not.toContain('确认导入并提交');
  });

  it('the out-of-city quota used by another file since the check: told what changed, nothing imported', async () => {
    const first = await checked([ROW('2027年度赴井冈山学习培训班', OUT_OF_CITY)], '第一批.xlsx');
    const second = await checked([ROW('2027年度赴延安学习培训班', OUT_OF_CITY)], '第二批.xlsx');
    expect((await t.clickValue('om_first', importValue(first, true))).toast?.content).toBe('已导入 1 个计划');
    const r = await t.clickValue('om_second', importValue(second, true));
    expect(r.toast?.type).toBe('error');
    expect(r.toast?.content).toMatch(/^情况有变化：本单位（含二层单位）在编 150 人.*合计 2 个：这是原则性要求，须在「情况说明」列写明理由。请重新发送文件$/);
    expect(await planCount()).toBe(1);
  });

  it('a click that loses the race to another is told the file was handled', async () => {
    const id = await checked([ROW('2027年度己培训班')]);
    const ports = w.app.ports;
    const racing = { ...ports, hub: w.app.hub, uploads: { ...ports.uploads, commit: async () => null } };
    const person = { openId: DECL, name: '李明', role: 'declarant' as const, unitCode: '101001' };
    expect(await confirmImport(racing, person, { id, submit: false, log: createLogger('silent') })).toEqual({ status: 'refused', reason: 'processed' });
    expect(await w.as(DECL).clickValue('om_checked', importValue(id, false))).toMatchObject({ toast: { type: 'success', content: '已导入 1 个计划' } });
  });
});

describe('不导入', () => {
  it('cancels once; another unit cannot', async () => {
    const id = await checked([ROW('2027年度庚培训班')]);
    expect((await w.as(OTHER).clickValue('om_checked', { a: 'excel_cancel', id })).toast).toEqual({ type: 'error', content: '找不到这次上传' });
    expect((await t.click('不导入')).toast).toEqual({ type: 'info', content: '已取消，没有导入任何内容' });
    expect((await t.click('不导入')).toast).toEqual({ type: 'info', content: '这次上传已处理过' });
  });

  it('also cancels a checked 补录 sheet', async () => {
    const h = await w.stores.historyUploads.save({ openId: DECL, unitCode: '101001', year: 2026, contentHash: 'h1', fileName: '补录表.xlsx', rows: [], at: DECLARING });
    expect((await t.clickValue('om_history', { a: 'excel_cancel', id: h.id })).toast).toEqual({ type: 'info', content: '已取消，没有导入任何内容' });
    expect((await w.stores.historyUploads.get(h.id))?.status).toBe('cancelled');
  });
});
