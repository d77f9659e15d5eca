// One festival's item of the State Council's holiday notice ("二、春节：1月28日（农历除夕、周二）至2月4日（农历
// 正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。") read into its holiday range, make-up
// working days and compensatory days, with every check the text allows: weekday notes against the real date,
// 共N天 against the range, make-up days on weekends, 补休 on weekdays, 与周末连休 next to a weekend, 不调休 with
// no make-up day. Each problem quotes the sentence it is in [DOMAIN.md "The campaign calendar"].
import { addDays, daysBetween, formatDate, weekdayName, type Ymd } from './dates.ts';
import { readClause, splitClauses, type Clause } from './holiday-notice-clauses.ts';
import { contextAfter, hasYear, isWeekend, readDate, weekdayConflict, type DateContext, type ReadDate } from './holiday-notice-dates.ts';
import type { Festival, ItemSentence, NoticeProblem, NoticeProblemCode } from './holiday-notice-types.ts';

/** The longest holiday the State Council has ever given is 9 days; anything past two weeks is a misreading. */
const MAX_RANGE_DAYS = 15;
/** Make-up days are within a few weeks of their festival (2026 National Day: 11 days before). */
const MAX_MAKEUP_DISTANCE = 31;

type Item = {
  year: number;
  from: Ymd | null;
  to: Ymd | null;
  workdays: Ymd[];
  compensatory: Ymd[];
  joins: boolean;
  noMakeUp: boolean;
  /** A holiday range was there but is already named as a problem: its 共N天 cannot be checked. */
  misread: boolean;
  problems: NoticeProblem[];
};

const say = (it: Item, code: NoticeProblemCode, s: ItemSentence, message: string) => void it.problems.push({ code, sentence: s.quote, message });

/** A date as finally placed: its weekday note must agree, and it must belong to this year's schedule. */
function placed(it: Item, r: Extract<ReadDate, { ok: true }>, date: Ymd, s: ItemSentence): boolean {
  const conflict = weekdayConflict({ ...r, date });
  if (conflict) return say(it, 'weekday', s, conflict), false;
  if (date < `${it.year - 1}-12-01` || date > `${it.year + 1}-01-31`) return say(it, 'range', s, `「${r.written}」是${formatDate(date)}，不在${it.year}年的安排之内`), false;
  return true;
}

/** 1月26日（周日）、2月8日（周六）: each leaves out what the one before gave (the month, the year). */
function dateList(it: Item, dates: string[], s: ItemSentence): Ymd[] {
  let ctx: DateContext = { year: it.year };
  const out: Ymd[] = [];
  for (const w of dates) {
    const r = readDate(w, ctx);
    if (!r.ok) say(it, 'bad_date', s, r.message);
    else if (placed(it, r, r.date, s)) out.push(r.date);
    if (r.ok) ctx = contextAfter(r.date);
  }
  return out;
}

/** 10月1日至7日; 2022年12月31日至2023年1月2日; 12月31日至1月2日 in the 2023 notice starts in 2022. */
function readRange(it: Item, fromW: string, toW: string | null, s: ItemSentence): [Ymd, Ymd] | null {
  const a = readDate(fromW, { year: it.year });
  if (!a.ok) return say(it, 'bad_date', s, a.message), null;
  const b = toW ? readDate(toW, contextAfter(a.date)) : a;
  if (!b.ok) return say(it, 'bad_date', s, b.message), null;
  let [from, to] = [a.date, b.date];
  if (toW && to < from && !hasYear(toW) && from.slice(5, 7) === '12' && to.slice(5, 7) === '01') {
    if (hasYear(fromW)) to = `${Number(from.slice(0, 4)) + 1}${to.slice(4)}`;
    else from = `${it.year - 1}${from.slice(4)}`;
  }
  const fromOk = placed(it, a, from, s);
  if (!((toW ? placed(it, b, to, s) : true) && fromOk)) return null;
  if (to < from) return say(it, 'range', s, `放假日期倒置：${formatDate(from)}在${formatDate(to)}之后`), null;
  const days = daysBetween(from, to) + 1;
  if (days > MAX_RANGE_DAYS) return say(it, 'range', s, `放假从${formatDate(from)}到${formatDate(to)}共 ${days} 天，超出常理，请核对日期`), null;
  return [from, to];
}

