// The built bot in its own process with `npm start`'s flags, on a database seeded with one unit, its
// declarants and an admin, around an open declaration campaign (the process runs on the real clock), against
// a Feishu stand-in. Shared by the process tests of test/e2e/hostile-*.test.ts, each with its own database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { migrateSqlite } from '../../src/db/migrate.ts';
import { createDb } from '../../src/db/prisma.ts';
import { buildBundle, startProcess, type Started } from './bot-process.ts';
import { buildPush, envelope, messageEvent, postPush } from './feishu-push.ts';
import { startFeishuStub, type FeishuStub } from './feishu-stub.ts';
import { UNIT } from './hostile-files.ts';
import { messageText } from './transcript.ts';

const ENCRYPT_KEY = 'hostile-process-key';

/** Sets up (beforeAll) and tears down (afterEach/afterAll) one bot process world for the calling test file. */
export function hostileProcess(o: { declarants: string[]; admin?: string }) {
  const w = {
    stub: undefined as unknown as FeishuStub,
    dbUrl: '',
    dir: '',
  };
  let seq = 0;
  const started: Started[] = [];

  beforeAll(async () => {
    buildBundle();
    w.stub = await startFeishuStub();
    w.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tpbot-hproc-'));
    w.dbUrl = `file:${path.join(w.dir, 'bot.db')}`;
    migrateSqlite(w.dbUrl);
    const db = createDb(w.dbUrl);
    await db.unit.create({ data: { code: UNIT.code, name: UNIT.name, staffCount: 150 } });
    const people = o.declarants.map((openId) => ({ openId, name: '李明', role: 'declarant', unitCode: UNIT.code as string | null }));
    if (o.admin) people.push({ openId: o.admin, name: '管理员', role: 'admin', unitCode: null });
    await db.user.createMany({ data: people as { openId: string; name: string; role: string; unitCode: string }[] });
    const now = Date.now();
    const day = 24 * 3600 * 1000;
    await db.campaign.create({
      data: { year: new Date(now).getUTCFullYear() + 1, opensAt: new Date(now - day), declareClosesAt: new Date(now + 10 * day), reviseClosesAt: new Date(now + 15 * day), backfillClosesAt: new Date(now + 30 * day) },
    });
    await db.$disconnect();
  }, 60_000);
  afterEach(() => {
    for (const b of started.splice(0)) if (b.child.exitCode === null) b.child.kill('SIGKILL');
  });
  afterAll(async () => {
    await w.stub.stop();
    fs.rmSync(w.dir, { recursive: true, force: true });
  });

  return {
    get stub() {
      return w.stub;
    },
    get dbUrl() {
      return w.dbUrl;
    },
    start(e: Record<string, string>, port: number) {
      const s = startProcess(e, port);
      started.push(s);
      return s;
    },
    env: (extra: Record<string, string> = {}) => ({
      DATABASE_URL: w.dbUrl,
      FEISHU_APP_ID: w.stub.appId,
      FEISHU_APP_SECRET: w.stub.appSecret,
      FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
      FEISHU_BASE_URL: w.stub.url,
      LOG_LEVEL: 'warn',
      ...extra,
    }),
    /** A message (text or a file) from `openId`, signed and encrypted, POSTed to the bot's webhook. */
    async push(bot: Started, openId: string, spec: { text?: string; file?: { name: string; data: Buffer } }) {
      const messageId = `om_hproc_${++seq}`;
      const file = spec.file ? { fileKey: `file_v3_p${seq}`, fileName: spec.file.name } : undefined;
      if (spec.file) w.stub.addResource(messageId, file!.fileKey, spec.file.data);
      const payload = envelope('im.message.receive_v1', messageEvent({ openId, messageId, ...(spec.text !== undefined ? { text: spec.text } : {}), ...(file ? { file } : {}) }), { appId: w.stub.appId });
      const res = await postPush(bot.url, '/feishu/events', buildPush(payload, { encryptKey: ENCRYPT_KEY }));
      expect(res.status).toBe(200);
      return messageId;
    },
    /** A raw envelope POSTed as Feishu would. */
    async post(bot: Started, payload: unknown) {
      return postPush(bot.url, '/feishu/events', buildPush(payload, { encryptKey: ENCRYPT_KEY }));
    },
    textsTo: (openId: string) => w.stub.messagesTo(openId).map(messageText),
  };
}
