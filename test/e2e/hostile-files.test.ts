// Spreadsheets that used to kill the bot, sent through the real webhook to the real bot (readers in worker
// threads): each gets a clear answer saying what to do, nothing of it is stored, the bot stays up, and other
// people are answered meanwhile. The files are generated once, here.
import { createStores } from '../../src/db/stores.ts';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bigSecondSheet, filledTemplate, hugeString, plainRows, UNIT, VALID_CLASS, withBordersDownTo, zipBomb } from '../support/hostile-files.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { messageText, transcript } from '../support/transcript.ts';

const DECL = 'ou_hostile_decl01';
const OTHERS = ['ou_hostile_decl02', 'ou_hostile_decl03'];
const BYSTANDER = 'ou_hostile_other1';
const DECLARING = new Date('2026-08-03T10:00:00+08:00');
let h: Harness;
let seq = 0;
const files: Record<string, Buffer> = {};

beforeAll(async () => {
  h = await startHarness({ start: DECLARING });
  await createStores(h.db).registry.saveUnits([{ code: UNIT.code, name: UNIT.name, parentCode: null, staffCount: 150, contactName: null, contactMobile: null }]);
  await h.db.user.createMany({ data: [DECL, ...OTHERS].map((openId) => ({ openId, name: '李明', role: 'declarant', unitCode: UNIT.code })) });
  const made = await Promise.all([
    zipBomb(),
    zipBomb({ lie: true }),
    hugeString(),
    hugeString({ lie: true }),
    filledTemplate([VALID_CLASS]).then((f) => withBordersDownTo(f, 60_000)),
    plainRows(50_000),
    ...[0, 1, 2].map((i) => plainRows(20_000 + i)),
    ...[0, 1, 2].map((i) => plainRows(10_000 + i)),
    bigSecondSheet(),
  ]);
  const names = ['bomb', 'lyingBomb', 'hugeString', 'lyingString', 'bordered', 'rows50k', 'a20k', 'b20k', 'c20k', 'a10k', 'b10k', 'c10k', 'bigSecondSheet'];
  names.forEach((n, i) => (files[n] = made[i]!));
}, 120_000);
afterAll(() => h.stop());
afterEach(() => h.lintSentCards());

/** Sends a file as Feishu would (the stand-in serves it); does not wait. */
function send(openId: string, fileName: string, data: Buffer) {
  const messageId = `om_hostile_${++seq}`;
  h.stub.addResource(messageId, `file_v3_h${seq}`, data);
  return h.say(openId, '', { messageId, file: { fileKey: `file_v3_h${seq}`, fileName } });
}

async function sendAndWait(fileName: string, data: Buffer, timeoutMs = 30_000) {
  const before = h.stub.messagesTo(DECL).length;
  expect((await send(DECL, fileName, data)).status).toBe(200);
  await h.bot.idle(timeoutMs);
  return h.stub.messagesTo(DECL).slice(before).map(messageText).join('\n');
}

const stored = async () => ({ imports: await h.db.excelImport.count(), plans: await h.db.plan.count() });

