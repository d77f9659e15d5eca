// One festival's item of the State Council's holiday notice ("二、春节：1月28日（农历除夕、周二）至2月4日（农历
// 正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。") read into its holiday range, make-up
// working days and compensatory days, with every check the text allows: weekday notes against the real date,
// 共N天 against the range, make-up days on weekends, 补休 on weekdays, 与周末连休 next to a weekend, 不调休 with
// no make-up day. Each problem quotes the sentence it is in [DOMAIN.md "The campaign calendar"].
import { addDays, daysBetween, formatDate, type Ymd } from './dates.ts';
import { readClause, splitClauses, type Clause } from './holiday-notice-clauses.ts';
import { contextAfter, hasYear, isWeekend, readDate, weekdayConflict, weekdayName, type DateContext, type ReadDate } from './holiday-notice-dates.ts';

export type NoticeProblemCode =
  | 'no_year'
  | 'year_mismatch'
  | 'no_items'
  | 'unreadable'
  | 'bad_date'
  | 'weekday'
  | 'count'
  | 'range'
  | 'makeup_not_weekend'
  | 'compensatory_weekend'
  | 'weekend_join'
  | 'contradiction'
  | 'overlap'
  | 'no_holiday';

/** What is wrong, and the sentence it is in as the notice wrote it (empty for the text as a whole). */
export type NoticeProblem = { code: NoticeProblemCode; sentence: string; message: string };
/** A sentence read and deliberately not used (an encouragement, not a day off). */
export type NoticeNote = { sentence: string; message: string };

export type Festival = {
  name: string;
  from: Ymd;
  to: Ymd;
  /** Days from `from` to `to`, as 共N天 says. */
  days: number;
  workdays: Ymd[];
  compensatory: Ymd[];
  joinsWeekend: boolean;
  noMakeUp: boolean;
};

export type ItemSentence = { text: string; quote: string };

/** The longest holiday the State Council has ever given is 9 days; anything past two weeks is a misreading. */
const MAX_RANGE_DAYS = 15;
/** Make-up days are within a few weeks of their festival (2026 National Day: 11 days before). */
const MAX_MAKEUP_DISTANCE = 31;

export function readItem(name: string, sentences: ItemSentence[], year: number): { festival: Festival | null; problems: NoticeProblem[] } {
  const problems: NoticeProblem[] = [];
  const f = { from: null as Ymd | null, to: null as Ymd | null, workdays: [] as Ymd[], compensatory: [] as Ymd[], joins: false, noMakeUp: false, misread: false };
  const problem = (code: NoticeProblemCode, s: ItemSentence, message: string) => problems.push({ code, sentence: s.quote, message });

  /** A date as finally placed: its weekday note must agree, and it must belong to this year's schedule. */
  const check: Check = (r, date, s) => {
    const conflict = weekdayConflict({ ...r, date });
    if (conflict) return void problem('weekday', s, conflict), false;
    if (date < `${year - 1}-12-01` || date > `${year + 1}-01-31`) return void problem('range', s, `「${r.written}」是${formatDate(date)}，不在${year}年的安排之内`), false;
    return true;
  };
  const resolve = (written: string, ctx: DateContext, s: ItemSentence): Ymd | null => {
    const r = readDate(written, ctx);
    if (!r.ok) return void problem('bad_date', s, r.message), null;
    return check(r, r.date, s) ? r.date : null;
  };
  const list = (dates: string[], s: ItemSentence) => {
    let ctx: DateContext = { year };
    return dates.map((w) => {
      const d = resolve(w, ctx, s);
      if (d) ctx = contextAfter(d);
      return d;
    });
  };

  const apply = (c: Clause, s: ItemSentence) => {
    switch (c.kind) {
      case 'holiday': {
        if (f.from || f.misread) return problem('unreadable', s, '一个节日只能有一段放假日期，这里出现了第二段');
        const range = readRange(c.from, c.to, year, s, check, problem);
        if (!range) return void (f.misread = true); // already named; its 共N天 cannot be checked
        [f.from, f.to] = range;
        if (c.count !== null) checkCount(c.count, range, s, problem);
        return;
      }
      case 'count':
        if (f.misread) return;
        if (!f.from || !f.to) return problem('unreadable', s, `「共${c.count}天」前面没有放假日期`);
        return checkCount(c.count, [f.from, f.to], s, problem);
      case 'joins_weekend':
        f.joins = true;
        return;
      case 'no_makeup':
        f.noMakeUp = true;
        return;
      case 'compensatory':
        for (const d of list(c.dates, s)) {
          if (d && isWeekend(d)) problem('compensatory_weekend', s, `补休日${formatDate(d)}是${weekdayName(d)}：补休日应是周一至周五`);
          else if (d) f.compensatory.push(d);
        }
        return;
      case 'workday':
        for (const d of list(c.dates, s)) {
          if (d && !isWeekend(d)) problem('makeup_not_weekend', s, `上班日${formatDate(d)}是${weekdayName(d)}，本来就是工作日：调休上班日应是周六或周日`);
          else if (d) f.workdays.push(d);
        }
    }
  };

  for (const s of sentences) {
    const clauses = splitClauses(s.text).map((text) => ({ text, clause: readClause(text) }));
    const bad = clauses.find((c) => !c.clause);
    if (bad) problem('unreadable', s, `读不懂「${bad.text}」：应为「10月1日至7日放假调休」「共7天」「9月26日（周日）上班」「1月2日（星期一）补休」这样的写法`);
    else for (const c of clauses) apply(c.clause!, s);
  }
  const first = sentences[0] ?? { text: '', quote: name };
  if (!f.from || !f.to) {
    if (!problems.length) problem('no_holiday', first, '这一条没有写放假日期（应为「10月1日至7日放假调休，共7天」这样的写法）');
    return { festival: null, problems };
  }
  const festival: Festival = { name, from: f.from, to: f.to, days: daysBetween(f.from, f.to) + 1, workdays: f.workdays, compensatory: f.compensatory, joinsWeekend: f.joins, noMakeUp: f.noMakeUp };
  problems.push(...checkFestival(festival, first));
  return { festival: problems.length ? null : festival, problems };
}

