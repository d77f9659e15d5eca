// Reference for bench:webhook — the bot a team would write in an afternoon: the SDK's EventDispatcher
// with adaptExpress (decrypting and checking the signature), inserting the message id into SQLite,
// replying nothing. Run as a child process by bench/webhook.ts.
import * as lark from '@larksuiteoapi/node-sdk';
import Database from 'better-sqlite3';
import express from 'express';

const port = Number(process.env.PORT);
const db = new Database(process.env.DB_FILE!);
db.pragma('journal_mode = WAL');
db.exec('CREATE TABLE IF NOT EXISTS seen (message_id TEXT PRIMARY KEY)');
const insert = db.prepare('INSERT OR IGNORE INTO seen (message_id) VALUES (?)');

const dispatcher = new lark.EventDispatcher({
  encryptKey: process.env.ENCRYPT_KEY,
  loggerLevel: lark.LoggerLevel.error,
}).register({
  'im.message.receive_v1': async (data) => {
    insert.run(data.message.message_id);
  },
});

const app = express();
app.use(express.json({ limit: '1mb' }));
app.post('/feishu/events', lark.adaptExpress(dispatcher, { autoChallenge: true }));
app.listen(port, '127.0.0.1', () => process.stdout.write('ready\n'));