function checkCount(it: Item, count: number, s: ItemSentence) {
  if (it.misread) return;
  if (!it.from || !it.to) return say(it, 'unreadable', s, `「共${count}天」前面没有放假日期`);
  const days = daysBetween(it.from, it.to) + 1;
  if (count !== days) say(it, 'count', s, `写的是共${count}天，但${formatDate(it.from)}${it.from === it.to ? '' : `至${formatDate(it.to)}`}是 ${days} 天`);
}

function apply(it: Item, c: Clause, s: ItemSentence) {
  switch (c.kind) {
    case 'holiday': {
      if (it.from || it.misread) return say(it, 'unreadable', s, '一个节日只能有一段放假日期，这里出现了第二段');
      const range = readRange(it, c.from, c.to, s);
      if (!range) return void (it.misread = true);
      [it.from, it.to] = range;
      if (c.count !== null) checkCount(it, c.count, s);
      return;
    }
    case 'count':
      return checkCount(it, c.count, s);
    case 'joins_weekend':
      return void (it.joins = true);
    case 'no_makeup':
      return void (it.noMakeUp = true);
    case 'compensatory':
      for (const d of dateList(it, c.dates, s)) {
        if (isWeekend(d)) say(it, 'compensatory_weekend', s, `补休日${formatDate(d)}是${weekdayName(d)}：补休日应是周一至周五`);
        else it.compensatory.push(d);
      }
      return;
    case 'workday':
      for (const d of dateList(it, c.dates, s)) {
        if (!isWeekend(d)) say(it, 'makeup_not_weekend', s, `上班日${formatDate(d)}是${weekdayName(d)}，本来就是工作日：调休上班日应是周六或周日`);
        else it.workdays.push(d);
      }
  }
}

/** What the item says as a whole: 不调休 with no make-up day, 与周末连休 next to a weekend, no day twice. */
function checkFestival(f: Festival, first: ItemSentence): NoticeProblem[] {
  const out: NoticeProblem[] = [];
  const problem = (code: NoticeProblemCode, message: string) => out.push({ code, sentence: first.quote, message });
  if (f.noMakeUp && f.workdays.length) problem('contradiction', `写明「不调休」，却又安排了上班日（${f.workdays.map(formatDate).join('、')}）`);
  const touches = isWeekend(addDays(f.from, -1)) || isWeekend(addDays(f.to, 1)) || [f.from, f.to].some(isWeekend);
  if (f.joinsWeekend && !touches) problem('weekend_join', `写明「与周末连休」，但${formatDate(f.from)}（${weekdayName(f.from)}）前后都不是周末`);
  for (const d of f.workdays) {
    if (d >= f.from && d <= f.to) problem('overlap', `${formatDate(d)}既在放假日期之内，又是上班日`);
    else if (Math.min(Math.abs(daysBetween(d, f.from)), Math.abs(daysBetween(d, f.to))) > MAX_MAKEUP_DISTANCE) problem('range', `上班日${formatDate(d)}离放假日期超过一个月，请核对`);
  }
  for (const d of f.compensatory) if (d >= f.from && d <= f.to) problem('overlap', `补休日${formatDate(d)}已在放假日期之内`);
  return out;
}

export function readItem(name: string, sentences: ItemSentence[], year: number): { festival: Festival | null; problems: NoticeProblem[] } {
  const it: Item = { year, from: null, to: null, workdays: [], compensatory: [], joins: false, noMakeUp: false, misread: false, problems: [] };
  for (const s of sentences) {
    const clauses = splitClauses(s.text).map((text) => ({ text, clause: readClause(text) }));
    const bad = clauses.find((c) => !c.clause);
    if (bad) say(it, 'unreadable', s, `读不懂「${bad.text}」：应为「10月1日至7日放假调休」「共7天」「9月26日（周日）上班」「1月2日（星期一）补休」这样的写法`);
    else for (const c of clauses) apply(it, c.clause!, s);
  }
  const first = sentences[0] ?? { text: '', quote: name };
  if (!it.from || !it.to) {
    if (!it.problems.length) say(it, 'no_holiday', first, '这一条没有写放假日期（应为「10月1日至7日放假调休，共7天」这样的写法）');
    return { festival: null, problems: it.problems };
  }
  const festival: Festival = { name, from: it.from, to: it.to, days: daysBetween(it.from, it.to) + 1, workdays: it.workdays, compensatory: it.compensatory, joinsWeekend: it.joins, noMakeUp: it.noMakeUp };
  const problems = [...it.problems, ...checkFestival(festival, first)];
  return { festival: problems.length ? null : festival, problems };
}
