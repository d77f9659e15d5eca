// Reads 《国务院办公厅关于YYYY年部分节假日安排的通知》 as the State Council publishes it every November, into the
// year's schedule (days off and make-up working days) [DOMAIN.md "The campaign calendar": an admin loads later
// years from the notice's text]. Pure. The year comes from the title (or the preamble's 现将YYYY年…), else the
// caller's. The preamble, the closing paragraph (节假日期间……) and the signature are skipped; encouragements
// (鼓励各单位……安排职工在除夕休息) are reported as ignored notes; anything else that cannot be read, or that
// contradicts itself, is a problem naming its sentence, and then nothing is returned to store.
import { addDays, formatDate, type Ymd } from './dates.ts';
import { isAdvisory, isClosing, isSignature, soundsBinding } from './holiday-notice-clauses.ts';
import { mentionsDay } from './holiday-notice-dates.ts';
import { readItem } from './holiday-notice-item.ts';
import type { Festival, ItemSentence, NoticeNote, NoticeProblem } from './holiday-notice-types.ts';
import type { DayOverride, YearSchedule } from './working-days.ts';

export type { Festival, NoticeNote, NoticeProblem, NoticeProblemCode } from './holiday-notice-types.ts';

export type ReadNotice = { year: number; title: string | null; festivals: Festival[]; notes: NoticeNote[]; schedule: YearSchedule };
export type NoticeRead = { ok: true; notice: ReadNotice } | { ok: false; year: number | null; problems: NoticeProblem[] };

/** Whether a message is (or quotes) the notice, so the bot can offer to read it. */
export const looksLikeHolidayNotice = (text: string) => /部分节假日安排的通知/.test(text.replace(/\s+/g, ''));

const NAMES = '(?:元旦|春节|清明节|劳动节|端午节|中秋节|国庆节)';
const HEAD = new RegExp(`^(?:(?:[一二三四五六七八九十]{1,3}|\\d{1,2})[、.．]([^：。]{1,40}?)|(${NAMES}(?:、${NAMES})*))：(.*)$`);
const HEAD_AHEAD = /\s+(?=(?:[一二三四五六七八九十]{1,3}|\d{1,2})[、.．][^：。\s]{1,40}：)/g;

