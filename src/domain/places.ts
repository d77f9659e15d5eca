// Where a training venue is [seed 二(二)四: 市内培训项目须在本市行政区域内举办; DOMAIN.md "The declaration form"].
// An address is read as an administrative place, prefix first: optional 中国 (or 中共, a party school's
// prefix), optional province, then a prefecture, then a county. The first place named decides: Liuzhou or one
// of its ten divisions is inside; any other province, prefecture or county is outside, whatever street or
// building names follow (南宁市青秀区柳州大厦, 上海市徐汇区柳州路). A venue that names no place (市委党校, 农贸市场)
// is unknown: the declarant is asked, never judged.
//
// Short forms are where the risk is: 北京路, 中山公园 and 来宾楼 are streets and buildings in any city. A short
// form (南宁, 广东) counts only where it cannot be anything else: after a province, at the end of the text, or
// before a county of its own; Liuzhou's own short forms (柳州职业技术学院, 鹿寨) count unless a street or a
// building name follows. Counties elsewhere count only by their full names (阳朔县, 青秀区).
import { CITIES, COUNTIES, PROVINCES } from './china-places.ts';
import { normalizeText } from './parse.ts';

export type PlaceReading =
  /** division: 柳州市, or 柳州市鱼峰区 when a district or county is named; rest: what follows the places. */
  | { where: 'inside'; division: string; rest: string }
  /** place: the first place named, in full (南宁市, 上海市, 广东省, 阳朔县). */
  | { where: 'outside'; place: string }
  | { where: 'unknown' };

type Level = 'province' | 'city' | 'county';
type Place = { level: Level; code: string; name: string };

const GUANGXI = '45';
const LIUZHOU = '4502';

/** Ethnic groups as they appear in the names of autonomous regions and prefectures, longest first. */
const ETHNIC = '维吾尔 哈萨克 柯尔克孜 土家 哈尼 景颇 傈僳 纳西 拉祜 布依 朝鲜 仡佬 毛南 仫佬 撒拉 东乡 保安 裕固 达斡尔 鄂温克 鄂伦春 锡伯 塔吉克 独龙 普米 布朗 阿昌 德昂 基诺 门巴 珞巴 蒙古 壮 回 藏 苗 侗 彝 傣 白 佤 羌 黎 瑶 畲 水 京 土 满 怒 各'.split(' ');

/** 广西壮族自治区 → 广西, 黔东南苗族侗族自治州 → 黔东南, 南宁市 → 南宁; null when too short to be safe. */
function shortForm(name: string): string | null {
  let s = name.replace(/(特别行政区|自治区|自治州|地区|盟|省|市)$/, '');
  if (/自治(区|州)$/.test(name)) {
    for (let changed = true; changed; ) {
      changed = false;
      for (const e of ETHNIC) {
        const cut = s.endsWith(`${e}族`) ? e.length + 1 : s.endsWith(e) && e.length > 1 ? e.length : 0;
        if (cut && s.length - cut >= 2) {
          s = s.slice(0, -cut);
          changed = true;
        }
      }
    }
  }
  return s.length >= 2 && s !== name ? s : null;
}

/** Liuzhou's divisions (NBS 450202–450206, 450222–450226), former and short names, and the 柳东新区 zone. */
const LIUZHOU_DIVISIONS: Record<string, string> = {
  ...Object.fromEntries(COUNTIES[LIUZHOU]!.split(' ').map((n) => [n, n])),
  柳江县: '柳江区',
  融水县: '融水苗族自治县',
  三江县: '三江侗族自治县',
  柳东新区: '柳东新区',
};
/** Short forms that only count when no street or building name follows (鹿寨 yes, 融安路 no). */
const LIUZHOU_SHORT: Record<string, string> = { 柳城: '柳城县', 鹿寨: '鹿寨县', 融安: '融安县', 融水: '融水苗族自治县', 三江: '三江侗族自治县' };

/** What makes a short name a street or a building rather than a place. */
const STREET = /^(?:[东西南北中]?(?:路|街|大道|大街)|[一二三四五六七八九十\d]+(?:路|街|巷)|巷|弄|胡同|大厦|大楼|饭店|宾馆|酒店)/;

type Index = { full: Map<string, Place[]>; short: Map<string, Place[]>; longest: number };
let index: Index | null = null;

