// The sandbox page's API. What a visitor does becomes what Feishu would send: real-format pushes, signed and
// encrypted with the sandbox keys, posted to the bot's /feishu/events and /feishu/cards. What the bot sends
// back is read from the embedded stand-in. Every body is validated; only the demo people can act.
import { createStores } from '../db/stores.ts';
import crypto from 'node:crypto';
import express, { type Router } from 'express';
import { z } from 'zod';
import type { RunningBot } from '../app.ts';
import { systemClock } from '../clock.ts';
import { createContainer } from '../container.ts';
import { createInboxRepo } from '../db/inbox-repo.ts';
import { createOutboxRepo } from '../db/outbox-repo.ts';
import { beijingYmd, formatDateTime } from '../domain/dates.ts';
import { currentCampaignYear } from '../domain/campaign.ts';
import { DEFAULT_SCHEDULE } from '../domain/reminders.ts';
import { ROLE_LABELS } from '../domain/people.ts';
import { createSpreadsheets } from '../excel/spreadsheets.ts';
import { runJob } from '../jobs/jobs.ts';
import type { Logger } from '../logger.ts';
import { createMessenger } from '../runtime/messenger.ts';
import { campaignFor, loadWorkCalendar } from '../model/reference-data.ts';
import { PERSONAS } from './demo.ts';
import { sandboxPresets, type Preset } from './presets.ts';
import type { FeishuStub } from './feishu-standin.ts';
import { buildPush, cardActionEvent, envelope, messageEvent, postPush } from './push.ts';
import { SANDBOX_SECRETS } from './secrets.ts';

/** What the visitor did, shown on their side of the chat. */
export type LogItem = { id: string; openId: string; kind: 'text' | 'file' | 'image' | 'menu'; text: string; messageId: string; fileKey?: string | undefined; at: number };

export type SandboxState = { standin: FeishuStub; log: LogItem[]; dataDir: string; version: number };

type Deps = {
  state: SandboxState;
  bot: () => RunningBot;
  clock: { now(): Date };
  logger: Logger;
  reset: () => Promise<void>;
  /** 'ws': pushes reach the bot over the long connection (the stand-in's WebSocket) instead of its webhook. */
  connection?: 'webhook' | 'ws';
};

/** Menu keys as configured in the Feishu console (README), by who sees them. */
/** The bot's menu as the page shows it: each entry to the people its command is for. */
const menusOf = (bot: RunningBot) => bot.app.menu.map((m) => ({ key: m.key, label: m.label, for: [m.audience === 'admin' ? 'reviewer' : m.audience] }));

const openId = z.string().regex(/^ou_[0-9A-Za-z_-]{6,64}$/);
const schemas = {
  say: z.object({ openId, text: z.string().trim().min(1).max(2000) }),
  menu: z.object({ openId, key: z.string().regex(/^[a-z_]{2,40}$/) }),
  enter: z.object({ openId }),
  upload: z.object({ openId, fileName: z.string().trim().min(1).max(200), data: z.string().max(8_000_000), image: z.boolean().optional() }),
  click: z.object({
    openId,
    messageId: z.string().min(1).max(100),
    value: z.unknown(),
    formValue: z.record(z.string(), z.unknown()).optional(),
    option: z.string().max(200).optional(),
    tag: z.string().max(40).optional(),
  }),
  jobs: z.object({ at: z.iso.datetime({ offset: true }), dryRun: z.boolean().default(false) }),
};

let seq = 0;
const nextId = (prefix: string) => `${prefix}${Date.now().toString(36)}${(++seq).toString(36)}${crypto.randomBytes(2).toString('hex')}`;

