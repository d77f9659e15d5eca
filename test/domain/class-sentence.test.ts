// A class in one sentence: what each of these must yield (and must not invent). The corpus is the
// specification of class-sentence.ts; a sentence read wrongly in use belongs here.
import { describe, expect, it } from 'vitest';
import { describesAClass, readClassSentence } from '../../src/domain/class-sentence.ts';
import type { PlanDraft } from '../../src/domain/plan.ts';

const BASES = [
  { name: '中国井冈山干部学院', city: '井冈山', aliases: ['井冈山干部学院'] },
  { name: '中国延安干部学院', city: '延安', aliases: ['延安干部学院'] },
  { name: '浙江大学', city: '杭州', aliases: [] },
];

const CORPUS: [string, PlanDraft][] = [
  ['我们局10月想在市委党校办一期40人、3天的财务业务培训，预算2万左右', { month: 10, institution: '市委党校', sessions: 1, headcount: 40, days: 3, title: '财务业务培训班', budget: 20000 }],
  ['10月办一期财务培训，40人，3天，预算3.6万元', { month: 10, sessions: 1, title: '财务培训班', headcount: 40, days: 3, budget: 36000 }],
  ['九月份在柳州市城中区举办党务干部培训班，50人', { month: 9, location: '柳州市城中区', scope: '市内', title: '党务干部培训班', headcount: 50 }],
  ['明年5月去井冈山干部学院学习5天，30人', { month: 5, institution: '中国井冈山干部学院', scope: '市外', days: 5, headcount: 30 }],
  ['6月组织全局干部职工参加安全生产培训，线上进行', { month: 6, title: '安全生产培训班', mode: '线上', audience: '全局干部职工' }],
  ['我们想在11月办两期消防安全培训班，每期60人，每期2天，经费共5万元', { month: 11, sessions: 2, title: '消防安全培训班', headcount: 60, days: 2, budget: 50000 }],
  ['3月份线上线下结合的统计业务培训，100人，1天', { month: 3, mode: '线上线下结合', title: '统计业务培训班', headcount: 100, days: 1 }],
  ['四月在鱼峰区办法治宣传培训，四十人，两天', { month: 4, location: '鱼峰区', scope: '市内', title: '法治宣传培训班', headcount: 40, days: 2 }],
  ['《2027年度人社业务能力提升培训班》10月 45人 3天 3.6万', { title: '2027年度人社业务能力提升培训班', month: 10, headcount: 45, days: 3, budget: 36000 }],
  ['预算8000元，7月办一期保密培训，20人半天', { budget: 8000, month: 7, sessions: 1, title: '保密培训班', headcount: 20 }],
  ['到浙江大学参加数字政府专题研修班，5天，25人，预算15万', { institution: '浙江大学', scope: '市外', title: '数字政府专题研修班', days: 5, headcount: 25, budget: 150000 }],
  ['12月在南宁市青秀区办一期招商引资培训，30人3天', { month: 12, location: '南宁市青秀区', scope: '市外', sessions: 1, title: '招商引资培训班', headcount: 30, days: 3 }],
  ['面向全市财务人员开展预算绩效培训，8月，200人，1天，线下', { audience: '全市财务人员', title: '预算绩效培训班', month: 8, headcount: 200, days: 1, mode: '线下' }],
  ['计划10月份举办一期新入职公务员培训，共80名学员，为期5天', { month: 10, sessions: 1, title: '新入职公务员培训班', headcount: 80, days: 5 }],
  ['我局拟于9月在市委党校举办干部教育培训班3期，每期50人', { month: 9, institution: '市委党校', title: '干部教育培训班', sessions: 3, headcount: 50 }],
  ['去延安干部学院办一期党性教育培训，40人，6天，经费12万元', { institution: '中国延安干部学院', scope: '市外', sessions: 1, title: '党性教育培训班', headcount: 40, days: 6, budget: 120000 }],
  ['2月办网络安全培训，网络视频方式，300人', { month: 2, title: '网络安全培训班', mode: '线上', headcount: 300 }],
  ['十一月开展应急管理培训，两期，每期三十五人，两天', { month: 11, title: '应急管理培训班', sessions: 2, headcount: 35, days: 2 }],
  ['在柳江区举办乡村振兴培训班，60人，4天，预算4.8万', { location: '柳江区', scope: '市内', title: '乡村振兴培训班', headcount: 60, days: 4, budget: 48000 }],
  ['5月 档案管理培训 30人 2天 1.2万元', { month: 5, title: '档案管理培训班', headcount: 30, days: 2, budget: 12000 }],
  ['7月份办个班，业务骨干培训，大概25人，花费1万块', { month: 7, title: '业务骨干培训班', headcount: 25, budget: 10000 }],
  ['我们单位今年想办一个信访工作培训，市内，线下，45人', { title: '信访工作培训班', scope: '市内', mode: '线下', headcount: 45 }],
  ['组织科级干部赴外地考察学习培训，市外，20人，5天', { audience: '科级干部', title: '外地考察学习培训班', scope: '市外', headcount: 20, days: 5 }],
  ['6月在柳州办一期审计业务培训，每期40人，预算2.4万', { month: 6, location: '柳州', scope: '市内', sessions: 1, title: '审计业务培训班', headcount: 40, budget: 24000 }],
  ['8月中旬的交通执法培训，120人，1天，在线上', { month: 8, title: '交通执法培训班', headcount: 120, days: 1, mode: '线上' }],
  ['下半年办公文写作培训，50人', { title: '公文写作培训班', headcount: 50 }],
  ['我想报一个10月的人事档案培训班，60人，3天', { month: 10, title: '人事档案培训班', headcount: 60, days: 3 }],
  ['12月开展年终财务决算培训，预算一万元，80人', { month: 12, title: '年终财务决算培训班', budget: 10000, headcount: 80 }],
  ['9月办一期食品安全培训，100人，1天，面授', { month: 9, sessions: 1, title: '食品安全培训班', headcount: 100, days: 1, mode: '线下' }],
  ['三月在柳南区培训社区工作者，两百人，一天', { month: 3, location: '柳南区', scope: '市内', headcount: 200, days: 1 }],
  ['10月1日起办国庆安保培训，50人，2天', { month: 10, title: '国庆安保培训班', headcount: 50, days: 2 }],
  ['4月在杭州办一期数字经济培训，30人，5天，经费20万元', { month: 4, location: '杭州', scope: '市外', sessions: 1, title: '数字经济培训班', headcount: 30, days: 5, budget: 200000 }],
  ['拟办理论学习中心组培训，7月，线下，40人，3天，2.5万', { month: 7, mode: '线下', headcount: 40, days: 3, budget: 25000 }],
  ['举办机关党建业务培训班1期，60人，2天，预算1.8万元', { title: '机关党建业务培训班', sessions: 1, headcount: 60, days: 2, budget: 18000 }],
  ['5月，在柳北区办一期妇女儿童权益保护培训，80人', { month: 5, location: '柳北区', scope: '市内', sessions: 1, title: '妇女儿童权益保护培训班', headcount: 80 }],
  ['2月份开展两期税务业务培训，每期50人，每期1天', { month: 2, sessions: 2, title: '税务业务培训班', headcount: 50, days: 1 }],
  ['组织50名党员到井冈山干部学院参加党性教育，7天', { headcount: 50, institution: '中国井冈山干部学院', scope: '市外', days: 7 }],
  ['11月在鹿寨县办一期农业技术推广培训，150人，2天，预算3万', { month: 11, location: '鹿寨县', scope: '市内', sessions: 1, title: '农业技术推广培训班', headcount: 150, days: 2, budget: 30000 }],
  ['6月线上办网络舆情应对培训，全体干部参加，300人', { month: 6, mode: '线上', title: '网络舆情应对培训班', audience: '全体干部', headcount: 300 }],
  ['10月 统战工作培训 市内 线下 40人 1期 3天 预算2万元', { month: 10, title: '统战工作培训班', scope: '市内', mode: '线下', headcount: 40, sessions: 1, days: 3, budget: 20000 }],
  ['我们计划9月份搞一次政务服务培训，大约70人，半天', { month: 9, title: '政务服务培训班', headcount: 70 }],
  ['明年三月办一期环保执法培训，预算两万，五十人，三天', { month: 3, sessions: 1, title: '环保执法培训班', budget: 20000, headcount: 50, days: 3 }],
  ['7月在上海市办一期金融知识培训，35人，4天，经费16万元', { month: 7, location: '上海市', scope: '市外', sessions: 1, title: '金融知识培训班', headcount: 35, days: 4, budget: 160000 }],
  ['针对新任科级干部的履职能力培训，9月，40人，5天', { audience: '新任科级干部', title: '履职能力培训班', month: 9, headcount: 40, days: 5 }],
  ['8月份视频会议形式开展安全培训，500人', { month: 8, mode: '线上', title: '安全培训班', headcount: 500 }],
  ['我们局在融水县举办民族团结进步培训班，60人，2天', { location: '融水县', scope: '市内', title: '民族团结进步培训班', headcount: 60, days: 2 }],
  ['4月份，城市管理执法培训，两期，每期80人，每期1天，预算1.6万', { month: 4, title: '城市管理执法培训班', sessions: 2, headcount: 80, days: 1, budget: 16000 }],
  ['想在5月份办个50人左右的工会干部培训', { month: 5, headcount: 50, title: '工会干部培训班' }],
  ['12月份举办廉政教育培训，共100人，1天，市内', { month: 12, title: '廉政教育培训班', headcount: 100, days: 1, scope: '市内' }],
  ['10月在市委党校办班，财务人员培训，60人，2天，经费3万元', { month: 10, institution: '市委党校', title: '财务人员培训班', headcount: 60, days: 2, budget: 30000 }],
  ['6月开展一期无人机操作培训，20人，10天，预算5万元', { month: 6, sessions: 1, title: '无人机操作培训班', headcount: 20, days: 10, budget: 50000 }],
  ['今年9月想去北京办一期城市规划培训，30人，5天', { month: 9, location: '北京', scope: '市外', sessions: 1, title: '城市规划培训班', headcount: 30, days: 5 }],
  ['3月 会计继续教育培训 线上 200人', { month: 3, title: '会计继续教育培训班', mode: '线上', headcount: 200 }],
  ['7月举办两期档案数字化培训班，每期30人，3天，每人费用500元', { month: 7, sessions: 2, title: '档案数字化培训班', headcount: 30, days: 3 }],
  ['11月份在城中区市委党校办一期宣传思想工作培训，45人', { month: 11, location: '城中区市委党校', scope: '市内', institution: '市委党校', sessions: 1, title: '宣传思想工作培训班', headcount: 45 }],
  ['8月去深圳学习营商环境建设，20人，5天，经费10万元', { month: 8, location: '深圳', scope: '市外', headcount: 20, days: 5, budget: 100000 }],
  ['5月办一期心理健康培训，面向全体教职工，150人，1天', { month: 5, sessions: 1, title: '心理健康培训班', audience: '全体教职工', headcount: 150, days: 1 }],
  ['9月份举办疾病预防控制业务培训，80人，2天，预算2万元左右', { month: 9, title: '疾病预防控制业务培训班', headcount: 80, days: 2, budget: 20000 }],
  ['十月份办一期老干部工作培训，三十人，两天，经费八千元', { month: 10, sessions: 1, title: '老干部工作培训班', headcount: 30, days: 2, budget: 8000 }],
  ['二〇二七年六月举办人才工作培训，40人', { month: 6, title: '人才工作培训班', headcount: 40 }],
];

// Said to the bot, but no class: nothing may be invented.
const NOT_A_CLASS = ['我的计划现在到哪一步了？', '截止是哪天', '模板在哪下载', '我们今年不办班', '帮我看看被退回的', '审核到哪了', '你好', '收到，谢谢', '10月', '40人'];

describe('a class in one sentence', () => {
  it('the corpus is large enough to mean something', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(60);
  });

  it.each(CORPUS)('%s', (sentence, want) => {
    const r = readClassSentence(sentence, { bases: BASES });
    expect(r.data).toEqual(want);
    expect(describesAClass(r)).toBe(true);
  });

  it.each(NOT_A_CLASS)('not a class: %s', (text) => {
    expect(describesAClass(readClassSentence(text, { bases: BASES }))).toBe(false);
  });

  it('says which words gave each value', () => {
    const r = readClassSentence('我们局10月想在市委党校办一期40人、3天的财务业务培训，预算2万左右');
    expect(r.from).toMatchObject({ month: '10月', headcount: '40人', days: '3天', budget: '2万', title: '财务业务培训', institution: '市委党校' });
  });
});
