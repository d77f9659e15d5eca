// The sandbox in a real browser (Debian's Chromium through playwright-core): a declarant declares through the
// chat and the summary card, the reviewer approves on the card and the declarant's chat gets the result, and an
// uploaded spreadsheet with one error comes back with the row named. Screenshots of each final state go to
// test-artifacts/. Every action of the page is a signed, encrypted push to the real webhook.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/sandbox.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-artifacts');
const available = fs.existsSync(CHROMIUM);
if (!available) console.warn(`Chromium not found at ${CHROMIUM}: browser tests skipped (.ci/run installs it with apt-get install chromium)`);

const LIMING = 'ou_sandbox_hrss_liming';
const WANGFANG = 'ou_sandbox_reviewer_wangfang';
const ZHANGWEI = 'ou_sandbox_fin_zhangwei';
const LIUYANG = 'ou_sandbox_new_liuyang';

let sandbox: RunningSandbox;
let browser: Browser;
let page: Page;
let dir: string;

beforeAll(async () => {
  if (!available) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tpbot-sandbox-'));
  sandbox = await startSandbox({ dataDir: dir, port: 0, logger: createLogger('silent'), logLevel: 'silent', reset: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  page = await browser.newPage({ viewport: { width: 1280, height: 960 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  page.on('dialog', (d) => void d.accept());
  await page.goto(`${sandbox.url}/sandbox/`);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Waits until the bot has answered and the page shows the whole conversation. */
async function settled(openId: string) {
  await sandbox.bot().idle();
  const token = await page.locator('meta[name="sandbox-token"]').getAttribute('content');
  const { items } = (await (await fetch(`${sandbox.url}/sandbox/api/chat?openId=${openId}`, { headers: { 'x-sandbox-token': token ?? '' } })).json()) as { items: unknown[] };
  await expect.poll(() => page.locator('#messages .msg').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(items.length);
}

async function choose(openId: string) {
  await page.click(`#people li[data-open-id="${openId}"]`);
  await page.waitForTimeout(300);
  await settled(openId);
}

async function say(openId: string, text: string) {
  await page.fill('#text', text);
  await page.press('#text', 'Enter');
  await page.waitForTimeout(150);
  await settled(openId);
}

async function shot(name: string) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `sandbox-${name}.png`), fullPage: false });
}

const lastBot = () => page.locator('#messages .msg.bot').last();

describe.skipIf(!available)('the sandbox in a browser', () => {
  let number = '';

  it('a declarant declares a plan through the chat and submits it from the summary card', async () => {
    await choose(LIMING);
    await expect.poll(() => page.locator('#messages').innerText()).toContain('培训计划申报助手');
    await say(LIMING, '申报');
    const answers = ['101001', '人社业务能力提升培训班', '市内', '线下', '业务科室工作人员', '45', '1', '3', '10', '柳州市城中区市委党校', '中共柳州市委党校（柳州市行政学院）', '36000', '跳过', '李明', '0772-2825472', '跳过'];
    for (const a of answers) await say(LIMING, a);
    const summary = lastBot();
    await expect.poll(() => summary.innerText()).toContain('申报汇总');
    expect(await summary.innerText()).toContain('符合通知的各项要求');
    await summary.getByRole('button', { name: '提交', exact: true }).click();
    await page.waitForTimeout(300);
    await settled(LIMING);
    const text = await page.locator('#messages').innerText();
    number = /已提交 · (\d{4}-\d{3})/.exec(text)?.[1] ?? '';
    expect(number).toMatch(/^\d{4}-\d{3}$/);
    await shot('1-declarant-submitted');
  }, 90_000);

  it('the reviewer approves it on its card, and the declarant sees the result', async () => {
    await choose(WANGFANG);
    const card = page.locator('#messages .msg.bot', { hasText: `待初审 · ${number}` });
    await expect.poll(() => card.count()).toBe(1);
    await card.getByRole('button', { name: '通过', exact: true }).click();
    await expect.poll(() => page.locator('#messages').innerText()).toContain(`初审通过 · ${number}`);
    await shot('2-reviewer-approved');

    await choose(LIMING);
    await expect.poll(() => page.locator('#messages').innerText()).toContain(`${number}《人社业务能力提升培训班》初审已通过`);
    await shot('3-declarant-told');
  }, 60_000);

  it('a spreadsheet with one error comes back with the row and column named', async () => {
    await page.getByRole('button', { name: '下载模板', exact: true }).click();
    await page.waitForTimeout(300);
    await settled(LIMING);
    const link = page.locator('#messages a.file').last();
    expect(await link.innerText()).toContain('培训计划申报表（柳州市人力资源和社会保障局）.xlsx');
    const template = Buffer.from(await (await fetch(new URL(String(await link.getAttribute('href')), `${sandbox.url}/sandbox/`))).arrayBuffer());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('申报表')!;
    // columns: 3 培训班名称 4 类别 5 方式 6 对象 7 人数 8 期数 9 天数 10 月份 11 地点 13 经费 14 是否联合 16 联系人 17 电话
    const row: Record<number, ExcelJS.CellValue> = { 3: '社会保障政策解读培训班', 4: '市内', 5: '线下', 6: '经办人员', 7: '很多', 8: 1, 9: 2, 10: 9, 11: '柳州市柳北区', 13: 20000, 14: '否', 16: '李明', 17: '0772-2825472' };
    for (const [col, v] of Object.entries(row)) ws.getCell(5, Number(col)).value = v;
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    await page.setInputFiles('#file', { name: '申报表.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: filled });
    await page.waitForTimeout(300);
    await settled(LIMING);
    await expect.poll(() => page.locator('#messages').innerText()).toContain('第 5 行「每期人数」');
    expect(await page.locator('#messages a.file').last().innerText()).toContain('申报表（问题标注）.xlsx');
    await shot('4-upload-row-named');
  }, 60_000);

  it('the page follows what changes: a moving clock, the shifted demo schedule, the header after linking, names in time travel', async () => {
    expect(await page.locator('#schedule').innerText()).toMatch(/^演示日程按今天平移（正式通知为 8月5日申报截止、8月10日修改截止）：\d{4}年度申报截止 \d{4}年\d+月\d+日 23:59，修改截止 /);
    const before = await page.locator('#now').innerText();
    await page.waitForTimeout(1300);
    expect(await page.locator('#now').innerText()).not.toBe(before);

    await choose(LIUYANG);
    expect(await page.locator('#who').innerText()).toContain('刘洋 · 未关联单位');
    // an admin approves the link elsewhere: the header and the menu follow without choosing again
    await sandbox.bot().db.user.update({ where: { openId: LIUYANG }, data: { unitCode: '105001', role: 'declarant' } });
    await expect.poll(() => page.locator('#who').innerText(), { timeout: 8000 }).toContain('刘洋 · 申报人');
    await expect.poll(() => page.locator('#menus').innerText()).toContain('开始申报');

    await page.selectOption('#preset', { index: 1 });
    await page.check('#dry-run');
    await page.click('#travel');
    await expect.poll(() => page.locator('#travel-out').innerText(), { timeout: 15_000 }).toContain('【申报和修改截止提醒】');
    const out = await page.locator('#travel-out').innerText();
    expect(out).not.toMatch(/\bou_|[{}]/);
    await shot('5-page-follows');
  }, 60_000);

  it('the return form\'s multi-select is a dropdown with a checkbox per item, as in Feishu', async () => {
    await choose(ZHANGWEI);
    await say(ZHANGWEI, '我们10月在柳州市城中区办一期45人、3天的财政政策培训，预算3.6万，线下');
    const answers: [RegExp, string][] = [[/预算单位代码/, '102001'], [/培训对象/, '业务科室工作人员'], [/培训类别/, '市内'], [/培训方式/, '线下'], [/联系电话/, '0772-2825472'], [/联系人/, '张伟']];
    for (let i = 0; i < 15; i++) {
      const last = await lastBot().innerText();
      if (last.includes('申报汇总')) break;
      await say(ZHANGWEI, answers.find(([q]) => q.test(last))?.[1] ?? '跳过');
    }
    const summary = lastBot();
    await expect.poll(() => summary.innerText()).toContain('申报汇总');
    await summary.getByRole('button', { name: '提交', exact: true }).click();
    await page.waitForTimeout(300);
    await settled(ZHANGWEI);
    const planNo = /已提交 · (\d{4}-\d{3})/.exec(await page.locator('#messages').innerText())?.[1] ?? '';

    await choose(WANGFANG);
    const card = page.locator('#messages .msg.bot', { hasText: `待初审 · ${planNo}` });
    await expect.poll(() => card.count()).toBe(1);
    await card.getByRole('button', { name: '退回修改', exact: true }).click();
    const multi = page.locator('#messages details.multi').last();
    await expect.poll(() => multi.count()).toBe(1);
    await multi.locator('summary').click();
    await multi.getByLabel('每期人数').check();
    await multi.getByLabel('计划月份').check();
    expect(await multi.locator('summary').innerText()).toBe('每期人数、计划月份');
    await shot('6-return-form-multiselect');
    const form = multi.locator('xpath=ancestor::form');
    await form.locator('textarea, input[type="text"]').first().fill('人数偏少，月份请调整');
    await form.getByRole('button', { name: /退回/ }).last().click();
    await expect.poll(() => page.locator('#messages').innerText(), { timeout: 10_000 }).toContain(`退回修改 · ${planNo}`);
    const plan = await sandbox.bot().db.plan.findUnique({ where: { number: planNo } });
    const ret = await sandbox.bot().db.planEvent.findFirst({ where: { planId: plan!.id, action: 'return' } });
    expect(JSON.parse(ret!.details!).fields.map((f: { field: string }) => f.field)).toEqual(['headcount', 'month']);
  }, 90_000);
});
