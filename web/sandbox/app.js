// The sandbox page: pick a person, chat with the bot, use its menu, send files, click cards. Everything goes
// through the sandbox API, which turns it into real Feishu pushes to the bot.
import { escapeHtml, renderCard } from './card-render.js';

const $ = (id) => document.getElementById(id);
const state = { people: [], menus: [], current: null, shown: new Map(), poll: null };

// Written into the page by the sandbox at every start: the API refuses requests without it.
const token = document.querySelector('meta[name="sandbox-token"]')?.getAttribute('content') ?? '';

async function api(path, body) {
  const headers = { 'x-sandbox-token': token, ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
  const res = await fetch(`api/${path}`, body === undefined ? { headers } : { method: 'POST', headers, body: JSON.stringify(body) });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(json.error || `请求失败（${res.status}）`);
  return json;
}

function toast(content, type = 'info') {
  const t = $('toast');
  t.textContent = content;
  t.className = `toast toast-${type}`;
  t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => (t.hidden = true), 3500);
}

function personItem(p) {
  const li = document.createElement('li');
  li.dataset.openId = p.openId;
  li.innerHTML = `<strong>${escapeHtml(p.name)}</strong><span>${escapeHtml(p.title)}</span>`;
  li.addEventListener('click', () => choose(p.openId));
  return li;
}

async function loadState(full = true) {
  const s = await api('state');
  const peopleSig = JSON.stringify(s.people);
  state.menus = s.menus;
  if (full || peopleSig !== state.peopleSig) {
    state.people = s.people;
    state.peopleSig = peopleSig;
    $('people').replaceChildren(...s.people.map(personItem));
  }
  // The time-travel picker keeps what the visitor chose between the periodic updates.
  if (full) $('preset').innerHTML = ['<option value="">选择一个时刻…</option>', ...s.presets.map((p) => `<option value="${escapeHtml(p.at)}">${escapeHtml(p.label)}</option>`)].join('');
  state.clock = { at: s.nowMs, seen: Date.now() };
  tick();
  $('schedule').textContent = s.schedule;
  if (state.current && !s.people.some((p) => p.openId === state.current)) state.current = null;
  const p = state.people.find((x) => x.openId === state.current);
  for (const li of $('people').children) li.classList.toggle('active', li.dataset.openId === state.current);
  if (p) header(p);
}

const pad = (n) => String(n).padStart(2, '0');
/** The sandbox's clock, in Beijing time, moving. */
function tick() {
  if (!state.clock) return;
  const d = new Date(state.clock.at + Date.now() - state.clock.seen + 8 * 3600_000);
  $('now').textContent = `沙盒现在：${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}（北京时间）`;
}

/** The chosen person's name, role and unit, and their menu: again whenever they change (after 绑定, a grant). */
function header(p) {
  const sig = `${p.name}|${p.title}|${p.role}|${p.unitCode}`;
  if (state.headerSig === sig) return;
  state.headerSig = sig;
  $('who').textContent = `${p.name} · ${p.title}`;
  $('menus').replaceChildren(
    ...menusFor(p).map((m) => {
      const b = document.createElement('button');
      b.className = 'btn btn-default';
      b.textContent = m.label;
      b.addEventListener('click', () => send('menu', { key: m.key }));
      return b;
    }),
  );
}

function menusFor(p) {
  const roles = new Set(['anyone']);
  if (p.unitCode) roles.add('declarant');
  if (p.role === 'reviewer' || p.role === 'admin') roles.add('reviewer');
  return state.menus.filter((m) => m.for.some((r) => roles.has(r)));
}

async function choose(openId) {
  state.current = openId;
  state.shown.clear();
  $('messages').replaceChildren();
  for (const li of $('people').children) li.classList.toggle('active', li.dataset.openId === openId);
  const p = state.people.find((x) => x.openId === openId);
  state.headerSig = null;
  header(p);
  const { items } = await api(`chat?openId=${encodeURIComponent(openId)}`);
  if (!items.length) await api('enter', { openId }); // opening the chat: the bot greets
  await refresh();
  $('text').focus();
}

function bubble(item) {
  const div = document.createElement('div');
  div.className = `msg ${item.from === 'me' ? 'me' : 'bot'}`;
  div.dataset.id = item.id;
  if (item.kind === 'card') {
    const { html } = renderCard(item.card);
    div.innerHTML = html;
    div.dataset.messageId = item.id;
  } else if (item.kind === 'file' || (item.from === 'me' && (item.kind === 'file' || item.kind === 'image'))) {
    const name = item.fileName ?? item.text;
    div.innerHTML = `<a class="file" href="api/files/${encodeURIComponent(item.fileKey)}?t=${encodeURIComponent(token)}" download="${escapeHtml(name)}">📄 ${escapeHtml(name)}</a>`;
  } else {
    div.innerHTML = `<div class="text">${escapeHtml(item.text)}</div>`;
  }
  return div;
}

async function refresh() {
  if (!state.current) return;
  const who = state.current;
  const { items } = await api(`chat?openId=${encodeURIComponent(who)}`);
  if (who !== state.current) return;
  const box = $('messages');
  const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 60;
  let added = false;
  for (const item of items) {
    const sig = JSON.stringify(item);
    const old = state.shown.get(item.id);
    if (old?.sig === sig) continue;
    const el = bubble(item);
    if (old) old.el.replaceWith(el);
    else {
      box.appendChild(el);
      added = true;
    }
    state.shown.set(item.id, { sig, el });
  }
  if (added && (atBottom || items.at(-1)?.from === 'me')) box.scrollTop = box.scrollHeight;
}

