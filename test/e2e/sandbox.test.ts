// The sandbox without a browser: its API turns what a visitor does into real pushes, validates every body,
// travels in time to run the scheduled jobs, keeps conversations across a restart, and resets to the demo data.
// Production has no sandbox pages.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { movableClock } from '../../src/clock.ts';
import { createLogger } from '../../src/logger.ts';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/sandbox.ts';
import { startHarness } from '../support/harness.ts';

const LIMING = 'ou_sandbox_hrss_liming';
const ZHANGWEI = 'ou_sandbox_fin_zhangwei';
const ZHAOMIN = 'ou_sandbox_edu_zhaomin';
let dir: string;
let sandbox: RunningSandbox;
// A fixed Thursday: the demo campaign opens the day before and its presets (3 days before the 申报 deadline …)
// fall on working days, whatever the real date is.
const clock = movableClock(new Date('2026-11-26T10:00:00+08:00'));
const start = (reset: boolean) => startSandbox({ dataDir: dir, port: 0, logger: createLogger('silent'), logLevel: 'silent', reset, clock });

async function post(p: string, body: unknown) {
  const res = await fetch(`${sandbox.url}/sandbox/api/${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}
async function chat(openId: string) {
  await sandbox.bot().idle();
  const res = await fetch(`${sandbox.url}/sandbox/api/chat?openId=${openId}`);
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
    const state = (await (await fetch(`${sandbox.url}/sandbox/api/state`)).json()) as { people: { openId: string; title: string }[]; presets: { label: string }[] };
    expect(state.people.map((p) => p.openId)).toContain(LIMING);
    expect(state.presets[0]!.label).toMatch(/^申报截止前 3 天 09:00/);
    expect((await post('say', { openId: LIMING, text: '帮助' })).status).toBe(200);
    expect(textOf(await chat(LIMING))).toContain('我能做什么');
    // The webhook accepted it as Feishu's: it is in the inbox, processed.
    expect(await sandbox.bot().db.inboundEvent.count({ where: { status: 'done' } })).toBeGreaterThan(0);
  });

  it('validates every body and only lets the demo people act', async () => {
    expect(await post('say', { openId: LIMING })).toMatchObject({ status: 400 });
    expect(await post('say', { openId: 'ou_not_in_sandbox', text: '帮助' })).toMatchObject({ status: 404, json: { error: '沙盒里没有这个人，请从左侧选择' } });
    expect(await post('jobs', { at: '明天' })).toMatchObject({ status: 400 });
    expect(await post('upload', { openId: LIMING, fileName: 'a.xlsx', data: '' })).toMatchObject({ status: 400 });
  });

  it('travels in time: the scheduled jobs run as of the chosen instant and the reminders reach the chats', async () => {
    const state = (await (await fetch(`${sandbox.url}/sandbox/api/state`)).json()) as { presets: { label: string; at: string }[] };
    const at = state.presets[0]!.at; // 3 days before the 申报 deadline, 09:00
    const dry = await post('jobs', { at, dryRun: true });
    expect((dry.json.lines as string[]).join('\n')).toContain('将要发送（试运行，未发送） 2 条提醒');
    expect(textOf(await chat(ZHANGWEI))).not.toContain('培训计划申报提醒');
    const run = await post('jobs', { at });
    expect((run.json.lines as string[]).join('\n')).toMatch(/已发送 2 条提醒/);
    expect(textOf(await chat(ZHANGWEI))).toContain('培训计划申报提醒');
    expect(textOf(await chat(ZHAOMIN))).not.toContain('培训计划申报提醒'); // 教育局 has submitted
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
