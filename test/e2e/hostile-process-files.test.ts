// The built bot in its own process, with `npm start`'s --max-old-space-size=256: the files that used to end
// it are answered and it stays up, its memory bounded, someone else answered meanwhile.
import { describe, expect, it } from 'vitest';
import { freePort, peakRssMb, ready, until } from '../support/bot-process.ts';
import { bigSecondSheet, filledTemplate, hugeString, plainRows, VALID_CLASS, withBordersDownTo, zipBomb } from '../support/hostile-files.ts';
import { hostileProcess } from '../support/hostile-process.ts';

const SENDER = 'ou_hproc_decl0001';
const BYSTANDER = 'ou_hproc_other001';
const p = hostileProcess({ declarants: [SENDER] });

describe('the worst files, sent to the built bot (--max-old-space-size=256)', () => {
  it('are each answered clearly; someone else is answered meanwhile; the process stays up, its memory bounded', async () => {
    const files = {
      '炸弹.xlsx': await zipBomb(),
      '长字符串.xlsx': await hugeString(),
      '六万行边框.xlsx': await withBordersDownTo(await filledTemplate([VALID_CLASS]), 60_000),
      '五万行.xlsx': await plainRows(50_000),
      '两万行1.xlsx': await plainRows(20_000),
      '两万行2.xlsx': await plainRows(20_001),
      '两万行3.xlsx': await plainRows(20_002),
      '带参考数据.xlsx': await bigSecondSheet(),
    };
    const bot = p.start(p.env(), await freePort());
    await ready(bot);
    for (const [name, data] of Object.entries(files)) await p.push(bot, SENDER, { file: { name, data } });
    await p.push(bot, BYSTANDER, { text: '帮助' });
    const names = Object.keys(files);
    await until('an answer to every file', () => names.every((n) => p.textsTo(SENDER).some((t) => t.includes(`「${n}」`))), 120_000);
    await until('the problem list', () => p.stub.uploads.some((u) => u.fileName === '带参考数据（问题标注）.xlsx'), 60_000);
    const said = p.textsTo(SENDER);
    const answer = (n: string) => said.filter((t) => t.includes(`「${n}」`)).join('\n');
    expect(answer('炸弹.xlsx')).toMatch(/文件解压后是压缩时的 \d+ 倍，不像正常的表格/);
    expect(answer('长字符串.xlsx')).toContain('表格解压后超过 100 MB');
    expect(answer('六万行边框.xlsx')).toContain('读取 1 行，全部符合要求');
    expect(answer('五万行.xlsx')).toContain('数据有 50000 行，超过 2000 行上限');
    for (const n of ['两万行1.xlsx', '两万行2.xlsx', '两万行3.xlsx']) expect(answer(n)).toMatch(/数据有 2000\d 行，超过 2000 行上限/);
    expect(answer('带参考数据.xlsx')).toContain('有 1 处问题，没有导入');
    expect(p.textsTo(BYSTANDER).length).toBeGreaterThan(0);
    expect(p.stub.messagesTo(BYSTANDER)[0]!.at).toBeLessThan(p.stub.messagesTo(SENDER).at(-1)!.at);

    expect(bot.child.exitCode).toBeNull();
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    // One upload at a time stays under 300 MB (npm run bench:hostile). All of them in one process add up to the
    // bot's own memory after the work (~220 MB) plus one worker at its 64 MB heap limit with exceljs's buffers
    // (~130 MB RSS, the file too big to mark up); the old bot died on the first of them.
    const rss = peakRssMb(bot.child.pid!);
    process.stdout.write(`peak RSS of the bot after the worst files, one after another: ${rss} MB\n`);
    expect(rss).toBeLessThan(400);
    expect(bot.output()).not.toMatch(/heap out of memory|FATAL ERROR/i);
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  }, 240_000);
});