async function send(kind, body) {
  if (!state.current) return toast('请先在左侧选择一个身份', 'warning');
  try {
    await api(kind, { openId: state.current, ...body });
    await refresh();
    setTimeout(refresh, 300);
  } catch (err) {
    toast(err.message, 'error');
  }
}

function formValues(form) {
  const out = {};
  // A multi-select: every ticked option, as Feishu sends them (an empty list when none is).
  for (const d of form.querySelectorAll('details.multi')) out[d.dataset.name] = [...d.querySelectorAll('input[type="checkbox"]:checked')].map((c) => c.value);
  for (const el of form.querySelectorAll('input[name], textarea[name], select[name]')) {
    if (!el.name || el.type === 'checkbox') continue;
    if (el.tagName === 'SELECT' && el.multiple) out[el.name] = [...el.selectedOptions].map((o) => o.value);
    else if (el.dataset.kind === 'date') {
      if (el.value) out[el.name] = `${el.value} +0800`; // as Feishu's date picker sends it
    } else if (el.tagName === 'SELECT') {
      if (el.value) out[el.name] = el.value;
    } else out[el.name] = el.value;
  }
  return out;
}

async function click(messageId, payload, card) {
  try {
    const r = await api('click', { openId: state.current, messageId, ...payload });
    if (r.toast) toast(r.toast.content, r.toast.type);
    if (r.card && card) {
      const { html } = renderCard(r.card.data);
      card.outerHTML = html; // the callback's card replaces this one in place
    }
    await refresh();
    setTimeout(refresh, 400);
  } catch (err) {
    toast(err.message, 'error');
  }
}

$('messages').addEventListener('click', (e) => {
  const button = e.target.closest('button[data-action]');
  if (!button || button.disabled) return;
  const msg = button.closest('.msg');
  const action = JSON.parse(button.dataset.action);
  if (action.confirm && !window.confirm(`${action.confirm.title}\n${action.confirm.text}`)) return;
  const payload = { value: action.value, tag: 'button' };
  if (action.reset) return button.closest('form')?.reset();
  if (action.submit) {
    const form = button.closest('form');
    const missing = [
      ...[...form.querySelectorAll('[required]')].filter((el) => (el.multiple ? !el.selectedOptions.length : !el.value.trim())),
      ...[...form.querySelectorAll('details.multi[data-required]')].filter((d) => !d.querySelector('input:checked')),
    ];
    if (missing[0]?.tagName === 'DETAILS') missing[0].open = true;
    if (missing.length) {
      missing[0].focus();
      return toast('请填写标 * 的必填项', 'warning');
    }
    payload.formValue = formValues(form);
    payload.tag = 'button';
  }
  click(msg.dataset.messageId, payload, msg.querySelector('.card'));
});

$('messages').addEventListener('change', (e) => {
  const multi = e.target.closest('details.multi');
  if (multi) {
    const ticked = [...multi.querySelectorAll('input:checked')].map((c) => c.parentElement.textContent.trim());
    multi.querySelector('summary').textContent = ticked.length ? ticked.join('、') : multi.dataset.placeholder;
    return;
  }
  const select = e.target.closest('select[data-select]');
  if (!select) return;
  const msg = select.closest('.msg');
  const s = JSON.parse(select.dataset.select);
  click(msg.dataset.messageId, { value: s.value, option: select.value, tag: s.tag }, msg.querySelector('.card'));
});

$('composer').addEventListener('submit', (e) => {
  e.preventDefault();
  const text = $('text').value.trim();
  if (!text) return;
  $('text').value = '';
  send('say', { text });
});

$('file').addEventListener('change', async () => {
  const file = $('file').files[0];
  $('file').value = '';
  if (!file) return;
  if (file.size > 5 * 1024 * 1024) return toast('文件超过 5 MB', 'error');
  const data = await new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
  send('upload', { fileName: file.name, data, image: file.type.startsWith('image/') });
});

$('preset').addEventListener('change', () => {
  const at = $('preset').value;
  if (!at) return;
  // The picker shows Beijing time.
  const local = new Date(new Date(at).getTime() + 8 * 3600_000).toISOString().slice(0, 16);
  $('travel-at').value = local;
});

$('travel').addEventListener('click', async () => {
  const value = $('travel-at').value;
  if (!value) return toast('请选择一个时刻', 'warning');
  const out = $('travel-out');
  out.hidden = false;
  out.textContent = '运行中…';
  try {
    const r = await api('jobs', { at: `${value}:00+08:00`, dryRun: $('dry-run').checked });
    out.textContent = r.lines.join('\n');
    setTimeout(refresh, 500);
  } catch (err) {
    out.textContent = err.message;
  }
});

$('reset').addEventListener('click', async () => {
  if (!window.confirm('重置后所有对话和计划都会删除，恢复初始的演示数据。确定吗？')) return;
  try {
    await api('reset', {});
    state.current = null;
    state.shown.clear();
    $('messages').replaceChildren();
    $('who').textContent = '请选择一个身份';
    $('menus').replaceChildren();
    state.headerSig = null;
    $('travel-out').hidden = true;
    await loadState();
    toast('已恢复演示数据', 'success');
  } catch (err) {
    toast(err.message, 'error');
  }
});

await loadState();
state.poll = setInterval(() => refresh().catch(() => {}), 1000);
setInterval(tick, 1000);
// People change (a link approved, a role granted): the list and the header follow.
setInterval(() => loadState(false).catch(() => {}), 3000);