/** Full-width digits to ASCII, ASCII brackets and punctuation to the notice's full-width ones. */
function normalize(text: string): string {
  return text
    .replace(/[\uff10-\uff19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/:/g, '：')
    .replace(/,/g, '，')
    .replace(/;/g, '；')
    .replace(/\u3000/g, ' ');
}

/** Sentences, each as quoted to people; a line break before a numbered item also ends a sentence. */
function sentencesOf(text: string): string[] {
  const flat = normalize(text).replace(HEAD_AHEAD, '。').replace(/\s+/g, '');
  return flat
    .split(/(?<=。)/)
    .map((s) => s.replace(/^。+/, ''))
    .filter((s) => s !== '' && s !== '。');
}

function yearOf(sentences: string[], firstItem: number, given: number | undefined): { year: number | null; problems: NoticeProblem[] } {
  const all = sentences.join('');
  const title = /关于(\d{4})年部分节假日安排的通知/.exec(all);
  // 现将2027年元旦、春节……通知如下。 quoted from after the addressee (各省……各直属机构：).
  const said = sentences.slice(0, Math.max(firstItem, 0)).find((s) => /现将\d{4}年/.test(s));
  const preamble = said ? /现将(\d{4})年/.exec(said) : null;
  const found = [
    ...(title ? [{ year: Number(title[1]), what: title[0] }] : []),
    ...(said && preamble ? [{ year: Number(preamble[1]), what: said.slice(said.lastIndexOf('：', preamble.index) + 1) }] : []),
  ];
  const year = given ?? found[0]?.year ?? null;
  const problems: NoticeProblem[] = found
    .filter((f) => f.year !== year)
    .map((f) => ({ code: 'year_mismatch' as const, sentence: f.what, message: given !== undefined ? `通知写的是${f.year}年，与指定的${given}年不一致` : `这里写的是${f.year}年，与标题的${year}年不一致` }));
  if (year === null) problems.push({ code: 'no_year', sentence: '', message: '没有找到年份：通知标题应为《国务院办公厅关于2027年部分节假日安排的通知》。请连同标题一起发送，或指明是哪一年的安排。' });
  return { year, problems };
}

export function readHolidayNotice(text: string, opts: { year?: number | undefined } = {}): NoticeRead {
  const sentences = sentencesOf(text);
  const firstItem = sentences.findIndex((s) => HEAD.test(s));
  const { year, problems } = yearOf(sentences, firstItem, opts.year);
  if (firstItem < 0) problems.push({ code: 'no_items', sentence: '', message: '没有找到节日安排：通知里应有「一、元旦：1月1日放假……」这样按节日编号的条目' });
  // A wrong year would make every weekday note look wrong: say only that.
  if (year === null || firstItem < 0 || problems.length) return { ok: false, year, problems };

  const items: { name: string; sentences: ItemSentence[] }[] = [];
  const notes: NoticeNote[] = [];
  let closed = false;
  for (const quote of sentences.slice(firstItem)) {
    const s = quote.replace(/。$/, '');
    const head = HEAD.exec(s);
    if (head) {
      items.push({ name: (head[1] ?? head[2]!).trim(), sentences: [{ text: head[3]!, quote }] });
      closed = false;
    } else if (isAdvisory(s)) {
      notes.push({ sentence: quote, message: '这是倡导性的内容，不是放假安排，已忽略（不影响工作日计算）' });
    } else if (!closed && (isClosing(s) || isSignature(s) || (!mentionsDay(s) && !soundsBinding(s)))) {
      closed = true;
    } else if (!closed) {
      items.at(-1)!.sentences.push({ text: s, quote });
    } else if (mentionsDay(s) && soundsBinding(s)) {
      problems.push({ code: 'unreadable', sentence: quote, message: '这句话不在任何编号的节日条目中，无法判断属于哪个节日' });
    }
  }

  const festivals: Festival[] = [];
  for (const item of items) {
    const r = readItem(item.name, item.sentences, year);
    problems.push(...r.problems);
    if (r.festival) festivals.push(r.festival);
  }
  problems.push(...overlaps(festivals));
  if (problems.length) return { ok: false, year, problems };
  return { ok: true, notice: { year, title: `国务院办公厅关于${year}年部分节假日安排的通知`, festivals, notes, schedule: { year, days: scheduleDays(festivals) } } };
}

function daysOff(f: Festival): Ymd[] {
  const out: Ymd[] = [];
  for (let d = f.from; d <= f.to; d = addDays(d, 1)) out.push(d);
  return [...out, ...f.compensatory];
}

/** Two festivals claiming the same day (as a day off, or one's day off as the other's working day). */
function overlaps(festivals: Festival[]): NoticeProblem[] {
  const owner = new Map<Ymd, { f: Festival; kind: '放假' | '上班' }>();
  const out: NoticeProblem[] = [];
  for (const f of festivals) {
    for (const [days, kind] of [[daysOff(f), '放假'], [f.workdays, '上班']] as const) {
      for (const d of days) {
        const other = owner.get(d);
        if (other && other.f !== f && (other.kind === '放假' || kind === '放假')) {
          out.push({ code: 'overlap', sentence: f.name, message: `${formatDate(d)}在「${other.f.name}」中是${other.kind}日，在「${f.name}」中又是${kind}日` });
        }
        if (!other || kind === '放假') owner.set(d, { f, kind });
      }
    }
  }
  return out;
}

function scheduleDays(festivals: Festival[]): DayOverride[] {
  const days = new Map<Ymd, DayOverride>();
  for (const f of festivals) {
    for (const d of daysOff(f)) days.set(d, { date: d, kind: 'holiday', name: f.name });
    for (const d of f.workdays) days.set(d, { date: d, kind: 'workday', name: f.name });
  }
  return [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/** A problem as one line for people: 「七、国庆节：10月1日（周二）至……」：2027年10月1日是星期五，不是…… */
export function describeProblem(p: NoticeProblem): string {
  return p.sentence ? `「${p.sentence}」：${p.message}` : p.message;
}
