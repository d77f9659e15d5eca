// A class described in one sentence: 「我们局10月想在市委党校办一期40人、3天的财务业务培训，预算2万左右」 → month 10,
// institution 市委党校, sessions 1, headcount 40, days 3, title 财务业务培训班, budget 20000. Rule-based (no language
// model is reachable offline): number patterns with their units (Chinese numerals too), the mode and scope
// words, the place reader for the venue (places.ts), the training-base list for the institution, and the
// words just before 培训 for the topic. Every value then goes through its field's own parser (plan.ts), so
// nothing reaches a plan that the form would refuse; what is not said stays empty and is asked.
import { fieldDef, type PlanDraft, type PlanFieldKey } from './plan.ts';
import { chineseNumeral, normalizeText } from './parse.ts';
import { readPlace } from './places.ts';
import { matchKey } from './parse.ts';
import type { TrainingBase } from './training-bases.ts';

export type SentenceReading = {
  /** Parsed values, ready for a draft. */
  data: PlanDraft;
  /** Which words gave each value (shown back to the person). */
  from: Partial<Record<PlanFieldKey, string>>;
};

const N = '(\\d+(?:\\.\\d+)?|[零〇一二两三四五六七八九十百千]+)';
const CN_OR_DIGIT = '\\d零〇一二两三四五六七八九十百千';

function num(s: string): number | null {
  return /^\d/.test(s) ? Number(s) : chineseNumeral(s);
}

type Found = { field: PlanFieldKey; raw: unknown; words: string };

function first(re: RegExp, t: string): RegExpExecArray | null {
  re.lastIndex = 0;
  return re.exec(t);
}

