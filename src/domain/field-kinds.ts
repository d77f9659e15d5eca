// The kinds of field of the declaration form, each with its reader: tolerant of what people type or paste,
// and saying what a bad value should look like. The limits a field is built with are kept on it (`range`),
// so questions, column notes and spreadsheet validations show the same numbers the reader enforces.
import { normalizeText, parseWholeNumber } from './parse.ts';
import type { PlanData, PlanFieldKey } from './plan-data.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };
export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const bad = (error: string): Parsed<never> => ({ ok: false, error });

/** Accepted values of a number (or lengths of a text) and the word for one of them: 1–30 天, 4–60 个字. */
export type FieldRange = { min: number; max: number; unit: string };

export type FieldDef<K extends PlanFieldKey = PlanFieldKey> = {
  key: K;
  /** The column header of the official form. */
  label: string;
  required: boolean;
  /** Shown when asking for the field and when it is wrong. */
  example: string;
  /** Options for choice fields, in display order. */
  choices?: readonly string[];
  /** The limits the reader enforces, for people: 1–30 天. */
  range?: FieldRange;
  parse(raw: unknown): Parsed<PlanData[K]>;
};

/** 1–30 天, 4–60 个字. */
export const rangeText = (r: FieldRange) => `${r.min}–${r.max} ${r.unit}`;

export const text = (raw: unknown): string => (raw === null || raw === undefined ? '' : normalizeText(String(raw)));

export function textField<K extends PlanFieldKey>(
  key: K,
  label: string,
  opts: { min?: number; max: number; required?: boolean; example: string },
): FieldDef<K> {
  const required = opts.required ?? true;
  return {
    key,
    label,
    required,
    example: opts.example,
    range: { min: opts.min ?? (required ? 1 : 0), max: opts.max, unit: '个字' },
    parse(raw) {
      const t = text(raw);
      if (!t) return (required ? bad(`${label}不能为空，例如「${opts.example}」`) : ok(null)) as Parsed<PlanData[K]>;
      if (opts.min && [...t].length < opts.min) return bad(`${label}太短，至少 ${opts.min} 个字，例如「${opts.example}」`);
      if ([...t].length > opts.max) return bad(`${label}太长，最多 ${opts.max} 个字（现在 ${[...t].length} 个字）`);
      return ok(t as PlanData[K]);
    },
  };
}

export function intField<K extends 'headcount' | 'sessions' | 'days'>(
  key: K,
  label: string,
  opts: { min: number; max: number; units: string[]; example: string },
): FieldDef<K> {
  return {
    key,
    label,
    required: true,
    example: opts.example,
    range: { min: opts.min, max: opts.max, unit: opts.units[0]! },
    parse(raw) {
      const t = text(raw);
      if (!t && typeof raw !== 'number') return bad(`${label}不能为空，请填整数，例如 ${opts.example}`);
      const n = parseWholeNumber(typeof raw === 'number' ? raw : t, opts.units);
      if (n === null) return bad(`${label}应为整数，例如 ${opts.example}，收到「${t || raw}」`);
      if (n < opts.min || n > opts.max) return bad(`${label}应在 ${opts.min} 到 ${opts.max} 之间，收到 ${n}`);
      return ok(n as PlanData[K]);
    },
  };
}

export function choiceField<K extends 'scope' | 'mode'>(
  key: K,
  label: string,
  choices: readonly string[],
  synonyms: Record<string, string>,
  example: string,
): FieldDef<K> {
  return {
    key,
    label,
    required: true,
    example,
    choices,
    parse(raw) {
      const t = text(raw).replace(/\s+/g, '').replace(/培训$/, '');
      const v = choices.includes(t) ? t : synonyms[t];
      if (!v) return bad(`${label}只能是「${choices.join('」「')}」之一${t ? `，收到「${t}」` : ''}`);
      return ok(v as PlanData[K]);
    },
  };
}

/** 10, "10月", "十月", "2027年10月", "2027-10" → 10. */
function parseMonth(raw: unknown): number | null {
  if (typeof raw === 'number') return raw;
  const t = text(raw).replace(/\s+/g, '');
  const m = /^(?:\d{4}(?:年|-|\/|\.))?(.+?)(?:月份|月)?$/.exec(t);
  return m ? parseWholeNumber(m[1]!) : null;
}

export const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

export function monthField(): FieldDef<'month'> {
  return {
    key: 'month',
    label: '计划月份',
    required: true,
    example: '10',
    range: { min: 1, max: 12, unit: '月' },
    parse(raw) {
      const n = parseMonth(raw);
      if (n === null || !Number.isInteger(n) || n < 1 || n > 12) return bad(`计划月份应为 1 到 12 的月份，例如 10 或「10月」，收到「${text(raw)}」`);
      return ok(n);
    },
  };
}