export function sandboxApi(deps: Deps): Router {
  const router = express.Router();
  router.use(express.json({ limit: '10mb' }));
  const { state } = deps;
  const push = async (payload: unknown, path: '/feishu/events' | '/feishu/cards') => {
    if (deps.connection !== 'ws') return postPush(deps.bot().url, path, buildPush(payload, SANDBOX_SECRETS));
    const a = await state.standin.ws.push(payload);
    return { status: a.code, json: a.data ?? {} };
  };
  const env = (type: string, event: Record<string, unknown>) => envelope(type, event, SANDBOX_SECRETS);
  const known = async (id: string) => !!(await deps.bot().db.user.findUnique({ where: { openId: id } }));

  /** Validates the body and the person; answers 400 / 404 in Chinese otherwise. */
  const parse = async <S extends z.ZodType>(schema: S, req: express.Request, res: express.Response): Promise<z.infer<S> | null> => {
    const r = schema.safeParse(req.body);
    if (!r.success) {
      res.status(400).json({ error: `请求不完整：${r.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}` });
      return null;
    }
    const who = (r.data as { openId?: string }).openId;
    if (who && !(await known(who))) {
      res.status(404).json({ error: '沙盒里没有这个人，请从左侧选择' });
      return null;
    }
    return r.data;
  };

  router.get('/api/state', async (_req, res) => {
    const db = deps.bot().db;
    const stores = createStores(db);
    const units = new Map((await stores.registry.units()).map((u) => [u.code, u.name]));
    const users = await db.user.findMany({ orderBy: { createdAt: 'asc' } });
    const people = users.map((u) => {
      const demo = PERSONAS.find((p) => p.openId === u.openId);
      const role = u.role ? ROLE_LABELS[u.role as keyof typeof ROLE_LABELS] : '未关联';
      return { openId: u.openId, name: u.name ?? u.openId, title: u.unitCode ? `${role} · ${units.get(u.unitCode) ?? u.unitCode}` : (demo?.title ?? role), role: u.role, unitCode: u.unitCode };
    });
    const now = deps.clock.now();
    // The demo campaign is placed around today: say so, next to the notice's own dates (Aug 5 / Aug 10).
    const c = await campaignFor(stores, currentCampaignYear(now, await stores.campaigns.all()));
    const schedule = `演示日程按今天平移（正式通知为 8月5日申报截止、8月10日修改截止）：${c.year}年度申报截止 ${formatDateTime(new Date(c.declareClosesAt.getTime() - 1))}，修改截止 ${formatDateTime(new Date(c.reviseClosesAt.getTime() - 1))}。`;
    res.json({ people, menus: menusOf(deps.bot()), presets: await presets(deps, now), now: formatDateTime(now), nowMs: now.getTime(), schedule });
  });

  router.get('/api/chat', async (req, res) => {
    const who = typeof req.query.openId === 'string' ? req.query.openId : '';
    if (!openId.safeParse(who).success) return void res.status(400).json({ error: '缺少 openId' });
    res.json({ items: chatOf(state, who) });
  });

  router.post('/api/say', async (req, res) => {
    const b = await parse(schemas.say, req, res);
    if (!b) return;
    const messageId = nextId('om_sbx_');
    state.log.push({ id: messageId, openId: b.openId, kind: 'text', text: b.text, messageId, at: Date.now() });
    const r = await push(env('im.message.receive_v1', messageEvent({ openId: b.openId, text: b.text, messageId })), '/feishu/events');
    res.status(r.status === 200 ? 200 : 502).json({ ok: r.status === 200 });
  });

  router.post('/api/menu', async (req, res) => {
    const b = await parse(schemas.menu, req, res);
    if (!b) return;
    const label = deps.bot().app.menu.find((m) => m.key === b.key)?.label ?? b.key;
    state.log.push({ id: nextId('menu_'), openId: b.openId, kind: 'menu', text: `（菜单）${label}`, messageId: '', at: Date.now() });
    const r = await push(env('application.bot.menu_v6', { operator: { operator_id: { open_id: b.openId } }, event_key: b.key, timestamp: Math.floor(Date.now() / 1000) }), '/feishu/events');
    res.status(r.status === 200 ? 200 : 502).json({ ok: r.status === 200 });
  });

  router.post('/api/enter', async (req, res) => {
    const b = await parse(schemas.enter, req, res);
    if (!b) return;
    const r = await push(env('im.chat.access_event.bot_p2p_chat_entered_v1', { chat_id: `oc_p2p_${b.openId}`, operator_id: { open_id: b.openId }, last_message_id: '' }), '/feishu/events');
    res.status(r.status === 200 ? 200 : 502).json({ ok: r.status === 200 });
  });

  router.post('/api/upload', async (req, res) => {
    const b = await parse(schemas.upload, req, res);
    if (!b) return;
    const data = Buffer.from(b.data, 'base64');
    if (!data.length) return void res.status(400).json({ error: '文件是空的' });
    const messageId = nextId('om_sbx_');
    const key = `${b.image ? 'img_v3_sbx_' : 'file_v3_sbx_'}${crypto.randomBytes(6).toString('hex')}`;
    state.standin.addResource(messageId, key, data);
    state.log.push({ id: messageId, openId: b.openId, kind: b.image ? 'image' : 'file', text: b.fileName, messageId, fileKey: key, at: Date.now() });
    const spec = b.image ? { messageType: 'image', content: { image_key: key } } : { file: { fileKey: key, fileName: b.fileName } };
    const r = await push(env('im.message.receive_v1', messageEvent({ openId: b.openId, messageId, ...spec })), '/feishu/events');
    res.status(r.status === 200 ? 200 : 502).json({ ok: r.status === 200 });
  });

  router.post('/api/click', async (req, res) => {
    const b = await parse(schemas.click, req, res);
    if (!b) return;
    const r = await push(
      env('card.action.trigger', cardActionEvent({ openId: b.openId, messageId: b.messageId, value: b.value, ...(b.formValue ? { formValue: b.formValue } : {}), ...(b.option !== undefined ? { option: b.option } : {}), ...(b.tag ? { tag: b.tag } : {}) })),
      '/feishu/cards',
    );
    const body = (r.json ?? {}) as { toast?: unknown; card?: { data?: Record<string, unknown> } };
    // Feishu replaces the card in place with the one a callback returns: so does the stand-in's history.
    if (body.card?.data) state.standin.patches.push({ messageId: b.messageId, content: body.card.data, at: Date.now() });
    res.status(r.status === 200 ? 200 : 502).json(body);
  });

  router.get('/api/files/:fileKey', (req, res) => {
    const sent = state.standin.uploads.find((u) => u.fileKey === req.params.fileKey);
    const resource = [...state.standin.resources].find(([k]) => k.endsWith(`/${req.params.fileKey}`))?.[1];
    if (!sent && !resource) return void res.status(404).json({ error: '没有这个文件' });
    const name = sent?.fileName ?? state.log.find((l) => l.fileKey === req.params.fileKey)?.text ?? 'file';
    res.setHeader('content-type', 'application/octet-stream');
    res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
    res.end(sent?.data ?? resource!.data);
  });

  router.post('/api/jobs', async (req, res) => {
    const b = await parse(schemas.jobs, req, res);
    if (!b) return;
    const at = new Date(b.at);
    const bot = deps.bot();
    // The bot's features as of that instant; what they send is queued and delivered by the running bot.
    const app = createContainer({
      stores: createStores(bot.db),
      messenger: createMessenger(createOutboxRepo(bot.db), systemClock, () => {}, deps.logger),
      sheets: createSpreadsheets(),
      feishu: bot.api,
      clock: { now: () => at },
      logger: deps.logger,
      settings: bot.app.ports.settings,
    });
    const lines: string[] = [`按北京时间 ${formatDateTime(at)} ${b.dryRun ? '试运行（只显示，不发送）' : '运行'}定时任务：`];
    for (const job of app.jobs) {
      lines.push(`【${job.title}】${job.description}`);
      lines.push(...(await runJob(job, at, { dryRun: b.dryRun })).map((l) => `  ${l}`));
    }
    // People and chats by name, as the page shows them (the job reports name them by Feishu id).
    const units = new Map((await createStores(bot.db).registry.units()).map((u) => [u.code, u.name]));
    const names = new Map((await bot.db.user.findMany()).map((u) => [u.openId, `${u.name ?? u.openId}${u.unitCode ? `（${units.get(u.unitCode) ?? u.unitCode}）` : ''}`]));
    const named = (l: string) => l.replace(/\bou_[0-9A-Za-z_-]+/g, (id) => names.get(id) ?? id).replace(/\boc_[0-9A-Za-z_-]+/g, '审核群');
    res.json({ lines: lines.map(named) });
  });

  router.post('/api/reset', async (_req, res) => {
    await deps.reset();
    res.json({ ok: true });
  });

  return router;
}