describe('hostile spreadsheets', () => {
  it.each([
    ['bomb', '炸弹.xlsx', /没有导入「炸弹.xlsx」：文件解压后是压缩时的 \d+ 倍，不像正常的表格（可能含有大量空白格式）。请只保留填写的行，另存为新文件后再发送。/],
    ['lyingBomb', '谎报.xlsx', /没有导入「谎报.xlsx」：文件已损坏或不是真正的 .xlsx 文件，无法读取。请用 Excel 或 WPS 打开后「另存为」/],
    ['hugeString', '长字符串.xlsx', /没有导入「长字符串.xlsx」：表格解压后超过 100 MB，可能含有大量空白格式。请只保留填写的行，另存为新文件后再发送。/],
    ['lyingString', '长字符串2.xlsx', /有单元格的内容超过 32767 个字符（Excel 单元格的上限），无法读取。请检查是否误粘贴了大段内容/],
    ['rows50k', '五万行.xlsx', /没有导入「五万行.xlsx」：数据有 50000 行，超过 2000 行上限。请分成几个文件分别发送。/],
  ])('%s: refused with what to do, nothing stored', async (key, name, answer) => {
    const before = await stored();
    expect(await sendAndWait(name, files[key]!)).toMatch(answer);
    expect(await stored()).toEqual(before);
  });

  it('the template with borders down to row 60,000 is read as its one class', async () => {
    const answer = await sendAndWait('六万行边框.xlsx', files.bordered!);
    expect(answer).toContain('「六万行边框.xlsx」检查通过');
    expect(answer).toContain('读取 1 行，全部符合要求');
    expect(answer).toContain('第 5 行《2027年度社保经办业务培训班》');
  });

  it('three 20,000-row files at once from one person: each answered, in order; someone else is answered meanwhile', async () => {
    const before = await stored();
    const pushes = ['a20k', 'b20k', 'c20k'].map((k) => send(DECL, `${k}.xlsx`, files[k]!));
    const help = h.say(BYSTANDER, '帮助');
    expect((await Promise.all([...pushes, help])).map((r) => r.status)).toEqual([200, 200, 200, 200]);
    await h.bot.idle(60_000);
    const answers = h.stub.messagesTo(DECL).filter((m) => /没有导入「[abc]20k\.xlsx」/.test(messageText(m)));
    expect(answers.map((m) => /「(\w+)\.xlsx」/.exec(messageText(m))![1])).toEqual(['a20k', 'b20k', 'c20k']);
    expect(answers.map(messageText).every((t) => /数据有 2000\d 行，超过 2000 行上限/.test(t))).toBe(true);
    // Not behind any of them: the bystander's answer came before the first file's.
    expect(h.stub.messagesTo(BYSTANDER).at(-1)!.at).toBeLessThan(answers[0]!.at);
    expect(await stored()).toEqual(before);
  });

  it('files from three people at once: two are read, the third is told how many are ahead, then answered', async () => {
    const people = [DECL, ...OTHERS];
    const before = people.map((p) => h.stub.messagesTo(p).length);
    await Promise.all(people.map((p, i) => send(p, `万行${i}.xlsx`, files[['a10k', 'b10k', 'c10k'][i]!]!)));
    await h.bot.idle(60_000);
    const said = people.map((p, i) => h.stub.messagesTo(p).slice(before[i]).map(messageText));
    const waits = said.flat().filter((t) => t.startsWith('文件已收到，前面还有'));
    expect(waits).toEqual(['文件已收到，前面还有 2 个文件在处理，请稍候，处理完会马上告诉您结果。']);
    for (const [i, lines] of said.entries()) expect(lines.at(-1)).toMatch(new RegExp(`没有导入「万行${i}.xlsx」：数据有 1000${i} 行，超过 2000 行上限`));
  });

  it('a file whose marking-up needs more memory than the worker has: the problems are answered, and listed in a file instead', async () => {
    const uploads = h.stub.uploads.length;
    const answer = await sendAndWait('带参考数据.xlsx', files.bigSecondSheet!, 90_000);
    expect(answer).toContain('有 1 处问题，没有导入');
    const problem = /第 4 行「计划月份」：(.+)/.exec(answer)?.[1];
    expect(problem).toBeTruthy();
    const sent = h.stub.uploads.slice(uploads);
    expect(sent.map((u) => u.fileName)).toEqual(['带参考数据（问题标注）.xlsx']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(sent[0]!.data as unknown as ArrayBuffer);
    const list = wb.getWorksheet('问题清单')!;
    expect(String(list.getCell('A1').value)).toContain('原文件太大，无法在原文件上直接标注');
    expect(list.getRow(3).values).toEqual([undefined, 4, 'J', problem!.replace(/\\(.)/g, '$1')]);
  }, 120_000);

  it('after all of them the bot is up and answers', async () => {
    expect((await fetch(`${h.bot.url}/healthz`)).status).toBe(200);
    expect((await transcript(h, BYSTANDER).say('帮助')).join('\n')).toContain('帮助');
  });
});
