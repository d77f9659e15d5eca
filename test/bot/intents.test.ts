// What people type instead of command words, and what the bot must understand from it: the real command
// manifests (words and phrases), the audience of the person asking, sure / unsure (two buttons) / not at all.
// This corpus is the specification of intents.ts; a phrasing that goes wrong in use belongs here.
import { describe, expect, it } from 'vitest';
import { may, type Person } from '../../src/domain/people.ts';
import { CommandRegistry } from '../../src/bot/commands.ts';
import { createHub } from '../../src/bot/hub.ts';
import { editDistance, guessIntent, intentText } from '../../src/bot/intents.ts';
import { FEATURES } from '../../src/container.ts';

// The manifests only: nothing runs, so the features get no dependencies.
const none = {} as never;
const registry = new CommandRegistry();
for (const feature of FEATURES) registry.register(...(feature(none, { hub: createHub(), commands: registry }).commands ?? []));

const DECLARANT: Person = { openId: 'ou_decl', name: '李明', role: 'declarant', unitCode: '101001' };
const REVIEWER: Person = { openId: 'ou_rev', name: '审核员', role: 'reviewer', unitCode: null };
const ADMIN: Person = { openId: 'ou_adm', name: '管理员', role: 'admin', unitCode: null };

const guess = (text: string, person: Person) => {
  const g = guessIntent(text, registry.all().filter((c) => may(person, c.audience)));
  if (!g) return null;
  return g.kind === 'sure' ? g.command.id : `unsure:${g.commands.map((c) => c.id).sort().join('|')}`;
};

// A declarant's questions, as they are typed.
const DECLARANT_CORPUS: [string, string | null][] = [
  // 进度
  ['我的计划现在到哪一步了？', 'progress'],
  ['审核到哪了', 'progress'],
  ['审到哪一步了', 'progress'],
  ['计划审核进展怎么样', 'progress'],
  ['我们报的计划审完没有', 'progress'],
  ['审核结果出来了吗', 'progress'],
  ['通过了没有', 'progress'],
  ['我们的计划有没有通过', 'progress'],
  ['现在什么状态', 'progress'],
  ['查一下审核状态', 'progress'],
  ['计划在谁手里', 'progress'],
  ['进渡', 'unsure:progress'],
  ['查看进度', 'progress'],
  ['审核情况如何？', 'progress'],
  // 申报
  ['怎么报', 'declare'],
  ['怎么申报？', 'declare'],
  ['如何申报培训计划', 'declare'],
  ['我想报一个培训班', 'declare'],
  ['我要报计划', 'declare'],
  ['帮我新建一个计划', 'declare'],
  ['新增培训班', 'declare'],
  ['添加培训班', 'declare'],
  ['报个班', 'declare'],
  ['申请办班', 'declare'],
  ['开始填', 'declare'],
  ['申宝', 'unsure:declare'],
  ['我要申报明年的培训', 'declare'],
  ['请问怎么填报', 'declare'],
  // 截止时间
  ['截止是哪天', 'deadline'],
  ['什么时候截止？', 'deadline'],
  ['几号截止', 'deadline'],
  ['最晚什么时候交', 'deadline'],
  ['申报期限是多久', 'deadline'],
  ['还有几天截止', 'deadline'],
  ['什么时候开始报', 'deadline'],
  ['申报时间安排', 'deadline'],
  ['报到什么时候', 'deadline'],
  ['截止日期', 'deadline'],
  // 模板
  ['模板在哪下载', 'template'],
  ['模板在哪里', 'template'],
  ['给我一份申报表格', 'template'],
  ['模版', 'template'],
  ['下载表格', 'template'],
  ['有没有excel表', 'template'],
  ['要一份空白表格', 'template'],
  ['发我申报模板', 'template'],
  ['Excel模板', 'template'],
  ['申报表格在哪', 'template'],
  // 无计划
  ['我们今年不办班', 'no_plan'],
  ['今年没有培训计划', 'no_plan'],
  ['我们单位今年不报', 'no_plan'],
  ['不需要申报', 'no_plan'],
  ['今年不办培训', 'no_plan'],
  ['没有计划', 'no_plan'],
  ['我们不用报吧', 'no_plan'],
  ['无培训', 'no_plan'],
  // 我的申报
  ['帮我看看被退回的', 'my_plans'],
  ['被退回的计划在哪', 'my_plans'],
  ['计划被打回来了', 'my_plans'],
  ['我们报了哪些', 'my_plans'],
  ['看看我们的计划', 'my_plans'],
  ['查看计划', 'my_plans'],
  ['计划列表', 'my_plans'],
  ['我想改计划', 'my_plans'],
  ['我要撤回', 'my_plans'],
  ['之前报过的', 'my_plans'],
  ['本单位的计划', 'my_plans'],
  // 继续
  ['接着填', 'continue'],
  ['继续刚才的', 'continue'],
  ['上次没填完', 'continue'],
  ['刚才填到哪了', 'continue'],
  ['接着申报', 'continue'],
  // 表单
  ['用表单填', 'form'],
  ['一次填完', 'form'],
  // 复制去年
  ['跟去年一样', 'copy_last_year'],
  ['照去年的报', 'copy_last_year'],
  ['按去年的来', 'copy_last_year'],
  ['复制去年的计划', 'copy_last_year'],
  // 帮助
  ['怎么用', 'help'],
  ['你能做什么', 'help'],
  ['有什么功能', 'help'],
  ['不会用', 'help'],
  ['使用方法', 'help'],
  ['操作说明在哪', 'help'],
  ['帮助', 'help'],
  ['你好', 'help'],
  // 绑定
  ['怎么绑定单位', 'link'],
  ['我要关联我的单位', 'link'],
  ['加入单位', 'link'],
  ['我是哪个单位的', 'link'],
  // 节假日
  ['国庆放几天假', 'holidays'],
  ['调休安排', 'holidays'],
  ['放假安排', 'holidays'],
  ['明天是不是工作日', 'holidays'],
  ['节假日', 'holidays'],
  // 执行
  ['培训开始了怎么报', 'execution'],
  ['班开了要登记吗', 'execution'],
  ['上报执行情况', 'execution'],
  ['登记开班', 'execution'],
  ['办班情况', 'execution'],
  ['培训办完了', 'execution'],
  // 完成情况
  ['完成情况', 'completion'],
  ['今年完成了多少', 'completion'],
  ['完成率是多少', 'completion'],
  // 补录
  ['补录历史数据', 'backfill'],
  ['以前的数据怎么补', 'backfill'],
  ['漏报了怎么办', 'backfill'],
  ['补填', 'backfill'],
  // 情况说明
  ['培训没办成', 'statement'],
  ['计划没有开展怎么办', 'statement'],
  ['上传情况说明', 'statement'],
  ['取消培训了', 'statement'],
  // 附件
  ['查看附件', 'attachments'],
  ['下载附件', 'attachments'],
  ['培训材料在哪', 'attachments'],
  ['审核', 'progress'],
  ['表格', 'template'],
  // 像两个：给两个按钮；打错一个字的短词：问一句
  ['计划', 'unsure:declare|my_plans'],
  // 看不懂的：不乱猜
  ['今天天气怎么样', null],
  ['哈哈', null],
  ['收到', null],
  ['好的谢谢', null],
  ['123456', null],
  ['ok', null],
  ['明天开会', null],
  ['。。。', null],
];

