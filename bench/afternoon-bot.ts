// Reference for bench:latency — the replying bot a team would write in an afternoon: the SDK's
// EventDispatcher with adaptExpress (decrypting, checking the signature), the message id inserted into
// SQLite as its dedupe, and the answer sent at once with `im.message.create`. No inbox, no outbox, no
// rate limits, no retries: what it lacks is what the real bot is measured keeping.
import * as lark from '@larksuiteoapi/node-sdk';
import Database from 'better-sqlite3';
import express from 'express';

const port = Number(process.env.PORT);
const db = new Database(process.env.DB_FILE!);
db.pragma('journal_mode = WAL');
db.exec('CREATE TABLE IF NOT EXISTS seen (message_id TEXT PRIMARY KEY)');
const insert = db.prepare('INSERT OR IGNORE INTO seen (message_id) VALUES (?)');

const client = new lark.Client({
  appId: process.env.APP_ID!,
  appSecret: process.env.APP_SECRET!,
  domain: process.env.FEISHU_BASE_URL!,
  loggerLevel: lark.LoggerLevel.error,
});
const HELP = JSON.stringify({ text: '您好，我是培训计划申报助手。发送「申报」开始填写，发送「我的申报」查看进度。' });

const dispatcher = new lark.EventDispatcher({
  encryptKey: process.env.ENCRYPT_KEY,
  loggerLevel: lark.LoggerLevel.error,
}).register({
  'im.message.receive_v1': async (data) => {
    if (insert.run(data.message.message_id).changes === 0) return;
    await client.im.message
      .create({ params: { receive_id_type: 'chat_id' }, data: { receive_id: data.message.chat_id, msg_type: 'text', content: HELP } })
      .catch(() => undefined); // refused (a rate limit): lost, as in such a bot
  },
});

const app = express();
app.use(express.json({ limit: '1mb' }));
app.post('/feishu/events', lark.adaptExpress(dispatcher, { autoChallenge: true }));
app.listen(port, '127.0.0.1', () => process.stdout.write('ready\n'));
