// Plain Chinese through the real webhook: a question that is no command word reaches its command; an unclear
// one gets two guesses as buttons that work; a declaration in progress keeps its answers.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createReferenceRepo } from '../../src/db/reference-repo.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { transcript } from '../support/transcript.ts';

const DECLARANT = 'ou_plain_decl_0001';
const DECLARING = new Date('2026-08-03T10:00:00+08:00');
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ start: DECLARING });
  await createReferenceRepo(h.db).saveUnits([{ code: '101001', name: '柳州市人力资源和社会保障局', parentCode: null, staffCount: 150, contactName: null, contactMobile: null }]);
  await h.db.user.create({ data: { openId: DECLARANT, name: '李明', role: 'declarant', unitCode: '101001' } });
});
afterAll(() => h.stop());
afterEach(() => h.lintSentCards());

describe('plain Chinese', () => {
  it('a question reaches its command: 截止是哪天, 我的计划现在到哪一步了？, 模版在哪下载', async () => {
    const t = transcript(h, DECLARANT);
    const deadline = (await t.say('截止是哪天？')).join('\n');
    expect(deadline).toContain('申报截止：2026年8月5日 23:59');
    expect(deadline).toContain('修改截止：2026年8月10日 23:59');
    expect(deadline).toContain('现在可以申报，距申报截止还有 2 天。发送「申报」开始。');
    const progress = (await t.say('我的计划现在到哪一步了？')).join('\n');
    expect(progress).not.toContain('没有看懂');
    expect(progress).toEqual((await t.say('进度')).join('\n'));
    await t.say('模版在哪下载');
    expect(h.stub.uploads.at(-1)?.fileName).toMatch(/2027年度培训计划申报表.*\.xlsx$/);
  });

  it('an unclear word gets the two best guesses as buttons, and a button runs its command', async () => {
    const t = transcript(h, DECLARANT);
    const asked = (await t.say('计划')).join('\n');
    expect(asked).toContain('# 您是想……？');
    expect(asked).toContain('没有完全看懂「计划」，您是想：');
    expect(asked).toContain('[申报]');
    expect(asked).toContain('[我的申报]');
    const clicked = await t.click('我的申报');
    expect(clicked.toast).toMatchObject({ type: 'success', content: '「我的申报」' });
    expect(clicked.messages.join('\n')).toEqual((await t.say('我的申报')).join('\n'));
  });

  it('what means nothing is still said plainly', async () => {
    expect((await transcript(h, DECLARANT).say('今天天气怎么样'))[0]).toBe('没有看懂「今天天气怎么样」。发送「帮助」查看可以使用的指令。');
  });

  it('inside an open declaration an answer is an answer, even when it sounds like a question', async () => {
    const t = transcript(h, DECLARANT);
    await t.say('申报');
    const next = (await t.say('进度管理能力提升培训班')).join('\n');
    expect(next).toContain('# 培训类别');
    const plan = await h.db.plan.findFirst({ where: { unitCode: '101001', status: 'DRAFT' }, orderBy: { id: 'desc' } });
    expect(JSON.parse(plan!.data).title).toBe('进度管理能力提升培训班');
  });

  it('a guess button of a command the person may not use is refused', async () => {
    const r = await h.click(DECLARANT, 'om_whatever', { a: 'cmd', id: 'export' });
    expect((r.json as { toast: { type: string; content: string } }).toast).toMatchObject({ type: 'error', content: expect.stringContaining('只有相应权限的人员可以使用') });
  });
});
