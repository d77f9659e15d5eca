// The sandbox without a browser: its API turns what a visitor does into real pushes, validates every body,
// travels in time to run the scheduled jobs, keeps conversations across a restart, and resets to the demo data.
// Production has no sandbox pages.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, beijingInstant, beijingYmd, formatMonthDay } from '../../src/domain/dates.ts';
import { WorkCalendar } from '../../src/domain/working-days.ts';
import { createLogger } from '../../src/logger.ts';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/sandbox.ts';
import { startHarness } from '../support/harness.ts';

const LIMING = 'ou_sandbox_hrss_liming';
const ZHANGWEI = 'ou_sandbox_fin_zhangwei';
const ZHAOMIN = 'ou_sandbox_edu_zhaomin';
let dir: string;
let sandbox: RunningSandbox;
const start = (reset: boolean) => startSandbox({ dataDir: dir, port: 0, logger: createLogger('silent'), logLevel: 'silent', reset });

/** The token the sandbox writes into its page at every start. */
async function pageToken(): Promise<string> {
  const html = await (await fetch(`${sandbox.url}/sandbox/`)).text();
  return /<meta name="sandbox-token" content="([^"]+)"/.exec(html)![1]!;
}
async function post(p: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${sandbox.url}/sandbox/api/${p}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-sandbox-token': await pageToken(), ...headers }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}
/** fetch() may not set Host: a plain request can. */
function getWithHost(p: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: sandbox.port, path: p, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
const get = async (p: string) => fetch(`${sandbox.url}/sandbox/api/${p}`, { headers: { 'x-sandbox-token': await pageToken() } });
async function chat(openId: string) {
  await sandbox.bot().idle();
  const res = await get(`chat?openId=${openId}`);
  return ((await res.json()) as { items: { from: string; kind: string; text?: string; card?: unknown }[] }).items;
}
const textOf = (items: Awaited<ReturnType<typeof chat>>) => items.map((i) => i.text ?? JSON.stringify(i.card ?? '')).join('\n');

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tpbot-sbx-'));
  sandbox = await start(true);
});
afterAll(async () => {
  await sandbox.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the sandbox API', () => {
  it('serves the page and demo people, and goes through the real webhook with signed, encrypted pushes', async () => {
    expect((await fetch(`${sandbox.url}/sandbox/`)).status).toBe(200);
    const state = (await (await get('state')).json()) as { people: { openId: string; title: string }[]; presets: { label: string }[] };
    expect(state.people.map((p) => p.openId)).toContain(LIMING);
    expect(state.presets[0]!.label).toMatch(/^申报截止前 3 个工作日 09:00/);
    const full = state as unknown as { schedule: string; nowMs: number };
    expect(full.schedule).toMatch(/^演示日程按今天平移（正式通知为 8月5日申报截止、8月10日修改截止）：\d{4}年度申报截止 /);
    expect(Math.abs(full.nowMs - Date.now())).toBeLessThan(60_000);
    expect((await post('say', { openId: LIMING, text: '帮助' })).status).toBe(200);
    expect(textOf(await chat(LIMING))).toContain('我能做什么');
    // The webhook accepted it as Feishu's: it is in the inbox, processed.
    expect(await sandbox.bot().db.inboundEvent.count({ where: { status: 'done' } })).toBeGreaterThan(0);
  });

  it('answers only its own page: this machine\'s name, no other site, the token of this start', async () => {
    const reset = (headers: Record<string, string>) => fetch(`${sandbox.url}/sandbox/api/reset`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
    const token = await pageToken();
    expect((await reset({})).status).toBe(403); // no token: a form on another site
    expect((await reset({ 'x-sandbox-token': 'guessed' })).status).toBe(403);
    expect((await reset({ 'x-sandbox-token': token, origin: 'https://evil.example' })).status).toBe(403);
    expect((await reset({ 'x-sandbox-token': token, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    const rebound = await getWithHost('/sandbox/', 'attacker.example');
    expect(rebound.status).toBe(403); // DNS rebinding: another name pointing at 127.0.0.1
    expect(JSON.parse(rebound.body)).toEqual({ error: '沙盒只接受本机地址（127.0.0.1 或 localhost）的访问' });
    expect((await getWithHost('/sandbox/', `localhost:${sandbox.port}`)).status).toBe(200);
    const stale = await reset({ 'x-sandbox-token': 'x'.repeat(32) });
    expect(await stale.json()).toEqual({ error: '页面已过期（沙盒重新启动过），请刷新页面' });
  });

  it('validates every body and only lets the demo people act', async () => {
    expect(await post('say', { openId: LIMING })).toMatchObject({ status: 400 });
    expect(await post('say', { openId: 'ou_not_in_sandbox', text: '帮助' })).toMatchObject({ status: 404, json: { error: '沙盒里没有这个人，请从左侧选择' } });
    expect(await post('jobs', { at: '明天' })).toMatchObject({ status: 400 });
    expect(await post('upload', { openId: LIMING, fileName: 'a.xlsx', data: '' })).toMatchObject({ status: 400 });
  });

  it('travels in time: the scheduled jobs run as of the chosen instant and the reminders reach the chats', async () => {
    const state = (await (await get('state')).json()) as { presets: { label: string; at: string }[] };
    const at = state.presets[0]!.at; // 3 working days before the 申报 deadline, 09:00
    const dry = await post('jobs', { at, dryRun: true });
    expect((dry.json.lines as string[]).join('\n')).toContain('将要发送（试运行，未发送） 2 条提醒');
    expect(textOf(await chat(ZHANGWEI))).not.toContain('培训计划申报提醒');
    const run = await post('jobs', { at });
    expect((run.json.lines as string[]).join('\n')).toMatch(/已发送 2 条提醒/);
    // people by name and unit, jobs by their Chinese name, no ids or JSON
    expect((run.json.lines as string[]).join('\n')).toContain('张伟（柳州市财政局）');
    expect((run.json.lines as string[]).join('\n')).toContain('【草稿提醒】');
    expect((run.json.lines as string[]).join('\n')).not.toMatch(/\bou_|[{}]|【[a-z-]+】/);
    expect(textOf(await chat(ZHANGWEI))).toContain('培训计划申报提醒');
    expect(textOf(await chat(ZHAOMIN))).not.toContain('培训计划申报提醒'); // 教育局 has submitted
  });

  it('says why a run sends nothing on a day off, and when the next reminder goes out', async () => {
    // The first day off after the reminder preset, whatever day the sandbox started on.
    const state = (await (await get('state')).json()) as { presets: { at: string }[] };
    const cal = new WorkCalendar();
    let day = beijingYmd(new Date(state.presets[0]!.at));
    while (cal.isWorkingDay(day)) day = addDays(day, 1);
    const dry = await post('jobs', { at: beijingInstant(day, 10).toISOString(), dryRun: true });
    const lines = (dry.json.lines as string[]).join('\n');
    expect(lines).toContain(`${formatMonthDay(day)}是`);
    expect(lines).toMatch(/非工作日不发提醒（截止当天除外）(，顺延到|；下一次提醒：)\d+月\d+日 \d\d:\d\d（/);
    // Jobs that change data are not run in a dry run.
    expect(lines).toContain('【关闭申报】');
    expect(lines).toContain('此任务会修改数据，试运行时不执行');
  });

  it('keeps the conversations across a restart, and a reset restores the demo data', async () => {
    await sandbox.stop();
    sandbox = await start(false);
    expect(textOf(await chat(LIMING))).toContain('我能做什么');
    const before = await sandbox.bot().db.plan.count();
    await post('say', { openId: LIMING, text: '申报' });
    await post('say', { openId: LIMING, text: '101001' });
    await sandbox.bot().idle();
    expect(await sandbox.bot().db.plan.count()).toBe(before + 1);
    expect((await post('reset', {})).status).toBe(200);
    expect(await chat(LIMING)).toEqual([]);
    expect(await sandbox.bot().db.plan.count()).toBe(before);
  });
});

describe('the sandbox over the long connection (SANDBOX_CONNECTION=ws)', () => {
  it('the page\'s messages and clicks reach the bot as frames on the stand-in\'s WebSocket', async () => {
    await sandbox.stop();
    sandbox = await startSandbox({ dataDir: dir, port: 0, logger: createLogger('silent'), logLevel: 'silent', reset: true, connection: 'ws' });
    const frames = () => sandbox.state.standin.ws.answers.length;
    expect((await post('say', { openId: LIMING, text: '帮助' })).status).toBe(200);
    expect(textOf(await chat(LIMING))).toContain('我能做什么');
    expect(frames()).toBe(1);
    expect(sandbox.bot().feishuLink()).toMatchObject({ state: 'connected' });
  });
});

describe('production', () => {
  it('has no sandbox pages', async () => {
    const h = await startHarness();
    try {
      for (const p of ['/sandbox/', '/sandbox/api/state', '/sandbox/app.js']) expect((await fetch(`${h.bot.url}${p}`)).status).toBe(404);
    } finally {
      await h.stop();
    }
  });
});
