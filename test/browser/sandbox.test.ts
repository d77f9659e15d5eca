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
});