const MONTH = new RegExp(`(?<![${CN_OR_DIGIT}])${N}月份?`, 'g');
const HEADCOUNT = new RegExp(`(?<![${CN_OR_DIGIT}.])${N}\\s*(?:名|位|个)?(?:人(?!次)|学员|干部|职工|党员|员工|同志|教师|人员)`, 'g');
const SESSIONS = new RegExp(`(?<![第${CN_OR_DIGIT}.])${N}\\s*(?:期(?!间)|个班|批(?!准|次))`, 'g');
const DAYS = new RegExp(`(?<![${CN_OR_DIGIT}月.])${N}\\s*(?:天|日)(?!期)`, 'g');
const MONEY = new RegExp(`(人均|每人|每天|每期)?[^${CN_OR_DIGIT}]{0,0}${N}\\s*(万元|万|元|块钱|块)`, 'g');
const QUOTED = /[《「“"]([^》」”"]{4,60})[》」”"]/;
const BEFORE_TRAINING = /(培训班|培训|研修班|轮训|训练营)/g;
// Characters that end a topic when read backwards from 培训.
const TOPIC_STOP = new Set([...'的、在办期天了和与到去赴个开展组织举行搞做场次为是有我们局委单位加报，,。；;：:（）()0123456789 ']);
const AUDIENCE = /(?:面向|对象是|对象为|培训对象[是为:：]?|针对|组织)([^，,。；;：:]{2,30}?)(?:的|开展|举办|参加|进行|赴|到|去|在|学习|培训|，|,|。|；|;|$)/;
const AUDIENCE_JOIN = /([\u4e00-\u9fff]{2,12})(?:参加|参训)/;
const VENUE = /(?:在|到|赴|去)([\u4e00-\u9fffA-Za-z0-9（）()]{2,30}?)(?:办|举办|开展|组织|进行|培训|学习|集中|，|,|。|；|;|$)/;
const INSTITUTION_WORDS = /(党校|行政学院|干部学院|学院|大学|培训中心|培训基地|学校|研究院)$/;

/** The words just before 培训 (spaces kept: they end a topic), unless they name a place or a date. */
function topicOf(spaced: string): { title: string; words: string } | null {
  const quoted = QUOTED.exec(spaced);
  if (quoted) return { title: quoted[1]!.trim(), words: quoted[0] };
  BEFORE_TRAINING.lastIndex = 0;
  for (let m = BEFORE_TRAINING.exec(spaced); m; m = BEFORE_TRAINING.exec(spaced)) {
    let i = m.index;
    while (i > 0 && /[\u4e00-\u9fffA-Za-z]/.test(spaced[i - 1]!) && !TOPIC_STOP.has(spaced[i - 1]!)) i--;
    const topic = spaced.slice(i, m.index).replace(/^月份?/, '').replace(/^年(?![终度轻])/, '');
    if (topic.length < 2 || readPlace(topic).where !== 'unknown') continue;
    return { title: `${topic}${m[1] === '培训' ? '培训班' : m[1]}`, words: `${topic}${m[1]}` };
  }
  return null;
}

function moneyOf(t: string): { yuan: number; words: string } | null {
  MONEY.lastIndex = 0;
  for (let m = MONEY.exec(t); m; m = MONEY.exec(t)) {
    // 人均500元, 每人费用500元: a price per head is not the budget.
    if (m[1] || /人均|每人|每天|每期/.test(t.slice(Math.max(0, m.index - 4), m.index))) continue;
    const n = num(m[2]!);
    if (n === null) continue;
    return { yuan: Math.round(n * (m[3]!.startsWith('万') ? 10000 : 1) * 100) / 100, words: m[0] };
  }
  return null;
}

export function readClassSentence(text: string, o: { bases?: readonly TrainingBase[] } = {}): SentenceReading {
  const spaced = normalizeText(text).replace(/\s+/g, ' ');
  const t = spaced.replace(/ /g, '');
  const found: Found[] = [];
  const take = (field: PlanFieldKey, raw: unknown, words: string) => {
    if (!found.some((f) => f.field === field)) found.push({ field, raw, words });
  };

  const month = first(MONTH, t);
  if (month) take('month', num(month[1]!), month[0]);
  const headcount = first(HEADCOUNT, t);
  if (headcount) take('headcount', num(headcount[1]!), headcount[0]);
  const sessions = first(SESSIONS, t);
  if (sessions) take('sessions', num(sessions[1]!), sessions[0]);
  const days = first(DAYS, t);
  if (days && days[0] !== month?.[0]) take('days', num(days[1]!), days[0]);
  const money = moneyOf(t);
  if (money) take('budget', money.yuan, money.words);

  const mode = /线上线下|线下线上|混合式?/.exec(t) ?? /线上|网络|视频|在线|远程/.exec(t) ?? /线下|面授|现场教学/.exec(t);
  if (mode) take('mode', /线上线下|线下线上|混合/.test(mode[0]) ? '线上线下结合' : /线下|面授|现场/.test(mode[0]) ? '线下' : '线上', mode[0]);

  // The institution: an official training base named (in full or by an alias), or a school named after 在/到.
  const key = matchKey(t);
  const base = o.bases?.find((b) => [b.name, ...b.aliases].some((n) => matchKey(n).length >= 4 && key.includes(matchKey(n))));
  if (base) take('institution', base.name, base.name);

  const venue = VENUE.exec(t);
  if (venue) {
    const where = venue[1]!;
    const place = readPlace(where);
    if (place.where !== 'unknown') take('location', where, where);
    if (place.where === 'outside') take('scope', '市外', where);
    if (place.where === 'inside') take('scope', '市内', where);
    if (!base && INSTITUTION_WORDS.test(where)) take('institution', place.where === 'inside' && place.rest ? place.rest : where, where);
  }
  // The bases are the city's list of training institutions: one elsewhere makes the class 市外.
  if (base) take('scope', base.city.includes('柳州') ? '市内' : '市外', base.name);
  const scope = /市外|外出|外地|赴外|出市|区外/.exec(t) ?? /市内|本市|柳州本地/.exec(t);
  if (scope) take('scope', /市内|本市|本地/.test(scope[0]) ? '市内' : '市外', scope[0]);

  const topic = topicOf(spaced);
  if (topic) take('title', topic.title, topic.words);
  const audience = AUDIENCE.exec(t) ?? AUDIENCE_JOIN.exec(t);
  if (audience && !/^\d/.test(audience[1]!) && !/[到在去赴于办]/.test(audience[1]!)) take('audience', audience[1]!, audience[0]);

  const data: PlanDraft = {};
  const from: SentenceReading['from'] = {};
  for (const f of found) {
    const r = fieldDef(f.field).parse(f.raw);
    if (!r.ok) continue;
    (data as Record<string, unknown>)[f.field] = r.value;
    from[f.field] = f.words;
  }
  return { data, from };
}

/** Enough of a class to be one: a declaration is started from it (three facts, or a topic and one more). */
export function describesAClass(r: SentenceReading): boolean {
  const n = Object.keys(r.data).length;
  return n >= 3 || (n >= 2 && r.data.title !== undefined);
}
