// Reading 《国务院办公厅关于YYYY年部分节假日安排的通知》 from its published text. chinese-days is the ground truth
// for the years it knows: a notice read this way must give the same working days on every day of its year.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates.ts';
import { describeProblem, readHolidayNotice, type NoticeRead } from '../../src/domain/holiday-notice.ts';
import { WorkCalendar } from '../../src/domain/working-days.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/holiday-notices');
const fixture = (year: number) => fs.readFileSync(path.join(FIXTURES, `${year}.txt`), 'utf8');

function read(text: string, year?: number) {
  const r = readHolidayNotice(text, { year });
  if (!r.ok) throw new Error(r.problems.map(describeProblem).join('\n'));
  return r.notice;
}

function problemsOf(r: NoticeRead) {
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.problems;
}

/** A notice of one item, the way the State Council writes it. */
const notice = (year: number, ...items: string[]) =>
  [`国务院办公厅关于${year}年部分节假日安排的通知`, '各省、自治区、直辖市人民政府，国务院各部委、各直属机构：', `经国务院批准，现将${year}年元旦……放假调休日期的具体安排通知如下。`, ...items, '国务院办公厅'].join('\n');

describe.each([2017, 2023, 2024, 2025, 2026])('the %i notice as published', (year) => {
  it('agrees with chinese-days on every day of the year', () => {
    const parsed = read(fixture(year));
    expect(parsed.year).toBe(year);
    const fromNotice = new WorkCalendar({ notices: [parsed.schedule] });
    const official = new WorkCalendar();
    const disagree: string[] = [];
    let days = 0;
    for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1), days++) {
      if (fromNotice.isWorkingDay(d) !== official.isWorkingDay(d)) disagree.push(d);
    }
    expect(days).toBeGreaterThanOrEqual(365);
    expect(disagree).toEqual([]);
    expect(fromNotice.yearSource(year)).toBe('notice');
  });

  it('reads the same when pasted into a chat, which turns every line break into a space', () => {
    expect(read(fixture(year).replace(/\s+/g, ' ')).schedule).toEqual(read(fixture(year)).schedule);
  });
});

describe('what each festival says', () => {
  it('2025: cross-month Spring Festival with lunar and weekday notes, and its make-up days', () => {
    const f = read(fixture(2025)).festivals;
    expect(f.map((x) => x.name)).toEqual(['元旦', '春节', '清明节', '劳动节', '端午节', '国庆节、中秋节']);
    expect(f[1]).toEqual({ name: '春节', from: '2025-01-28', to: '2025-02-04', days: 8, workdays: ['2025-01-26', '2025-02-08'], compensatory: [], joinsWeekend: false, noMakeUp: false });
    expect(f[0]).toMatchObject({ from: '2025-01-01', to: '2025-01-01', days: 1, noMakeUp: true, workdays: [] });
    expect(f[5]).toMatchObject({ from: '2025-10-01', to: '2025-10-08', days: 8 });
  });

  it('2023: New Year that starts in the previous year, given with its year', () => {
    const n = read(fixture(2023));
    expect(n.festivals[0]).toMatchObject({ name: '元旦', from: '2022-12-31', to: '2023-01-02', days: 3 });
    expect(n.schedule.days.slice(0, 3).map((d) => `${d.date} ${d.kind}`)).toEqual(['2022-12-31 holiday', '2023-01-01 holiday', '2023-01-02 holiday']);
  });

  it('2017: a compensatory day (补休) and a holiday that joins the weekend', () => {
    const f = read(fixture(2017)).festivals;
    expect(f[0]).toMatchObject({ name: '元旦', from: '2017-01-01', to: '2017-01-01', compensatory: ['2017-01-02'] });
    expect(f[3]).toMatchObject({ name: '劳动节', from: '2017-05-01', to: '2017-05-01', joinsWeekend: true });
  });

  it('2024: the encouragement to rest on New Year\'s Eve is a note, not a holiday', () => {
    const n = read(fixture(2024));
    expect(n.notes).toEqual([{ sentence: '鼓励各单位结合带薪年休假等制度落实，安排职工在除夕（2月9日）休息。', message: expect.stringContaining('不是放假安排，已忽略') }]);
    expect(new WorkCalendar({ notices: [n.schedule] }).isWorkingDay('2024-02-09')).toBe(true);
  });

  it('2026: the encouragement at the start of the closing paragraph is a note; the closing itself is skipped', () => {
    expect(read(fixture(2026)).notes.map((x) => x.sentence)).toEqual(['鼓励单位和个人结合落实带薪年休假等制度，实际形成较长假期，推动错峰出行。']);
  });
});