type Problem = (code: NoticeProblemCode, s: ItemSentence, message: string) => void;
type Check = (r: Extract<ReadDate, { ok: true }>, date: Ymd, s: ItemSentence) => boolean;

/** 10月1日至7日; 2022年12月31日至2023年1月2日; 12月31日至1月2日 in January's notice starts the year before. */
function readRange(fromW: string, toW: string | null, year: number, s: ItemSentence, check: Check, problem: Problem): [Ymd, Ymd] | null {
  const a = readDate(fromW, { year });
  if (!a.ok) return void problem('bad_date', s, a.message), null;
  const b = toW ? readDate(toW, contextAfter(a.date)) : a;
  if (!b.ok) return void problem('bad_date', s, b.message), null;
  let [from, to] = [a.date, b.date];
  if (toW && to < from && !hasYear(toW) && from.slice(5, 7) === '12' && to.slice(5, 7) === '01') {
    // Across New Year without the years written: 12月31日至1月2日 in the notice for 2023 starts in 2022.
    if (hasYear(fromW)) to = `${Number(from.slice(0, 4)) + 1}${to.slice(4)}`;
    else from = `${year - 1}${from.slice(4)}`;
  }
  const placed = check(a, from, s);
  if (!(toW ? check(b, to, s) && placed : placed)) return null;
  if (to < from) return void problem('range', s, `放假日期倒置：${formatDate(from)}在${formatDate(to)}之后`), null;
  const days = daysBetween(from, to) + 1;
  if (days > MAX_RANGE_DAYS) return void problem('range', s, `放假从${formatDate(from)}到${formatDate(to)}共 ${days} 天，超出常理，请核对日期`), null;
  return [from, to];
}

function checkCount(count: number, [from, to]: [Ymd, Ymd], s: ItemSentence, problem: Problem) {
  const days = daysBetween(from, to) + 1;
  if (count !== days) problem('count', s, `写的是共${count}天，但${formatDate(from)}${from === to ? '' : `至${formatDate(to)}`}是 ${days} 天`);
}

function checkFestival(f: Festival, first: ItemSentence): NoticeProblem[] {
  const out: NoticeProblem[] = [];
  const say = (code: NoticeProblemCode, message: string) => out.push({ code, sentence: first.quote, message });
  if (f.noMakeUp && f.workdays.length) say('contradiction', `写明「不调休」，却又安排了上班日（${f.workdays.map(formatDate).join('、')}）`);
  const touches = isWeekend(addDays(f.from, -1)) || isWeekend(addDays(f.to, 1)) || [f.from, f.to].some(isWeekend);
  if (f.joinsWeekend && !touches) say('weekend_join', `写明「与周末连休」，但${formatDate(f.from)}（${weekdayName(f.from)}）前后都不是周末`);
  for (const d of f.workdays) {
    if (d >= f.from && d <= f.to) say('overlap', `${formatDate(d)}既在放假日期之内，又是上班日`);
    else if (Math.min(Math.abs(daysBetween(d, f.from)), Math.abs(daysBetween(d, f.to))) > MAX_MAKEUP_DISTANCE) say('range', `上班日${formatDate(d)}离放假日期超过一个月，请核对`);
  }
  for (const d of f.compensatory) if (d >= f.from && d <= f.to) say('overlap', `补休日${formatDate(d)}已在放假日期之内`);
  return out;
}