const REVIEWER_CORPUS: [string, string | null][] = [
  ['有什么要审的', 'pending'],
  ['待审核的计划', 'pending'],
  ['需要审核的', 'pending'],
  ['审核列表', 'pending'],
  ['待处理的', 'pending'],
  ['初审', 'pending'],
  ['导出全部计划', 'export'],
  ['下载汇总', 'export'],
  ['导出excel', 'export'],
  ['导出2027年的汇总', 'export'],
  ['二审', 'second_review'],
  ['开始复审', 'second_review'],
  ['报市委审批', 'send_for_approval'],
  ['提交审批', 'send_for_approval'],
  ['审批结果登记', 'record_approval'],
  ['批下来了', 'record_approval'],
  ['发布结果', 'publish'],
  ['公布结果', 'publish'],
  ['审核进度', 'progress'],
  ['审到哪了', 'progress'],
  ['截止时间', 'deadline'],
  ['几号截止', 'deadline'],
  ['怎么用', 'help'],
  ['今天天气不错', null],
];

const ADMIN_CORPUS: [string, string | null][] = [
  ['导入放假通知', 'holiday_import'],
  ['放假安排', 'holidays'],
];

describe('plain Chinese reaches the right command', () => {
  it('the corpus is large enough to mean something', () => {
    expect(DECLARANT_CORPUS.length + REVIEWER_CORPUS.length + ADMIN_CORPUS.length).toBeGreaterThanOrEqual(150);
  });

  it.each(DECLARANT_CORPUS)('declarant: %s → %s', (text, want) => {
    expect(guess(text, DECLARANT)).toBe(want);
  });

  it('a declarant is never guessed into a reviewer\'s command', () => {
    const g = guess('导出汇总表', DECLARANT);
    expect(g === null || !/export/.test(g)).toBe(true);
  });

  it.each(REVIEWER_CORPUS)('reviewer: %s → %s', (text, want) => {
    expect(guess(text, REVIEWER)).toBe(want);
  });

  it.each(ADMIN_CORPUS)('admin: %s → %s', (text, want) => {
    expect(guess(text, ADMIN)).toBe(want);
  });
});

describe('the pieces', () => {
  it.each([
    ['请问我的计划现在到哪一步了？', '我计划到哪一步'],
    ['麻烦帮我看一下', '看'],
    ['ＥＸＣＥＬ模板', 'excel模板'],
  ])('intentText(%s) = %s', (text, want) => {
    expect(intentText(text)).toBe(want);
  });

  it.each([
    ['模版', '模板', 1],
    ['申宝', '申报', 1],
    ['进度', '进度', 0],
    ['abcdef', 'xyz', 3],
  ])('editDistance(%s, %s) = %i (bounded at 2)', (a, b, d) => {
    expect(editDistance(a, b, 2)).toBe(Math.min(d, 3));
  });
});