describe('sentence forms', () => {
  it.each([
    ['cross-month range with notes', '二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。', 2025, { from: '2025-01-28', to: '2025-02-04', days: 8, workdays: ['2025-01-26', '2025-02-08'] }],
    ['same-month range, the end without its month', '六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。', 2025, { from: '2025-10-01', to: '2025-10-08', days: 8 }],
    ['one day and a compensatory day', '一、元旦：1月1日放假，1月2日（星期一）补休。', 2017, { from: '2017-01-01', to: '2017-01-01', compensatory: ['2017-01-02'] }],
    ['joins the weekend', '四、劳动节：5月1日放假，与周末连休。', 2017, { from: '2017-05-01', joinsWeekend: true }],
    ['one day, counted, no make-up', '一、元旦：1月1日（周三）放假1天，不调休。', 2025, { from: '2025-01-01', days: 1, noMakeUp: true }],
    ['explicit years across New Year', '一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。', 2023, { from: '2022-12-31', to: '2023-01-02', days: 3 }],
    ['the start with its year, the end without', '一、元旦：2022年12月31日至1月2日放假调休，共3天。', 2023, { from: '2022-12-31', to: '2023-01-02' }],
    ['across New Year without the years', '一、元旦：12月31日（星期六）至1月2日（星期一）放假调休，共3天。', 2023, { from: '2022-12-31', to: '2023-01-02' }],
    ['星期日 and 星期天', '三、清明节：4月4日至6日放假调休，共3天。4月7日（星期天）上班。', 2024, { workdays: ['2024-04-07'] }],
    ['a make-up day in the year before', '一、元旦：2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）上班。', 2019, { from: '2018-12-30', workdays: ['2018-12-29'] }],
    ['ASCII brackets and colon', '七、国庆节:10月1日(周四)至7日(周三)放假调休,共7天。9月20日(周日)、10月10日(周六)上班。', 2026, { from: '2026-10-01', to: '2026-10-07', workdays: ['2026-09-20', '2026-10-10'] }],
    ['no number before the festival', '端午节：6月19日（周五）至21日（周日）放假，共3天。', 2026, { name: '端午节', from: '2026-06-19', days: 3 }],
  ])('%s', (_what, item, year, expected) => {
    const n = read(notice(year, item));
    expect(n.festivals).toHaveLength(1);
    expect(n.festivals[0]).toMatchObject(expected);
  });

  it('a day another year\'s notice sets is that day only', () => {
    const n = read(notice(2019, '一、元旦：2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）上班。'));
    const cal = new WorkCalendar({ notices: [n.schedule] });
    expect(cal.isWorkingDay('2018-12-29')).toBe(true);
    expect(cal.day('2018-12-29').source).toBe('notice');
    expect(cal.yearSource(2018)).toBe('official');
  });
});

