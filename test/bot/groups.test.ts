// In a group chat the bot answers only when @-mentioned, and what is not for the whole group (a unit's
// plans, the review queue, a declaration in progress, someone's Feishu id) goes to the person privately.
// On the fast seam: the kernel through world(), people seeded through the ports. (Moved from test/e2e/groups.test.ts.)
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { world, type World } from '../support/converse.ts';

const LIMING = 'ou_grp_decl_0001';
const WANG = 'ou_grp_reviewer1';
const STRANGER = 'ou_grp_stranger1';
const GROUP = 'oc_group_training01';
let w: World;

beforeAll(async () => {
  w = await world({ start: new Date('2026-08-03T10:00:00+08:00') });
  await w.stores.registry.saveUnits([{ code: '101001', name: '柳州市人力资源和社会保障局', parentCode: null, staffCount: 150, contactName: null, contactMobile: null }]);
  await w.stores.roster.bind(LIMING, '101001', '李明');
  await w.stores.roster.grant(WANG, 'reviewer', '王芳');
});
afterEach(() => w.lintSentCards());

/** Says something in the group, @-mentioning the bot; returns what the group and the person received. */
async function inGroup(openId: string, text: string) {
  const r = await w.inGroup(GROUP, openId).say(text);
  return { group: r.group, mine: r.privately };
}

describe('in a group', () => {
  it('帮助 is answered in the group', async () => {
    const r = await inGroup(LIMING, '帮助');
    expect(r.group).toHaveLength(1);
    expect(r.group[0]).toContain('我能做什么');
    expect(r.mine).toEqual([]);
  });

  it('「我的申报」 and 「进度」 are answered privately, with a short note in the group', async () => {
    for (const [who, word] of [[LIMING, '我的申报'], [WANG, '进度'], [WANG, '待审']] as const) {
      const r = await inGroup(who, word);
      expect(r.group).toEqual([`「${word}」的结果已私信发给您（群里的其他人看不到）。`]);
      expect(r.mine.length).toBeGreaterThan(0);
    }
  });

  it('a declaration started from a group goes on privately, and nothing said in the group feeds it', async () => {
    const started = await inGroup(LIMING, '申报');
    expect(started.group).toEqual(['「申报」的结果已私信发给您（群里的其他人看不到）。']);
    expect(started.mine.join('\n')).toContain('培训班名称');
    const stray = await inGroup(LIMING, '2027年度人社业务能力提升培训班');
    expect(stray.group[0]).toContain('没有看懂');
    expect(stray.mine).toEqual([]);
    // in the 1:1 chat the answer is taken
    const t = w.as(LIMING);
    expect((await t.say('2027年度人社业务能力提升培训班')).join('\n')).toMatch(/已记录|培训类别/);
  });

  it('someone not linked yet is told how to link privately: the hint carries their Feishu id', async () => {
    const r = await inGroup(STRANGER, '我的申报');
    expect(r.group).toEqual(['您的飞书账号还没有关联单位。关联方法已私信发给您。']);
    expect(r.group.join('')).not.toContain(STRANGER);
    expect(r.mine.join('\n')).toContain(STRANGER);
  });
});
