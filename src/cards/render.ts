// Card templates (cards/*.json, Feishu card JSON 2.0 with placeholders) rendered by walking the tree,
// never by replacing text inside raw JSON, so nothing a user typed can change a card's structure.
//
// Template language, deliberately tiny:
//   "{{a.b}}"               a string made only of one placeholder takes the value as is (array, object…)
//   "… {{a.b}} …"           placeholders inside a string are replaced by the value as text; inside a
//                           markdown `content` or lark_md text, that text is escaped first
//   "{{{a.b}}}"             the same, never escaped: for markdown the code built (and escaped) itself
//   { "$if": "a.b", "then": X, "else": Y }   X when a.b is truthy (non-empty for arrays), else Y (or removed)
//   { "$each": "a.list", "as": "item", "do": X }  inside an array: X once per element, flattened in place
//   { "$include": "partials/name" }              the template cards/partials/name.json, in the same scope
import fs from 'node:fs';
import path from 'node:path';
import { CARDS_DIR } from '../paths.ts';

export type CardJson = Record<string, unknown>;
type Scope = Record<string, unknown>;


const REMOVE = Symbol('remove');
const WHOLE = /^\{\{(\{?)\s*([\w.]+)\s*\}?\}\}$/;
const PART = /\{\{(\{?)\s*([\w.]+)\s*\}?\}\}/g;

/** Escapes text for a Feishu markdown component so it shows literally (HTML entities are supported). */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[&<>*_~`[\]#|\\$]/g, (c) => `&#${c.charCodeAt(0)};`)
    .replace(/^([ \t]*)([-+>]|\d+\.)/gm, (_m, ws: string, mark: string) => `${ws}${mark.replace(/[-+>.]/, (c) => `&#${c.charCodeAt(0)};`)}`);
}

function lookup(scope: Scope, dotted: string): unknown {
  let v: unknown = scope;
  for (const part of dotted.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

function truthy(v: unknown): boolean {
  return Array.isArray(v) ? v.length > 0 : Boolean(v);
}

function asText(v: unknown, name: string): string {
  if (v === undefined || v === null) throw new Error(`card template: no value for {{${name}}}`);
  return typeof v === 'string' ? v : String(v);
}

function renderString(s: string, scope: Scope, markdown: boolean): unknown {
  const whole = WHOLE.exec(s);
  if (whole) {
    const [, raw, name] = whole as unknown as [string, string, string];
    const v = lookup(scope, name);
    if (typeof v !== 'string') {
      if (v === undefined) throw new Error(`card template: no value for {{${name}}}`);
      return v;
    }
    return markdown && !raw ? escapeMarkdown(v) : v;
  }
  return s.replace(PART, (_m, raw: string, name: string) => {
    const text = asText(lookup(scope, name), name);
    return markdown && !raw ? escapeMarkdown(text) : text;
  });
}

function isMarkdownHolder(node: Record<string, unknown>): boolean {
  return node.tag === 'markdown' || node.tag === 'lark_md';
}

function walk(node: unknown, scope: Scope, markdown = false): unknown {
  if (typeof node === 'string') return renderString(node, scope, markdown);
  if (Array.isArray(node)) {
    const out: unknown[] = [];
    for (const item of node) {
      if (item && typeof item === 'object' && '$each' in item) {
        const e = item as { $each: string; as?: string; do: unknown };
        const list = lookup(scope, e.$each);
        if (list === undefined) throw new Error(`card template: no list for $each ${e.$each}`);
        for (const [index, el] of (Array.isArray(list) ? list : []).entries()) {
          const r = walk(e.do, { ...scope, [e.as ?? 'item']: el, index: index + 1 });
          if (r !== REMOVE) out.push(...(Array.isArray(r) ? r : [r]));
        }
        continue;
      }
      const r = walk(item, scope);
      if (r !== REMOVE) out.push(r);
    }
    return out;
  }
  if (node && typeof node === 'object') {
    const obj = node as Record<string, unknown>;
    if ('$include' in obj) return walk(loadTemplate(String(obj.$include)), scope, markdown);
    if ('$if' in obj) {
      const branch = truthy(lookup(scope, String(obj.$if))) ? obj.then : obj.else;
      return branch === undefined ? REMOVE : walk(branch, scope);
    }
    const out: Record<string, unknown> = {};
    const md = isMarkdownHolder(obj);
    for (const [k, v] of Object.entries(obj)) {
      const r = walk(v, scope, md && k === 'content');
      if (r !== REMOVE) out[k] = r;
    }
    return out;
  }
  return node;
}

const templates = new Map<string, unknown>();

export function loadTemplate(name: string, dir = CARDS_DIR): unknown {
  const file = path.join(dir, `${name}.json`);
  let t = templates.get(file);
  if (t === undefined) {
    t = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    templates.set(file, t);
  }
  return t;
}

export function listTemplates(dir = CARDS_DIR): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();
}

export function renderTemplate(template: unknown, data: Scope): CardJson {
  return walk(template, data) as CardJson;
}

export function renderCard(name: string, data: Scope): CardJson {
  return renderTemplate(loadTemplate(name), data);
}