function buildIndex(): Index {
  const full = new Map<string, Place[]>();
  const short = new Map<string, Place[]>();
  const add = (m: Map<string, Place[]>, key: string, p: Place) => m.set(key, [...(m.get(key) ?? []), p]);
  for (const [code, name] of Object.entries(PROVINCES)) {
    const p: Place = { level: 'province', code, name };
    add(full, name, p);
    const s = shortForm(name);
    if (s) {
      add(short, s, p);
      // 广西省, 广西自治区: common ways of writing an autonomous region.
      if (name.endsWith('自治区')) for (const v of [`${s}省`, `${s}自治区`]) add(full, v, p);
    }
  }
  for (const [code, name] of Object.entries(CITIES)) {
    const p: Place = { level: 'city', code, name };
    add(full, name, p);
    const s = shortForm(name);
    if (s) add(short, s, p);
  }
  for (const [code, names] of Object.entries(COUNTIES)) for (const name of names.split(' ')) add(full, name, { level: 'county', code, name });
  const longest = Math.max(...[...full.keys(), ...short.keys()].map((k) => k.length));
  return { full, short, longest };
}

type Match = { place: Place; end: number };

/** The longest name in `m` at `p` whose place passes `ok`. */
function matchAt(m: Map<string, Place[]>, t: string, p: number, ok: (place: Place, end: number) => boolean): Match | null {
  const ix = (index ??= buildIndex());
  for (let len = Math.min(ix.longest, t.length - p); len >= 2; len--) {
    const place = m.get(t.slice(p, p + len))?.find((x) => ok(x, p + len));
    if (place) return { place, end: p + len };
  }
  return null;
}

const within = (place: Place, prov: string | null) => !prov || place.code.startsWith(prov);

/** A prefecture (full or short) or a county (full, or one of Liuzhou's names) of province `prov` begins at `p`. */
function divisionOf(prov: string, t: string, p: number): boolean {
  const ix = (index ??= buildIndex());
  if (prov === GUANGXI && liuzhouDivision(t, p)) return true;
  return !!(matchAt(ix.full, t, p, (x) => x.level !== 'province' && within(x, prov)) ?? matchAt(ix.short, t, p, (x) => x.level === 'city' && within(x, prov)));
}

/** A county of prefecture `city` begins at `p`. */
function countyOf(city: string, t: string, p: number): boolean {
  return !!matchAt((index ??= buildIndex()).full, t, p, (x) => x.level === 'county' && x.code === city);
}

function liuzhouDivision(t: string, p: number): { name: string; end: number } | null {
  for (let len = Math.min(8, t.length - p); len >= 2; len--) {
    const w = t.slice(p, p + len);
    const name = LIUZHOU_DIVISIONS[w] ?? (STREET.test(t.slice(p + len)) ? undefined : LIUZHOU_SHORT[w]);
    if (name) return { name, end: p + len };
  }
  return null;
}

function inside(t: string, p: number): PlaceReading {
  const d = liuzhouDivision(t, p);
  return d ? { where: 'inside', division: `柳州市${d.name}`, rest: t.slice(d.end) } : { where: 'inside', division: '柳州市', rest: t.slice(p) };
}

/** Reads where a venue is; see the module comment. */
export function readPlace(text: string): PlaceReading {
  const ix = (index ??= buildIndex());
  const t = normalizeText(text).replace(/\s+/g, '').replace(/^[(（【\[「『“"']+/, '');
  let p = /^(中华人民共和国|中国|中共)/.exec(t)?.[0].length ?? 0;

  const province =
    matchAt(ix.full, t, p, (x) => x.level === 'province') ??
    matchAt(ix.short, t, p, (x, end) => x.level === 'province' && (end === t.length || divisionOf(x.code, t, end)));
  if (province && province.place.code !== GUANGXI) return { where: 'outside', place: province.place.name };
  const prov = province ? GUANGXI : null;
  if (province) p = province.end;

  const city =
    matchAt(ix.full, t, p, (x) => x.level === 'city' && within(x, prov)) ??
    matchAt(ix.short, t, p, (x, end) => {
      if (x.level !== 'city' || !within(x, prov)) return false;
      if (x.code === LIUZHOU || prov) return !STREET.test(t.slice(end));
      return end === t.length || countyOf(x.code, t, end);
    });
  if (city) return city.place.code === LIUZHOU ? inside(t, city.end) : { where: 'outside', place: city.place.name };

  const own = liuzhouDivision(t, p);
  if (own) return { where: 'inside', division: `柳州市${own.name}`, rest: t.slice(own.end) };
  const county = matchAt(ix.full, t, p, (x) => x.level === 'county' && within(x, prov));
  if (county) return { where: 'outside', place: county.place.name };
  return { where: 'unknown' };
}