export type ChatItem =
  | { id: string; from: 'me'; kind: LogItem['kind']; text: string; fileKey?: string | undefined; at: number }
  | { id: string; from: 'bot'; kind: 'text'; text: string; at: number }
  | { id: string; from: 'bot'; kind: 'card'; card: Record<string, unknown>; updated: boolean; at: number }
  | { id: string; from: 'bot'; kind: 'file'; fileName: string; fileKey: string; at: number }
  | { id: string; from: 'bot'; kind: 'other'; text: string; at: number };

/** One person's conversation with the bot: what they did and what the bot sent, cards in their latest state. */
export function chatOf(state: SandboxState, who: string): ChatItem[] {
  const mine = state.log.filter((l) => l.openId === who);
  const myMessages = new Set(mine.map((l) => l.messageId).filter(Boolean));
  const latest = new Map<string, Record<string, unknown>>();
  for (const p of state.standin.patches) latest.set(p.messageId, p.content);
  const bot: ChatItem[] = state.standin.messages
    .filter((m) => (m.op === 'create' && m.receiveId === who) || (m.op === 'reply' && myMessages.has(m.replyTo ?? '')))
    .map((m): ChatItem => {
      if (m.msgType === 'text') return { id: m.messageId, from: 'bot', kind: 'text', text: String(m.content.text ?? ''), at: m.at };
      if (m.msgType === 'interactive') return { id: m.messageId, from: 'bot', kind: 'card', card: latest.get(m.messageId) ?? m.content, updated: latest.has(m.messageId), at: m.at };
      if (m.msgType === 'file') {
        const key = String(m.content.file_key ?? '');
        return { id: m.messageId, from: 'bot', kind: 'file', fileKey: key, fileName: state.standin.uploads.find((u) => u.fileKey === key)?.fileName ?? '文件', at: m.at };
      }
      return { id: m.messageId, from: 'bot', kind: 'other', text: `（${m.msgType} 消息）`, at: m.at };
    });
  const me: ChatItem[] = mine.map((l) => ({ id: l.id, from: 'me', kind: l.kind, text: l.text, fileKey: l.fileKey, at: l.at }));
  return [...me, ...bot].sort((a, b) => a.at - b.at);
}

/** Moments worth travelling to: around the deadlines of the open campaign and the demo class. */
async function presets(deps: Deps, now: Date): Promise<Preset[]> {
  const db = deps.bot().db;
  const stores = createStores(db);
  const campaign = await campaignFor(stores, currentCampaignYear(now, await stores.campaigns.all()));
  const today = beijingYmd(now);
  const cls = await db.trainingClass.findFirst({ where: { status: 'active', source: 'chat', startDate: { gte: today } }, orderBy: { startDate: 'asc' } });
  return sandboxPresets({
    campaign,
    cal: await loadWorkCalendar({ ...stores, logger: deps.logger }),
    schedule: DEFAULT_SCHEDULE,
    now,
    demoClass: cls ? { id: cls.id, start: cls.startDate, end: cls.endDate, createdAt: cls.createdAt } : null,
  });
}
