// Renders Feishu card JSON 2.0 (the cards the bot sends) as HTML, for the sandbox page. A pure function of the
// card: no DOM, so the unit tests run it on every card template the bot ships. Interactive components carry
// their callback values in data attributes; the page (app.js) turns a click into a real card callback.
// A component this renderer does not know is shown as a notice, never silently dropped.

const NAMED = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: '\u00a0' };

export function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

function decodeEntities(s) {
  return s.replace(/&#(\d+);|&#x([0-9a-f]+);|&([a-z]+);/gi, (m, dec, hex, name) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return NAMED[name.toLowerCase()] ?? m;
  });
}

const text = (s) => escapeHtml(decodeEntities(s));
const attr = (v) => escapeHtml(typeof v === 'string' ? v : JSON.stringify(v));
const COLOR = /^[a-z]+(-[0-9]+)?$/;

function safeUrl(url) {
  return /^(https?:|mailto:)/i.test(url) ? url : '#';
}

/** Markdown as Feishu cards use it: **bold**, <font color>, [links](url), lists, line breaks, HTML entities. */
function inline(s) {
  const re = /<font color=['"]?([a-z0-9-]+)['"]?>|<\/font>|\*\*|\[([^\]]+)\]\(([^)\s]+)\)|<at [^>]*>([^<]*)<\/at>/gi;
  let out = '';
  let last = 0;
  let bold = false;
  let fonts = 0;
  for (const m of s.matchAll(re)) {
    out += text(s.slice(last, m.index));
    if (m[0] === '**') {
      out += bold ? '</strong>' : '<strong>';
      bold = !bold;
    } else if (m[0].toLowerCase() === '</font>') {
      if (fonts > 0) {
        out += '</span>';
        fonts--;
      }
    } else if (m[1] !== undefined) {
      out += `<span class="c-${COLOR.test(m[1]) ? m[1] : 'default'}">`;
      fonts++;
    } else if (m[2] !== undefined) {
      out += `<a href="${attr(safeUrl(m[3]))}" target="_blank" rel="noopener">${text(m[2])}</a>`;
    } else {
      out += `<span class="at">@${text(m[4] ?? '')}</span>`;
    }
    last = m.index + m[0].length;
  }
  out += text(s.slice(last));
  if (bold) out += '</strong>';
  while (fonts-- > 0) out += '</span>';
  return out;
}

export function markdown(src) {
  return String(src ?? '')
    .split('\n')
    .map((line) => {
      if (line.trim() === '') return '<div class="md-gap"></div>';
      const bullet = /^(\s*)[-*+]\s+(.*)$/.exec(line);
      if (bullet) return `<div class="md-li" style="margin-left:${bullet[1].length * 8}px">• ${inline(bullet[2])}</div>`;
      const ordered = /^(\s*)(\d+)\.\s+(.*)$/.exec(line);
      if (ordered) return `<div class="md-li">${ordered[2]}. ${inline(ordered[3])}</div>`;
      const heading = /^(#{1,6})\s+(.*)$/.exec(line);
      if (heading) return `<div class="md-h">${inline(heading[2])}</div>`;
      return `<div class="md-p">${inline(line)}</div>`;
    })
    .join('');
}

function plainOf(t) {
  if (!t) return '';
  if (typeof t === 'string') return text(t);
  if (t.tag === 'lark_md') return markdown(t.content);
  return text(t.content ?? '');
}

function renderButton(el, inForm) {
  const behavior = (el.behaviors ?? []).find((b) => b.type === 'callback');
  const link = (el.behaviors ?? []).find((b) => b.type === 'open_url');
  const label = plainOf(el.text);
  if (link && !behavior) return `<a class="btn btn-${attr(el.type ?? 'default')}" href="${attr(safeUrl(link.default_url ?? ''))}" target="_blank" rel="noopener">${label}</a>`;
  const action = {
    value: behavior ? behavior.value : el.value,
    submit: inForm && el.form_action_type === 'submit',
    reset: inForm && el.form_action_type === 'reset',
    name: el.name,
    confirm: el.confirm ? { title: el.confirm.title?.content ?? '', text: el.confirm.text?.content ?? '' } : null,
  };
  const disabled = el.disabled ? ` disabled title="${attr(el.disabled_tips?.content ?? '')}"` : '';
  return `<button type="button" class="btn btn-${attr(el.type ?? 'default')}" data-action="${attr(action)}"${disabled}>${label}</button>`;
}

function options(el) {
  return (el.options ?? []).map((o) => ({ value: String(o.value), label: plainOf(o.text) }));
}

function renderInput(el) {
  const label = el.label ? `<label class="field-label">${plainOf(el.label)}${el.required ? '<span class="req">*</span>' : ''}</label>` : '';
  const common = `name="${attr(el.name ?? '')}" placeholder="${attr(el.placeholder?.content ?? '')}"${el.required ? ' required' : ''}${el.max_length ? ` maxlength="${Number(el.max_length)}"` : ''}`;
  const value = el.default_value ?? '';
  const control =
    el.input_type === 'multiline_text'
      ? `<textarea ${common} rows="${Number(el.rows ?? 3)}">${escapeHtml(value)}</textarea>`
      : `<input type="${el.input_type === 'password' ? 'password' : 'text'}" ${common} value="${attr(value)}">`;
  return `<div class="field">${label}${control}</div>`;
}

/** Feishu's multi-select is a dropdown with a checkbox per option; so is this one. */
function renderMultiSelect(el) {
  const opts = options(el);
  const initial = new Set(el.selected_values ?? []);
  const placeholder = el.placeholder?.content ?? '请选择';
  const name = attr(el.name ?? '');
  const chosen = opts.filter((o) => initial.has(o.value));
  const summary = chosen.length ? chosen.map((o) => o.label).join('、') : text(placeholder);
  const boxes = opts
    .map((o) => `<label class="multi-option"><input type="checkbox" name="${name}" value="${attr(o.value)}"${initial.has(o.value) ? ' checked' : ''}> ${o.label}</label>`)
    .join('');
  return `<div class="field"><label class="field-label">${text(placeholder)}${el.required ? '<span class="req">*</span>' : ''}</label><details class="multi" data-name="${name}" data-placeholder="${attr(placeholder)}"${el.required ? ' data-required' : ''}><summary>${summary}</summary><div class="multi-options">${boxes}</div></details></div>`;
}

function renderSelect(el, inForm, multiple) {
  if (multiple) return renderMultiSelect(el);
  const opts = options(el);
  const initial = multiple ? new Set(el.selected_values ?? []) : new Set(el.initial_option !== undefined ? [String(el.initial_option)] : []);
  const behavior = (el.behaviors ?? []).find((b) => b.type === 'callback');
  const data = !inForm && behavior ? ` data-select="${attr({ value: behavior.value, tag: el.tag })}"` : '';
  const placeholder = el.placeholder?.content ?? '请选择';
  const body = [
    ...(multiple ? [] : [`<option value="" disabled${initial.size ? '' : ' selected'}>${text(placeholder)}</option>`]),
    ...opts.map((o) => `<option value="${attr(o.value)}"${initial.has(o.value) ? ' selected' : ''}>${o.label}</option>`),
  ].join('');
  const title = multiple ? `<label class="field-label">${text(placeholder)}${el.required ? '<span class="req">*</span>' : ''}</label>` : '';
  return `<div class="field">${title}<select name="${attr(el.name ?? '')}"${multiple ? ' multiple size="5"' : ''}${el.required ? ' required' : ''}${data}>${body}</select></div>`;
}

function renderDate(el) {
  const label = `<label class="field-label">${text(el.placeholder?.content ?? '日期')}${el.required ? '<span class="req">*</span>' : ''}</label>`;
  return `<div class="field">${label}<input type="date" data-kind="date" name="${attr(el.name ?? '')}"${el.required ? ' required' : ''} value="${attr(el.initial_date ?? '')}"></div>`;
}

function renderElements(list, ctx, inForm) {
  return (list ?? []).map((el) => renderElement(el, ctx, inForm)).join('');
}

function renderElement(el, ctx, inForm = false) {
  if (!el || typeof el !== 'object') return '';
  switch (el.tag) {
    case 'markdown':
      return `<div class="md${el.text_size === 'notation' ? ' small' : ''}">${markdown(el.content)}</div>`;
    case 'div':
      return `<div class="div">${plainOf(el.text)}${(el.fields ?? []).map((f) => `<div>${plainOf(f.text)}</div>`).join('')}</div>`;
    case 'plain_text':
    case 'lark_md':
      return `<div class="div">${plainOf(el)}</div>`;
    case 'hr':
      return '<hr>';
    case 'column_set':
      return `<div class="cols${el.flex_mode === 'flow' ? ' flow' : ''}">${(el.columns ?? []).map((c) => renderElement(c, ctx, inForm)).join('')}</div>`;
    case 'column':
      return `<div class="col${el.width === 'auto' ? ' auto' : ''}">${renderElements(el.elements, ctx, inForm)}</div>`;
    case 'collapsible_panel':
      return `<details class="panel"><summary>${plainOf(el.header?.title)}</summary>${renderElements(el.elements, ctx, inForm)}</details>`;
    case 'button':
      return renderButton(el, inForm);
    case 'form':
      return `<form class="form" data-form="${attr(el.name ?? '')}" novalidate>${renderElements(el.elements, ctx, true)}</form>`;
    case 'input':
      return renderInput(el);
    case 'select_static':
      return renderSelect(el, inForm, false);
    case 'multi_select_static':
      return renderSelect(el, inForm, true);
    case 'date_picker':
      return renderDate(el);
    case 'note':
      return `<div class="md small">${renderElements(el.elements, ctx, inForm)}</div>`;
    default:
      ctx.unsupported.push(String(el.tag));
      return `<div class="unsupported">（这张卡片中有沙盒暂时不能显示的组件「${text(String(el.tag))}」，在飞书中会正常显示）</div>`;
  }
}

/** The card as HTML, and the tags this renderer could not show. */
export function renderCard(card) {
  const ctx = { unsupported: [] };
  if (!card || typeof card !== 'object') return { html: '<div class="unsupported">（无法显示的卡片）</div>', unsupported: ['card'] };
  let header = '';
  if (card.header) {
    const color = COLOR.test(card.header.template ?? '') ? card.header.template : 'default';
    const sub = card.header.subtitle?.content ? `<div class="card-sub">${text(card.header.subtitle.content)}</div>` : '';
    header = `<div class="card-header h-${color}"><div class="card-title">${plainOf(card.header.title)}</div>${sub}</div>`;
  }
  const elements = card.body?.elements ?? card.elements ?? [];
  return { html: `<div class="card">${header}<div class="card-body">${renderElements(elements, ctx, false)}</div></div>`, unsupported: ctx.unsupported };
}
