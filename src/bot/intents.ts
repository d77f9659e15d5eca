// What a person means when the message is not a command word: 「我的计划现在到哪一步了？」 is 进度, 「模版在哪
// 下载」 is 模板. Rule-based (nothing else is reachable offline) over the commands' own manifests: their words
// and their `phrases` (how people ask for them), compared after the polite padding and particles are taken
// off, by containment and, for typos, by edit distance. Sure → the command runs; unsure → the two best
// guesses are offered as buttons; nothing close → null (the caller says it did not understand).
// The phrase corpus in test/bot/intents.test.ts is the specification.
import type { Command } from './manifest.ts';

export type IntentGuess =
  | { kind: 'sure'; command: Command; matched: string }
  | { kind: 'unsure'; commands: Command[] };

// Padding that carries no intent: who asks and how politely, question particles, punctuation.
const PADDING =
  /请问|麻烦|帮我|帮忙|给我|我想|我要|想要|想|能不能|可不可以|可以|能否|一下|一个|现在|目前|这边|我们单位|我们局|我们|咱们|请|吗|呢|吧|啊|呀|哦|哈|嘛|了|的|么|怎么办|[\s?？!！。.,，、~～…"“”'‘’:：;；()（）【】\[\]]/g;

export function intentText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(PADDING, '');
}

/** Levenshtein distance, bounded: anything above `max` is max + 1. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

type Scored = { command: Command; score: number; matched: string };

/** How well one cue (a word or a phrase of a command) fits the message. */
function scoreCue(text: string, cue: string): number {
  if (!cue) return 0;
  if (text === cue) return 100;
  // Contained: the longer the cue, the surer (「到哪一步」 says more than 「审核」).
  if (cue.length >= 2 && text.includes(cue)) return 50 + 8 * Math.min(cue.length, 6) - Math.min(20, Math.max(0, text.length - cue.length - 6) * 2);
  // A typo of a short message (「模版」, 「申宝」, 「进渡」): one slip in a cue of 2–4 characters, two in a longer one.
  if (cue.length >= 2 && text.length <= cue.length + 2) {
    const max = cue.length >= 5 ? 2 : 1;
    const d = editDistance(text, cue, max);
    if (d <= max) return 40 - 10 * d + (cue.length >= 3 ? 5 : 0);
  }
  return 0;
}

/** Scores every command the person may use; the best first. */
export function rankIntents(text: string, commands: readonly Command[]): Scored[] {
  const t = intentText(text);
  if (!t) return [];
  const out: Scored[] = [];
  for (const command of commands) {
    let best: Scored | null = null;
    for (const raw of [...command.words, ...(command.phrases ?? [])]) {
      const cue = intentText(raw);
      const score = scoreCue(t, cue);
      if (score > (best?.score ?? 0)) best = { command, score, matched: raw };
    }
    if (best) out.push(best);
  }
  return out.sort((a, b) => b.score - a.score);
}

/** Runs at or above this, clearly ahead of the next guess; offered as a button at or above OFFER. */
const SURE = 62;
const LEAD = 8;
const OFFER = 30;

export function guessIntent(text: string, commands: readonly Command[]): IntentGuess | null {
  const ranked = rankIntents(text, commands).filter((s) => s.score >= OFFER);
  const [first, second] = ranked;
  if (!first) return null;
  if (first.score >= SURE && (!second || first.score - second.score >= LEAD)) return { kind: 'sure', command: first.command, matched: first.matched };
  return { kind: 'unsure', commands: ranked.slice(0, 2).map((s) => s.command) };
}
