// Text commands and menu keys as a registry, filled from the features' manifests: each says who may use it,
// what it is for (the help text is built from these), and what it does.
import { isKnown, may, type Person } from '../domain/people.ts';
import { planYearSchema } from '../domain/campaign.ts';
import type { Command } from './manifest.ts';

/** A plan year given after the command word (「报批 2027」「完成情况 2026」), if any. */
export function yearArg(args: string): number | undefined {
  const m = /(\d{4})/.exec(args);
  const r = m ? planYearSchema.safeParse(m[1]) : null;
  return r?.success ? r.data : undefined;
}

/** Full-width letters, digits and punctuation to half-width; collapses spaces. */
export function normalizeInput(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export class CommandRegistry {
  private readonly commands: Command[] = [];

  register(...cmds: Command[]): this {
    for (const c of cmds) {
      const clash = this.commands.find((o) => o.id === c.id || o.words.some((w) => c.words.includes(w)));
      if (clash) throw new Error(`command ${c.id} clashes with ${clash.id}`);
      this.commands.push(c);
    }
    return this;
  }

  all(): readonly Command[] {
    return this.commands;
  }

  /** The command a message starts with, and the rest of the message as its arguments. */
  match(text: string): { command: Command; args: string } | null {
    const t = normalizeInput(text).replace(/^[/!！]/, '');
    const lower = t.toLowerCase();
    let best: { command: Command; args: string; len: number } | null = null;
    for (const command of this.commands) {
      for (const w of command.words) {
        const word = w.toLowerCase();
        if (lower === word || (lower.startsWith(word) && /^[\s:：,，]/.test(lower.slice(word.length)))) {
          if (!best || word.length > best.len) {
            best = { command, args: t.slice(word.length).replace(/^[\s:：,，]+/, '').trim(), len: word.length };
          }
        }
      }
    }
    return best && { command: best.command, args: best.args };
  }

  byMenuKey(key: string): Command | null {
    return this.commands.find((c) => c.menu?.key === key) ?? null;
  }

  /** The commands help lists for this person, in registration order (help itself is listed by help). */
  availableTo(person: Person | null): Command[] {
    if (!isKnown(person)) return [];
    return this.commands.filter((c) => c.id !== 'help' && may(person, c.audience) && (c.showInHelp?.(person) ?? true));
  }
}

/** The bot's menu, in the order of the features: event key, label, and who it is for. */
export function menuOf(commands: readonly Command[]): { key: string; label: string; audience: Command['audience'] }[] {
  return commands.flatMap((c) => (c.menu ? [{ ...c.menu, audience: c.audience }] : []));
}
