// Similar classes of different units in one year: candidates for joint training, which the notice
// encourages (联合两家或以上主管单位组织业务培训，节约培训经费 [seed 二(二)五]), and a check against redundant
// projects (避免培训项目冗杂 [seed 二(二)四]). Explainable by construction: two plans are similar when they are of
// the same category (市内/市外), their titles share the words that carry the topic once the generic ones
// (年度, 培训班, 业务, 能力提升 …) are set aside, and their audiences overlap (or one of them is for everyone);
// the shared words are what the person is shown.

export type ComparablePlan = {
  id: number;
  number: string;
  unitCode: string;
  unitName: string;
  title: string;
  audience?: string | undefined;
  scope?: string | undefined;
  month?: number | undefined;
};

export type SimilarPlan = { plan: ComparablePlan; titleWords: string; audienceWords: string | null };

// Words in almost every title or audience: they say nothing about the topic. Longest first.
const GENERIC = [
  '培训班', '研修班', '培训', '轮训', '专题', '年度', '能力', '提升', '业务', '工作', '知识', '综合', '素质', '全市', '全局', '本系统', '系统',
  '干部', '人员', '职工', '专业', '技能', '实务', '骨干', '全体', '本单位', '单位', '本局', '机关', '学习', '教育', '建设', '第', '期', '班',
  '暨', '和', '与', '及', '的', '、', '新',
].sort((a, b) => b.length - a.length);

const EVERYONE = /^(全体|全市|本系统|本单位|本局|机关)?(干部|干部职工|职工|工作人员|人员|党员|公务员)?$/;

export function topicCore(title: string): string {
  let t = title.normalize('NFKC').replace(/[\s《》「」“”"'()（）【】\[\]·,，.。:：;；]/g, '').replace(/\d+年度?/g, '');
  for (const w of GENERIC) t = t.split(w).join(' ');
  return t.replace(/\s+/g, ' ').trim();
}

/** The longest run of characters two texts share, within their space-separated parts. */
export function longestShared(a: string, b: string): string {
  let best = '';
  for (const x of a.split(' ')) {
    for (const y of b.split(' ')) {
      for (let i = 0; i < x.length; i++) {
        for (let j = 0; j < y.length; j++) {
          let k = 0;
          while (i + k < x.length && j + k < y.length && x[i + k] === y[j + k]) k++;
          if (k > best.length) best = x.slice(i, i + k);
        }
      }
    }
  }
  return best;
}

function audienceOverlap(a: string | undefined, b: string | undefined): { ok: boolean; words: string | null } {
  const x = (a ?? '').replace(/\s+/g, '');
  const y = (b ?? '').replace(/\s+/g, '');
  if (!x || !y || EVERYONE.test(x) || EVERYONE.test(y)) return { ok: true, words: null };
  const shared = longestShared(topicCore(x) || x, topicCore(y) || y);
  return shared.length >= 2 ? { ok: true, words: shared } : { ok: false, words: null };
}

/** Whether two plans are similar, and why (null when they are not). */
export function compare(a: ComparablePlan, b: ComparablePlan): { titleWords: string; audienceWords: string | null } | null {
  if (a.unitCode === b.unitCode || a.id === b.id) return null;
  if (a.scope && b.scope && a.scope !== b.scope) return null;
  const ca = topicCore(a.title);
  const cb = topicCore(b.title);
  const shared = longestShared(ca, cb);
  const shorter = Math.min(ca.replace(/ /g, '').length, cb.replace(/ /g, '').length);
  // The shared words carry most of the shorter topic: 「预算绩效」 of 预算绩效管理 and 预算绩效.
  if (shared.length < 2 || shared.length < 0.6 * shorter) return null;
  const audience = audienceOverlap(a.audience, b.audience);
  if (!audience.ok) return null;
  return { titleWords: shared, audienceWords: audience.words };
}

/** The plans of other units similar to `plan`, the closest first. */
export function similarPlans(plan: ComparablePlan, others: readonly ComparablePlan[], limit = 5): SimilarPlan[] {
  return others
    .map((o) => ({ o, c: compare(plan, o) }))
    .filter((x): x is { o: ComparablePlan; c: NonNullable<ReturnType<typeof compare>> } => x.c !== null)
    .sort((x, y) => y.c.titleWords.length - x.c.titleWords.length || Math.abs((x.o.month ?? 0) - (plan.month ?? 0)) - Math.abs((y.o.month ?? 0) - (plan.month ?? 0)) || x.o.number.localeCompare(y.o.number))
    .slice(0, limit)
    .map((x) => ({ plan: x.o, titleWords: x.c.titleWords, audienceWords: x.c.audienceWords }));
}

/** The sentence a declarant or reviewer reads: 柳州市财政局也计划在9月办「预算绩效培训班」（2027-012，都有「预算绩效」）. */
export function similarLine(s: SimilarPlan): string {
  const when = s.plan.month ? `在${s.plan.month}月` : '';
  const why = `都有「${s.titleWords}」${s.audienceWords ? `，对象都有「${s.audienceWords}」` : ''}`;
  return `${s.plan.unitName}也计划${when}办「${s.plan.title}」（${s.plan.number}，${why}）`;
}

/** Every pair of similar plans of a year, for the reviewers' overview (each pair once). */
export function similarPairs(plans: readonly ComparablePlan[]): { a: ComparablePlan; b: ComparablePlan; titleWords: string; audienceWords: string | null }[] {
  const out: { a: ComparablePlan; b: ComparablePlan; titleWords: string; audienceWords: string | null }[] = [];
  for (let i = 0; i < plans.length; i++) {
    for (let j = i + 1; j < plans.length; j++) {
      const c = compare(plans[i]!, plans[j]!);
      if (c) out.push({ a: plans[i]!, b: plans[j]!, ...c });
    }
  }
  return out.sort((x, y) => y.titleWords.length - x.titleWords.length || x.a.number.localeCompare(y.a.number));
}