describe('a text that cannot be read or contradicts itself stores nothing and names the sentence', () => {
  it.each([
    ['a weekday note against the date', '七、国庆节：10月1日（周二）至7日（周四）放假调休，共7天。', 'weekday', '七、国庆节：10月1日（周二）至7日（周四）放假调休，共7天。', '2027年10月1日是星期五，不是括号里写的「周二」'],
    ['共N天 against the range', '四、劳动节：5月1日至5日放假调休，共4天。', 'count', '四、劳动节：5月1日至5日放假调休，共4天。', '写的是共4天，但2027年5月1日至2027年5月5日是 5 天'],
    ['an unreadable sentence', '五、端午节：6月9日至11日放假调休，共3天。6月12日补班一天。', 'unreadable', '6月12日补班一天。', '读不懂「6月12日补班一天」'],
    ['a make-up day on a weekday', '七、国庆节：10月1日至7日放假调休，共7天。9月29日（星期三）上班。', 'makeup_not_weekend', '9月29日（星期三）上班。', '上班日2027年9月29日是星期三，本来就是工作日'],
    ['a compensatory day on a weekend', '一、元旦：1月1日放假，1月2日（星期六）补休。', 'compensatory_weekend', '一、元旦：1月1日放假，1月2日（星期六）补休。', '补休日应是周一至周五'],
    ['与周末连休 in mid-week', '三、清明节：4月7日放假，与周末连休。', 'weekend_join', '三、清明节：4月7日放假，与周末连休。', '前后都不是周末'],
    ['不调休 with a make-up day', '一、元旦：1月1日放假1天，不调休。1月9日（星期六）上班。', 'contradiction', '一、元旦：1月1日放假1天，不调休。', '写明「不调休」，却又安排了上班日'],
    ['a date that does not exist', '二、春节：2月30日至3月2日放假调休，共3天。', 'bad_date', '二、春节：2月30日至3月2日放假调休，共3天。', '2027年没有2月30日'],
    ['a range backwards', '六、中秋节：9月17日至15日放假调休，共3天。', 'range', '六、中秋节：9月17日至15日放假调休，共3天。', '放假日期倒置'],
    ['a date of another year', '一、元旦：2025年1月1日放假。', 'range', '一、元旦：2025年1月1日放假。', '「2025年1月1日」是2025年1月1日，不在2027年的安排之内'],
    ['a holiday of three weeks', '二、春节：2月1日至21日放假调休，共21天。', 'range', '二、春节：2月1日至21日放假调休，共21天。', '共 21 天，超出常理'],
    ['a make-up day inside the holiday', '四、劳动节：5月1日至5日放假调休，共5天。5月2日（周日）上班。', 'overlap', '四、劳动节：5月1日至5日放假调休，共5天。', '2027年5月2日既在放假日期之内，又是上班日'],
    ['a make-up day months away', '四、劳动节：5月1日至5日放假调休，共5天。8月7日（周六）上班。', 'range', '四、劳动节：5月1日至5日放假调休，共5天。', '离放假日期超过一个月'],
    ['an item without a holiday', '五、端午节：6月12日（星期六）上班。', 'no_holiday', '五、端午节：6月12日（星期六）上班。', '这一条没有写放假日期'],
  ])('%s', (_what, item, code, sentence, message) => {
    const problems = problemsOf(readHolidayNotice(notice(2027, item)));
    expect(problems).toContainEqual({ code, sentence, message: expect.stringContaining(message) });
    expect(describeProblem(problems.find((p) => p.code === code)!)).toContain(`「${sentence}」`);
  });

  it('two festivals claiming the same day', () => {
    const problems = problemsOf(readHolidayNotice(notice(2027, '六、中秋节：9月15日至17日放假调休，共3天。', '七、国庆节：9月17日至23日放假调休，共7天。')));
    expect(problems).toContainEqual({ code: 'overlap', sentence: '国庆节', message: expect.stringContaining('2027年9月17日在「中秋节」中是放假日') });
  });

  it('lists every problem at once', () => {
    const problems = problemsOf(readHolidayNotice(notice(2027, '一、元旦：1月1日（周四）放假1天，不调休。', '七、国庆节：10月1日至7日放假调休，共6天。')));
    expect(problems.map((p) => p.code)).toEqual(['weekday', 'count']);
  });

  it('a sentence after the items that sets a day but belongs to no festival', () => {
    const text = `${notice(2027, '一、元旦：1月1日（周五）至3日（周日）放假，共3天。')}\n节假日期间，各地区、各部门要妥善安排好值班。\n另：12月31日下午放假。`;
    expect(problemsOf(readHolidayNotice(text))).toEqual([{ code: 'unreadable', sentence: '另：12月31日下午放假。', message: expect.stringContaining('不在任何编号的节日条目中') }]);
  });

  it('no items at all', () => {
    expect(problemsOf(readHolidayNotice('国务院办公厅关于2027年部分节假日安排的通知 今年放假安排另行通知。'))).toEqual([{ code: 'no_items', sentence: '', message: expect.stringContaining('没有找到节日安排') }]);
  });
});

describe('the year', () => {
  const items = '一、元旦：1月1日（周五）至3日（周日）放假，共3天。';

  it('comes from the title, even broken over two lines', () => {
    expect(read(`国务院办公厅关于2027年\n部分节假日安排的通知\n${items}`).year).toBe(2027);
  });

  it('else from the preamble\'s 现将YYYY年', () => {
    expect(read(`经国务院批准，现将2027年元旦、春节……的具体安排通知如下。\n${items}`).year).toBe(2027);
  });

  it('else from the caller, and without any, it is asked for', () => {
    expect(read(items, 2027).year).toBe(2027);
    expect(readHolidayNotice(items)).toEqual({ ok: false, year: null, problems: [{ code: 'no_year', sentence: '', message: expect.stringContaining('没有找到年份') }] });
  });

  it('a given year that contradicts the title is a problem', () => {
    expect(problemsOf(readHolidayNotice(notice(2027, items), { year: 2028 }))).toContainEqual({ code: 'year_mismatch', sentence: '关于2027年部分节假日安排的通知', message: '通知写的是2027年，与指定的2028年不一致' });
  });

  it('weekday notes are checked against the year it names', () => {
    // 1月1日（周五） is right in 2027, wrong in 2026 (a Thursday).
    expect(problemsOf(readHolidayNotice(items, { year: 2026 }))[0]).toMatchObject({ code: 'weekday', message: '2026年1月1日是星期四，不是括号里写的「周五」' });
  });
});
