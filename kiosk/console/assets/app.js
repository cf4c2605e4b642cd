// The console's behaviour: hash routes, one function per page, every change through /api/ (API.md).
// No framework: a small DOM builder (h) puts text in as text nodes, never parsed as markup, and CSP needs no inline code.
'use strict';

const CATEGORIES = [
  ['street_demo', '示范街道(镇)'],
  ['street_model', '模范街道(镇)'],
  ['committee_demo', '示范居委会'],
  ['committee_model', '模范居委会'],
  ['committee_harmony', '和谐社区建设示范居委会'],
];
const CATEGORY_LABEL = Object.fromEntries(CATEGORIES);
const REVIEW_LEVELS = [
  ['street', '街道(镇)'],
  ['district_bureau', '区(县)民政局'],
  ['district_government', '区(县)人民政府'],
  ['city_bureau', '市民政局'],
];
const SCREEN_LABEL = {
  attract: '待机', home: '首页', notices: '公示名单', standards: '创建标准', hotlines: '监督电话',
  steps: '创建步骤', document: '文件全文', diagnostics: '维护', dimmed: '息屏', applicant: '申报详情',
};
const FIELD_LABEL = {
  title: '标题', issuer: '发布单位', doc_number: '文号', window: '公示期', intro: '说明', demo: '示例',
  applicants: '申报单位', category: '类别', name: '名称', leader: '负责人', contact: '联系人', address: '地址',
  town: '所属街镇', phone: '电话', summary: '基本情况', basis: '申报依据', reviews: '各级意见',
};
const fieldNames = (fields) => (fields || []).map((f) => FIELD_LABEL[f] || f).join('、');
const JOB_STATE = {signing: '正在签名', uploading: '正在上传', done: '已发布', failed: '发布失败'};

const session = {csrf: '', loginRequired: false, loggedIn: false};
let bundleCache = null;  // the last GET /api/bundle, for the header and the pages' labels

// ---------------------------------------------------------------- DOM and formatting helpers

// h('tag.class', {attr: value, onclick: fn}, child…): children are nodes or strings (text nodes).
function h(spec, attrs, ...children) {
  const [tag, ...classes] = spec.split('.');
  const el = document.createElement(tag);
  if (classes.length) el.className = classes.join(' ');
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'value') el.value = value;
    else if (key === 'checked') el.checked = !!value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

const $ = (sel, root) => (root || document).querySelector(sel);

// "2026-12-01" → "2026年12月1日"; anything else is shown as given.
function cnDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || '');
  if (!m) return iso || '';
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
}

// An RFC 3339 time → "2026年12月1日 18:20" (the office's clock as written).
function cnTime(stamp) {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})/.exec(stamp || '');
  return m ? `${cnDate(m[1])} ${m[2]}:${m[3]}` : cnDate(stamp);
}

function windowText(w) {
  if (!w) return '';
  return `${cnDate(w.start)} 至 ${cnDate(w.end)}`;
}

function todayIso() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

// One problem as one line: "notices.json · notices[0].title: expected …".
function problemText(p) {
  const where = [];
  if (p.file) where.push(p.file);
  if (p.row) where.push(`第${p.row}行`);
  if (p.column) where.push(`“${p.column}”列`);
  if (p.where) where.push(p.where);
  else if (p.field) where.push(p.field);
  return where.length ? `${where.join(' · ')}:${p.message || ''}` : p.message || '';
}

function problemList(problems) {
  return h('ul.problems', {}, (problems || []).map((p) => h('li', {}, problemText(p))));
}

function toast(text) {
  const t = $('#toast');
  t.textContent = text;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.textContent = ''; }, 5000);
}

// Replace the page's content, focus its heading (keyboard and screen-reader users land on it).
function render(...nodes) {
  const main = $('#main');
  main.replaceChildren(...nodes.flat());
  const heading = main.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus({preventScroll: true});
  }
  window.scrollTo(0, 0);
}

function errorBox(err) {
  return h('div.alert.bad', {role: 'alert'}, h('strong', {}, err.message),
           err.problems && err.problems.length ? problemList(err.problems) : null);
}

// ---------------------------------------------------------------- the API

class ApiError extends Error {
  constructor(status, body) {
    super((body && body.error) || `服务器返回 ${status}`);
    this.status = status;
    this.body = body || {};
    this.problems = (body && body.problems) || [];
  }
}

async function loadSession() {
  const r = await fetch('/api/session', {credentials: 'same-origin', cache: 'no-store'});
  const s = await r.json();
  session.csrf = s.csrf || '';
  session.loginRequired = !!s.login_required;
  session.loggedIn = !!s.logged_in;
  $('#logout').hidden = !(session.loginRequired && session.loggedIn);
  return s;
}

// fetch with the CSRF token on every state-changing request; JSON in and out; 401 → login form.
async function api(method, path, body, options) {
  const opts = {method, credentials: 'same-origin', cache: 'no-store', headers: {}};
  if (method !== 'GET' && method !== 'HEAD') opts.headers['X-CSRF-Token'] = session.csrf;
  if (body instanceof Blob || body instanceof ArrayBuffer) {
    opts.body = body;
    opts.headers['Content-Type'] = 'application/octet-stream';
  } else if (body !== undefined) {
    opts.body = JSON.stringify(body);
    opts.headers['Content-Type'] = 'application/json';
  }
  let r;
  try {
    r = await fetch(path, opts);
  } catch (e) {
    throw new ApiError(0, {error: '连接不上管理程序(kioskctl serve 是否还在运行?)'});
  }
  if (r.status === 401) {
    showLogin();
    throw new ApiError(401, {error: '请先登录'});
  }
  const text = await r.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch (e) { data = {error: text.slice(0, 200)}; }
  }
  if (r.status === 403 && !(options && options.retried)) {
    // The token may have changed (a new session, a restarted server): fetch it once more.
    await loadSession();
    return api(method, path, body, {retried: true});
  }
  if (!r.ok) throw new ApiError(r.status, data);
  return data;
}

async function getBundle(at) {
  bundleCache = await api('GET', '/api/bundle' + (at ? `?at=${encodeURIComponent(at)}` : ''));
  $('#bundle-dir').textContent = bundleCache.dir ? `工作目录:${bundleCache.dir}` : '';
  return bundleCache;
}

// ---------------------------------------------------------------- login

function showLogin() {
  $('#login').hidden = false;
  $('#login-error').hidden = true;
  $('#login-password').focus();
}

async function onLogin(ev) {
  ev.preventDefault();
  const input = $('#login-password');
  const password = input.value;
  input.value = '';
  try {
    await api('POST', '/api/login', {password});
  } catch (e) {
    const err = $('#login-error');
    err.textContent = e.status === 401 || e.status === 403 ? '密码不对,请再试一次。' : e.message;
    err.hidden = false;
    input.focus();
    return;
  }
  await loadSession();
  $('#login').hidden = true;
  route();
}

async function onLogout() {
  try { await api('POST', '/api/logout', {}); } catch (e) { /* shown as the login form below */ }
  await loadSession();
  showLogin();
}

// ---------------------------------------------------------------- 总览

function stateBadge(n) {
  const state = n.state || '';
  return h(`span.badge.${state}`, {}, n.state_label || state);
}

function categoryStats(by) {
  const items = CATEGORIES.filter(([code]) => by && by[code]).map(
      ([code, label]) => h('li', {}, `${label} ${by[code]}`));
  return items.length ? h('ul.stats', {}, items) : h('span.dim', {}, '无申报单位');
}

async function pageOverview() {
  const b = await getBundle();
  const warnings = [];
  if (b.key && !b.key.encrypted) {
    warnings.push(h('div.alert', {role: 'note', id: 'key-warning'},
                    h('strong', {}, '签名密钥没有加密保存。'),
                    ` 文件 ${b.key.path} 被人拷走就能冒名发布。请用 kioskctl keygen --passphrase 生成带密码的密钥。`));
  }
  if (!b.key) warnings.push(h('div.alert', {}, '没有指定签名密钥(serve --key):可以编辑和预览,但不能发布。'));
  const problems = b.problems || [];
  const manifest = b.manifest;
  return render(
      h('h1', {}, '总览'),
      warnings,
      problems.length
          ? h('div.alert.bad', {id: 'problems'}, h('strong', {}, `内容有 ${problems.length} 个问题,修好之前不能发布:`),
              problemList(problems))
          : h('div.alert.good', {id: 'problems'}, '内容检查通过,没有问题。'),
      h('div.row', {},
        h('div.card', {},
          h('dl.kv', {},
            h('dt', {}, '今天'), h('dd', {}, cnDate(b.today)),
            h('dt', {}, '已发布版本'),
            h('dd', {}, manifest ? `第 ${manifest.version} 版${manifest.signed ? '(已签名)' : ''}` : '尚未发布'),
            h('dt', {}, '内容有效至'), h('dd', {}, manifest && manifest.expires ? cnTime(manifest.expires) : '—'),
            h('dt', {}, '发布到'), h('dd', {}, b.publish_to || '未设置(serve --to)'))),
        publicUrlForm(b)),
      h('h2', {}, `公示(${(b.notices || []).length} 项)`),
      (b.notices || []).length
          ? h('table', {id: 'overview-notices'},
              h('thead', {}, h('tr', {}, h('th', {}, '标题'), h('th', {}, '发布单位'), h('th', {}, '公示期'),
                                h('th', {}, '状态'), h('th.num', {}, '申报单位'), h('th', {}, '各类别'))),
              h('tbody', {}, b.notices.map((n) => h('tr', {},
                  h('td', {}, h('a', {href: `#/notice/${encodeURIComponent(n.id)}/applicants`}, n.title),
                    n.doc_number ? h('div.dim', {}, n.doc_number) : null),
                  h('td', {}, n.issuer),
                  h('td.nowrap', {}, cnDate(n.window && n.window.start), h('br'), '至 ', cnDate(n.window && n.window.end)),
                  h('td', {}, stateBadge(n)),
                  h('td.num', {}, n.applicants),
                  h('td', {}, categoryStats(n.by_category))))))
          : h('p', {}, '还没有公示。', h('a', {href: '#/notice/new'}, '新建公示')),
      h('h2', {}, `监督电话(${(b.hotlines || []).length} 个)`),
      hotlineTable(b.hotlines || []));
}

// notices.json's public_url: where residents' phones open the take-home pages (扫码带走).
function publicUrlForm(b) {
  const input = h('input', {type: 'url', id: 'public-url', value: b.public_url || '', placeholder: 'https://gongshi.example.cn/qingpu/',
                            spellcheck: 'false', autocomplete: 'off', 'aria-describedby': 'public-url-note'});
  const note = h('p.field-note', {id: 'public-url-note'},
      b.site_url ? ['手机页面:', h('a', {href: b.site_url, target: '_blank', rel: 'noopener'}, b.site_url)]
                 : '不填则不发布手机页面,触摸屏也不显示“扫码带走”二维码。');
  const form = h('form.card', {id: 'public-url-form'},
      h('h2', {}, '手机页面(扫码带走)'),
      h('label', {for: 'public-url'}, '内容服务器的公开地址(https://,以 / 结尾)'), input, note,
      h('div.actions', {}, h('button.primary', {type: 'submit'}, '保存地址')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    input.removeAttribute('aria-invalid');
    try {
      await api('PUT', '/api/bundle', {public_url: input.value.trim() || null});
      toast(input.value.trim() ? '公开地址已保存。' : '公开地址已删除。');
      route();
    } catch (e) {
      input.setAttribute('aria-invalid', 'true');
      note.replaceChildren(errorBox(e));
    }
  });
  return form;
}

function hotlineTable(list) {
  if (!list.length) return h('p.dim', {}, '还没有监督电话。');
  return h('table', {},
           h('thead', {}, h('tr', {}, h('th', {}, '名称'), h('th', {}, '级别'), h('th', {}, '号码'), h('th', {}, '时间'))),
           h('tbody', {}, list.map((x) => h('tr', {}, h('td', {}, x.name, x.demo ? h('span.badge.demo', {}, ' 示例') : null),
                                           h('td', {}, x.level), h('td.nowrap', {}, x.number), h('td', {}, x.hours)))));
}

// ---------------------------------------------------------------- 公示 list and editor

async function pageNotices() {
  const b = await getBundle();
  const rows = (b.notices || []).map((n) => h('tr', {},
      h('td', {}, n.title, n.doc_number ? h('div.dim', {}, n.doc_number) : null),
      h('td.nowrap', {}, windowText(n.window)),
      h('td', {}, stateBadge(n)),
      h('td.num', {}, n.applicants),
      h('td.nowrap', {},
        h('a.button.small', {href: `#/notice/${encodeURIComponent(n.id)}/edit`}, '编辑'), ' ',
        h('a.button.small', {href: `#/notice/${encodeURIComponent(n.id)}/applicants`}, '申报单位'), ' ',
        h('button.small.danger', {type: 'button', onclick: () => deleteNotice(n)}, '删除'))));
  render(h('h1', {}, '公示'),
         h('div.toolbar', {}, h('a.button', {href: '#/notice/new', id: 'new-notice'}, '新建公示')),
         rows.length ? h('table', {id: 'notice-list'},
                         h('thead', {}, h('tr', {}, h('th', {}, '标题'), h('th', {}, '公示期'), h('th', {}, '状态'),
                                           h('th.num', {}, '申报单位'), h('th', {}, '操作'))),
                         h('tbody', {}, rows))
                     : h('p.dim', {}, '还没有公示。'));
}

async function deleteNotice(n) {
  if (!window.confirm(`删除公示“${n.title}”和它的 ${n.applicants} 个申报单位?发布之前可以在历史里找回上一版。`)) return;
  try {
    await api('DELETE', `/api/notices/${encodeURIComponent(n.id)}`);
    toast('已删除。');
    pageNotices();
  } catch (e) {
    toast(e.message);
  }
}

// A date input's note: the date as a Chinese reader writes it (2026年12月1日), kept up to date,
// whatever format the browser's own date box uses.
function spokenDate(input, note) {
  const out = h('span', {});
  const update = () => { out.textContent = input.value ? `${cnDate(input.value)},${note}` : note; };
  input.addEventListener('input', update);
  input.addEventListener('change', update);
  update();
  return out;
}

// A form field: label, control, note, and a slot for its problems (data-field = the API's field).
function field(id, label, control, note) {
  control.id = id;
  return [h('label', {for: id}, label),
          h('div', {}, control, note ? h('p.field-note', {}, note) : null,
            h('p.field-error', {'data-error-for': id, hidden: true}))];
}

// Put each problem next to its control (matched by field name or the end of its path); the rest
// go into the summary box at the top of the form.
function showFormProblems(form, summary, err, fieldIds) {
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  for (const el of form.querySelectorAll('.field-error')) { el.hidden = true; el.textContent = ''; }
  const rest = [];
  for (const p of err.problems || []) {
    const path = p.where || '';
    const key = Object.keys(fieldIds).find((f) => p.field === f || path === f || path.endsWith('.' + f) ||
                                                    path.endsWith('.' + f.replace('_', '.')));
    const id = key && fieldIds[key];
    const slot = id && form.querySelector(`[data-error-for="${id}"]`);
    if (slot) {
      slot.hidden = false;
      slot.textContent = (slot.textContent ? slot.textContent + ';' : '') + (p.message || '');
      const control = document.getElementById(id);
      if (control) control.setAttribute('aria-invalid', 'true');
    } else {
      rest.push(p);
    }
  }
  summary.replaceChildren(errorBox({message: err.message, problems: rest}));
  summary.hidden = false;
  const first = form.querySelector('[aria-invalid="true"]');
  if (first) first.focus(); else summary.focus();
}

async function pageNoticeEdit(id) {
  const isNew = !id;
  const notice = isNew ? {id: '', title: '', issuer: '', doc_number: '', window: {start: todayIso(), end: ''},
                          intro: '', demo: false}
                       : await api('GET', `/api/notices/${encodeURIComponent(id)}`);
  const summary = h('div', {tabindex: '-1', hidden: true});
  const byWorkingDays = !!(notice.window && notice.window.working_days);
  const ctl = {
    id: h('input', {type: 'text', value: notice.id, required: true, readonly: !isNew, autocomplete: 'off',
                    pattern: '[A-Za-z0-9_\\-]{1,64}'}),
    title: h('input', {type: 'text', value: notice.title || '', required: true}),
    issuer: h('input', {type: 'text', value: notice.issuer || ''}),
    doc_number: h('input', {type: 'text', value: notice.doc_number || ''}),
    start: h('input.short', {type: 'date', value: (notice.window && notice.window.start) || '', required: true}),
    end: h('input.short', {type: 'date', value: (notice.window && notice.window.end) || '', required: !byWorkingDays}),
    intro: h('textarea', {rows: 5}, notice.intro || ''),
    demo: h('input', {type: 'checkbox', checked: !!notice.demo}),
  };
  const form = h('form.grid', {id: 'notice-form', novalidate: true},
      field('n-id', '编号', ctl.id, isNew ? '英文字母、数字、-、_,如 2026-shifan;建好后不能改' : '编号不能改'),
      field('n-title', '标题', ctl.title),
      field('n-issuer', '发布单位', ctl.issuer, '如 某某街道办事处'),
      field('n-doc', '文号', ctl.doc_number, '可以不填,如 青民〔2011〕8号'),
      field('n-start', '公示开始', ctl.start, spokenDate(ctl.start, '这一天 0 点起显示')),
      field('n-end', '公示结束', ctl.end, spokenDate(ctl.end, '这一天 24 点后不再显示')),
      field('n-intro', '说明', ctl.intro, '显示在名单前面的一段话,可以不填'),
      h('span'), h('div', {}, h('label.check', {for: 'n-demo'}, ctl.demo, '这是示例(屏幕上标“示例”)')),
      h('div.full.actions', {},
        h('button.primary', {type: 'submit'}, isNew ? '创建公示' : '保存'),
        h('a.button', {href: '#/notices'}, '取消'),
        isNew ? null : h('a', {href: `#/notice/${encodeURIComponent(notice.id)}/applicants`}, '申报单位 →'),
        isNew ? null : h('a', {href: `#/notice/${encodeURIComponent(notice.id)}/lifecycle`}, '公示期、异议、更正与结果 →')));
  ctl.demo.id = 'n-demo';
  const fieldIds = {id: 'n-id', title: 'n-title', issuer: 'n-issuer', doc_number: 'n-doc', 'window.start': 'n-start',
                    start: 'n-start', 'window.end': 'n-end', end: 'n-end', window: 'n-end', intro: 'n-intro'};
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    // Keep what this form does not show (fields of a later schema) as they were; applicants stay.
    const body = Object.assign({}, notice);
    delete body.applicants;
    Object.assign(body, {
      id: ctl.id.value.trim(), title: ctl.title.value, issuer: ctl.issuer.value, doc_number: ctl.doc_number.value,
      // A window in working days (lifecycle.js) may have no end: it is then left out.
      window: Object.assign({}, notice.window, {start: ctl.start.value},
                            ctl.end.value || !byWorkingDays ? {end: ctl.end.value} : {}),
      intro: ctl.intro.value, demo: ctl.demo.checked,
    });
    try {
      if (isNew) {
        const r = await api('POST', '/api/notices', body);
        toast('公示已创建。下一步:导入申报单位。');
        location.hash = `#/notice/${encodeURIComponent((r && r.id) || body.id)}/applicants`;
      } else {
        await api('PUT', `/api/notices/${encodeURIComponent(notice.id)}`, body);
        toast('已保存。');
        location.hash = '#/notices';
      }
    } catch (e) {
      showFormProblems(form, summary, e, fieldIds);
    }
  });
  render(h('h1', {}, isNew ? '新建公示' : `编辑公示:${notice.title}`), summary, h('div.card', {}, form));
}

// ---------------------------------------------------------------- 申报单位: list, import, form

async function pageApplicants(id) {
  const notice = await api('GET', `/api/notices/${encodeURIComponent(id)}`);
  const list = notice.applicants || [];
  const fileInput = h('input', {type: 'file', id: 'import-file', accept: '.xlsx,.csv'});
  const sheetInput = h('input.short', {type: 'text', id: 'import-sheet', placeholder: '第一个工作表'});
  const result = h('div', {id: 'import-result', tabindex: '-1'});
  const importButton = h('button.primary', {type: 'submit', id: 'import-button'}, '导入');
  const importForm = h('form.card', {id: 'import-form'},
      h('h2', {}, '从表格导入申报单位'),
      h('p', {}, '选 Excel / WPS 的 .xlsx 或 .csv 文件(UTF-8 或 GBK 都可以)。整张表都没有问题才会导入,',
        h('strong', {}, '导入会替换这个公示现有的全部申报单位'), ';有问题时什么都不改,并在出问题的行上标出来。'),
      h('div.toolbar', {},
        h('label', {for: 'import-file'}, '表格文件'), fileInput,
        h('label', {for: 'import-sheet'}, '工作表'), sheetInput,
        importButton,
        h('a', {href: '/api/template.xlsx', download: '申报单位模板.xlsx', id: 'template-link'}, '下载模板')),
      result);
  importForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const file = fileInput.files && fileInput.files[0];
    if (!file) {
      result.replaceChildren(h('div.alert.bad', {role: 'alert'}, '请先选一个 .xlsx 或 .csv 文件。'));
      fileInput.focus();
      return;
    }
    importButton.disabled = true;
    result.replaceChildren(h('p.dim', {role: 'status'}, `正在导入 ${file.name}……`));
    let query = `?name=${encodeURIComponent(file.name)}`;
    if (sheetInput.value.trim()) query += `&sheet=${encodeURIComponent(sheetInput.value.trim())}`;
    try {
      const r = await api('POST', `/api/notices/${encodeURIComponent(id)}/import${query}`, await file.arrayBuffer());
      toast(`已导入 ${r && r.imported} 个申报单位。`);
      await pageApplicants(id);
      $('#import-result').replaceChildren(
          h('div.alert.good', {role: 'status'}, `已从 ${file.name} 导入 ${r && r.imported} 个申报单位。`));
    } catch (e) {
      importButton.disabled = false;
      result.replaceChildren(importProblems(file.name, e));
      result.focus();
    }
  });
  const rows = list.map((a) => h('tr', {},
      h('td', {}, a.id), h('td', {}, CATEGORY_LABEL[a.category] || a.category), h('td', {}, a.name),
      h('td', {}, a.town || ''), h('td', {}, a.leader), h('td.nowrap', {}, a.phone),
      h('td.nowrap', {},
        h('a.button.small', {href: `#/notice/${encodeURIComponent(id)}/applicant/${encodeURIComponent(a.id)}`}, '编辑'), ' ',
        h('button.small.danger', {type: 'button', onclick: () => deleteApplicant(id, a)}, '删除'))));
  render(h('h1', {}, `申报单位:${notice.title}`),
         h('p.dim', {}, `公示期 ${windowText(notice.window)} · 共 ${list.length} 个`),
         importForm,
         h('div.toolbar', {}, h('h2.grow', {}, '名单'),
           h('a.button', {href: `#/notice/${encodeURIComponent(id)}/applicant/new`, id: 'new-applicant'}, '添加申报单位'),
           h('a.button', {href: `#/notice/${encodeURIComponent(id)}/edit`}, '编辑公示')),
         rows.length ? h('table', {id: 'applicant-list'},
                         h('thead', {}, h('tr', {}, h('th', {}, '编号'), h('th', {}, '类别'), h('th', {}, '名称'),
                                           h('th', {}, '所属街镇'), h('th', {}, '负责人'), h('th', {}, '电话'), h('th', {}, '操作'))),
                         h('tbody', {}, rows))
                     : h('p.dim', {}, '还没有申报单位:导入表格或逐个添加。'));
}

// A refused import: the sheet as it was read, each problem on its row and column, nothing changed.
function importProblems(fileName, e) {
  const body = e.body || {};
  const header = body.header || [];
  const problems = e.problems || [];
  // Rows are the data rows below the header (header_row, else row 1), or say their own number.
  const first = (body.header_row || 1) + 1;
  const rows = (body.rows || []).map((r, i) => Array.isArray(r) ? {row: first + i, cells: r} : {row: r.row, cells: r.cells || []});
  // A column is named by its heading, or by its letter when it has none ("J").
  const columnIndex = (name) => {
    const at = header.indexOf(name);
    if (at >= 0 || !/^[A-Z]{1,3}$/.test(name)) return at;
    return [...name].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  };
  const byCell = new Map();  // "row/column index" → messages
  const byRow = new Map();   // row → messages not tied to a known column
  for (const p of problems) {
    if (!p.row) continue;
    const col = p.column ? columnIndex(p.column) : -1;
    const key = col >= 0 ? `${p.row}/${col}` : null;
    const map = key ? byCell : byRow;
    const k = key || p.row;
    if (!map.has(k)) map.set(k, []);
    map.get(k).push(p.message || '');
  }
  // A long sheet shows only its rows with problems (the clerk looks for those, not for 5,000 rows).
  const badRows = new Set([...byRow.keys(), ...[...byCell.keys()].map((k) => Number(k.split('/')[0]))]);
  const shown = rows.length > 50 ? rows.filter((r) => badRows.has(r.row)) : rows;
  const width = Math.max(header.length, ...rows.map((r) => r.cells.length));
  const rowColumn = byRow.size > 0;  // a 问题 column only for problems without a known column
  const table = rows.length ? h('div.sheet-wrap', {},
      h('table.sheet', {id: 'import-sheet-table'},
        h('thead', {}, h('tr', {}, h('th', {}, '行'), Array.from({length: width}, (_, c) => h('th', {}, header[c] || '')),
                                   rowColumn ? h('th', {}, '问题') : null)),
        h('tbody', {}, shown.map((r) => {
          const rowMessages = byRow.get(r.row) || [];
          let bad = rowMessages.length > 0;
          const cells = Array.from({length: width}, (_, c) => {
            const msgs = byCell.get(`${r.row}/${c}`);
            if (msgs) bad = true;
            return h(msgs ? 'td.bad' : 'td', msgs ? {'data-column': header[c] || ''} : {},
                     r.cells[c] === undefined ? '' : String(r.cells[c]),
                     msgs ? msgs.map((m) => h('span.cell-problem', {}, m)) : null);
          });
          return h(bad ? 'tr.bad' : 'tr', {'data-row': r.row}, h('th', {}, r.row), cells,
                   rowColumn ? h('td', {}, rowMessages.map((m) => h('span.cell-problem', {}, m))) : null);
        })))) : null;
  return h('div', {},
           h('div.alert.bad', {role: 'alert'},
             h('strong', {}, `${fileName}:${e.message}`), ' 名单没有任何改动;改好表格后再导入一次。',
             problemList(problems)),
           shown.length < rows.length ? h('p.dim', {}, `表里共 ${rows.length} 行,下面只列出有问题的 ${shown.length} 行。`) : null,
           table);
}

async function deleteApplicant(noticeId, a) {
  if (!window.confirm(`删除申报单位“${a.name}”?`)) return;
  try {
    await api('DELETE', `/api/notices/${encodeURIComponent(noticeId)}/applicants/${encodeURIComponent(a.id)}`);
    toast('已删除。');
    pageApplicants(noticeId);
  } catch (e) {
    toast(e.message);
  }
}

function isStreet(category) { return String(category || '').startsWith('street'); }

async function pageApplicantEdit(noticeId, aid) {
  const notice = await api('GET', `/api/notices/${encodeURIComponent(noticeId)}`);
  const isNew = !aid;
  const a = isNew ? {id: '', category: 'committee_demo', name: '', leader: '', address: '', phone: '', summary: '', basis: ''}
                  : (notice.applicants || []).find((x) => x.id === aid);
  if (!a) {
    render(h('h1', {}, '找不到这个申报单位'), h('p', {}, h('a', {href: `#/notice/${encodeURIComponent(noticeId)}/applicants`}, '回到名单')));
    return;
  }
  const summary = h('div', {tabindex: '-1', hidden: true});
  const ctl = {
    id: h('input', {type: 'text', value: a.id, readonly: !isNew, required: true, autocomplete: 'off'}),
    category: h('select', {}, CATEGORIES.map(([code, label]) => h('option', {value: code, selected: a.category === code}, label))),
    name: h('input', {type: 'text', value: a.name || ''}),
    leader: h('input', {type: 'text', value: a.leader || ''}),
    contact: h('input', {type: 'text', value: a.contact || ''}),
    address: h('input', {type: 'text', value: a.address || ''}),
    town: h('input', {type: 'text', value: a.town || ''}),
    phone: h('input', {type: 'text', value: a.phone || '', inputmode: 'tel'}),
    summary: h('textarea', {rows: 4}, a.summary || ''),
    basis: h('textarea', {rows: 4}, a.basis || ''),
  };
  const reviewRows = h('tbody', {});
  const addReview = (r) => {
    const level = h('select', {'aria-label': '审核级别'},
                    REVIEW_LEVELS.map(([code, label]) => h('option', {value: code, selected: r.level === code}, label)));
    const opinion = h('input', {type: 'text', value: r.opinion || '', 'aria-label': '意见'});
    const date = h('input', {type: 'date', value: r.date || '', 'aria-label': '日期'});
    const sealed = h('input', {type: 'checkbox', checked: !!r.sealed, 'aria-label': '已盖章'});
    const tr = h('tr', {}, h('td', {}, level), h('td', {}, opinion), h('td', {}, date), h('td', {}, sealed),
                 h('td', {}, h('button.small.danger', {type: 'button', onclick: () => tr.remove()}, '删除')));
    tr.review = () => ({level: level.value, opinion: opinion.value, date: date.value || null, sealed: sealed.checked});
    reviewRows.append(tr);
    return tr;
  };
  for (const r of a.reviews || []) addReview(r);
  const contactRow = field('a-contact', '联系人', ctl.contact);
  const addressRow = field('a-address', '地址', ctl.address);
  const syncCategory = () => {
    const street = isStreet(ctl.category.value);
    for (const el of contactRow) el.hidden = !street;
    for (const el of addressRow) el.hidden = street;
  };
  ctl.category.addEventListener('change', syncCategory);
  const form = h('form.grid', {id: 'applicant-form', novalidate: true},
      field('a-id', '编号', ctl.id, isNew ? '在这个公示里唯一,如 a012' : null),
      field('a-category', '类别', ctl.category),
      field('a-name', '名称', ctl.name),
      field('a-leader', '负责人', ctl.leader),
      contactRow, addressRow,
      field('a-town', '所属街镇', ctl.town, '可不填;如 赵巷镇。名单很长时触摸屏按它分组索引'),
      field('a-phone', '电话', ctl.phone, '5–20 位数字,可带空格和 + - ( ) 转'),
      field('a-summary', '基本情况', ctl.summary),
      field('a-basis', '申报依据', ctl.basis),
      h('div.full', {},
        h('fieldset', {}, h('legend', {}, '各级意见'),
          h('table.reviews', {}, h('thead', {}, h('tr', {}, h('th', {}, '级别'), h('th', {}, '意见'), h('th', {}, '日期'),
                                                   h('th', {}, '已盖章'), h('th', {}, ''))), reviewRows),
          h('div.actions', {}, h('button.small', {type: 'button', onclick: () => addReview({level: 'street'}).querySelector('select').focus()}, '添加一级意见')))),
      h('div.full.actions', {},
        h('button.primary', {type: 'submit'}, isNew ? '添加' : '保存'),
        h('a.button', {href: `#/notice/${encodeURIComponent(noticeId)}/applicants`}, '取消')));
  syncCategory();
  const fieldIds = {id: 'a-id', category: 'a-category', name: 'a-name', leader: 'a-leader', contact: 'a-contact',
                    address: 'a-address', town: 'a-town', phone: 'a-phone', summary: 'a-summary', basis: 'a-basis'};
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = Object.assign({}, a, {
      id: ctl.id.value.trim(), category: ctl.category.value, name: ctl.name.value, leader: ctl.leader.value,
      phone: ctl.phone.value, summary: ctl.summary.value, basis: ctl.basis.value,
    });
    // The category's form decides: contact for a street, address for a committee.
    if (isStreet(body.category)) { body.contact = ctl.contact.value; delete body.address; }
    else { body.address = ctl.address.value; delete body.contact; }
    // Optional: left out rather than sent empty, as the bundle writes it.
    if (ctl.town.value.trim()) body.town = ctl.town.value.trim(); else delete body.town;
    const reviews = Array.from(reviewRows.children, (tr) => tr.review());
    if (reviews.length) body.reviews = reviews; else delete body.reviews;
    const base = `/api/notices/${encodeURIComponent(noticeId)}/applicants`;
    try {
      if (isNew) await api('POST', base, body);
      else await api('PUT', `${base}/${encodeURIComponent(a.id)}`, body);
      toast(isNew ? '已添加。' : '已保存。');
      location.hash = `#/notice/${encodeURIComponent(noticeId)}/applicants`;
    } catch (e) {
      showFormProblems(form, summary, e, fieldIds);
    }
  });
  render(h('h1', {}, isNew ? `添加申报单位(${notice.title})` : `编辑申报单位:${a.name}`), summary, h('div.card', {}, form));
}

// ---------------------------------------------------------------- 监督电话

async function pageHotlines() {
  const data = await api('GET', '/api/hotlines');
  const list = (data && data.hotlines) || [];
  const summary = h('div', {tabindex: '-1', hidden: true});
  const body = h('tbody', {});
  let counter = 0;
  const addRow = (x) => {
    const n = ++counter;
    const c = {
      id: h('input', {type: 'text', value: x.id || '', 'aria-label': `第${n}行 编号`, id: `hl-${n}-id`}),
      name: h('input', {type: 'text', value: x.name || '', 'aria-label': `第${n}行 名称`, id: `hl-${n}-name`}),
      level: h('select', {'aria-label': `第${n}行 级别`, id: `hl-${n}-level`},
               ['区', '街镇'].map((l) => h('option', {value: l, selected: x.level === l}, l))),
      number: h('input', {type: 'text', value: x.number || '', 'aria-label': `第${n}行 号码`, id: `hl-${n}-number`, inputmode: 'tel'}),
      hours: h('input', {type: 'text', value: x.hours || '', 'aria-label': `第${n}行 时间`, id: `hl-${n}-hours`}),
      demo: h('input', {type: 'checkbox', checked: !!x.demo, 'aria-label': `第${n}行 示例`}),
    };
    const tr = h('tr', {}, h('td', {}, c.id), h('td', {}, c.name), h('td', {}, c.level), h('td', {}, c.number),
                 h('td', {}, c.hours), h('td', {}, c.demo),
                 h('td', {}, h('button.small.danger', {type: 'button', onclick: () => tr.remove()}, '删除')));
    tr.value = () => {
      const v = Object.assign({}, x, {id: c.id.value.trim(), name: c.name.value, level: c.level.value,
                                      number: c.number.value, hours: c.hours.value});
      if (c.demo.checked) v.demo = true; else delete v.demo;
      return v;
    };
    tr.controls = c;
    body.append(tr);
    return tr;
  };
  list.forEach(addRow);
  const form = h('form', {id: 'hotline-form'},
      h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, '编号'), h('th', {}, '名称'), h('th', {}, '级别'),
                                         h('th', {}, '号码'), h('th', {}, '时间'), h('th', {}, '示例'), h('th', {}, ''))), body),
      h('div.actions', {},
        h('button', {type: 'button', onclick: () => addRow({level: '街镇'}).controls.id.focus()}, '添加一行'),
        h('button.primary', {type: 'submit'}, '保存监督电话')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const hotlines = Array.from(body.children, (tr) => tr.value());
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    try {
      await api('PUT', '/api/hotlines', {hotlines});
      toast('监督电话已保存。');
      summary.hidden = true;
    } catch (e) {
      // hotlines[2].number → the third row's number box.
      for (const p of e.problems) {
        const m = /hotlines\[(\d+)\]\.(\w+)/.exec(p.where || '');
        const tr = m && body.children[Number(m[1])];
        const control = tr && tr.controls[m[2]];
        if (control) control.setAttribute('aria-invalid', 'true');
      }
      summary.replaceChildren(errorBox(e));
      summary.hidden = false;
      summary.focus();
    }
  });
  render(h('h1', {}, '监督电话'),
         h('p.dim', {}, '屏幕上“监督电话”页和每个申报单位旁边显示这些号码;号码会生成二维码,居民扫码就能拨打。'),
         summary, form);
}

// ---------------------------------------------------------------- 预览

async function pagePreview() {
  const b = await getBundle();
  const state = pagePreview.state || (pagePreview.state = {orientation: 'landscape', large: false, at: b.today || todayIso()});
  // The screens depend on the date (a notice is listed only during its 公示期).
  const screensOn = async (at) => ((await api('GET', `/api/preview/screens?at=${encodeURIComponent(at)}`)) || {}).screens || [];
  let names = await screensOn(state.at);
  const count = h('span.dim', {id: 'preview-count'}, `共 ${names.length} 屏`);
  const gallery = h('div.gallery', {id: 'preview-gallery'});
  const draw = () => {
    count.textContent = `共 ${names.length} 屏`;
    gallery.className = state.orientation === 'portrait' ? 'gallery portrait' : 'gallery';
    gallery.replaceChildren(...names.map((name) => {
      const q = new URLSearchParams({screen: name, orientation: state.orientation, large_text: state.large ? '1' : '0', at: state.at});
      const src = `/api/preview.png?${q}`;
      const [base, rest] = name.split(':');
      const label = (SCREEN_LABEL[base] || base) + (rest ? ` · ${rest}` : '');
      return h('figure', {},
               h('a', {href: src, target: '_blank', rel: 'noopener', title: `${label}(新窗口打开原图)`},
                 h('img', {src, alt: `${label} 的预览`, loading: 'lazy'})),
               h('figcaption', {}, label, h('span.dim', {}, ` (${name})`)));
    }));
  };
  const radio = (value, label) => h('label.check', {}, h('input', {type: 'radio', name: 'orientation', value, checked: state.orientation === value,
                                                               onchange: () => { state.orientation = value; draw(); }}), label);
  const date = h('input.short', {type: 'date', id: 'preview-date', value: state.at});
  date.addEventListener('change', async () => {
    if (!date.value) return;
    state.at = date.value;
    try { names = await screensOn(state.at); } catch (e) { toast(e.message); }
    draw();
  });
  const large = h('input', {type: 'checkbox', id: 'preview-large', checked: state.large,
                            onchange: (ev) => { state.large = ev.target.checked; draw(); }});
  render(h('h1', {}, '预览'),
         h('p.dim', {}, '用触摸屏自己的绘制程序画出来的样子(不是仿制)。选一个日期,看那一天屏幕显示什么。'),
         h('div.toolbar.card', {},
           h('fieldset', {}, h('legend', {}, '屏幕方向'), radio('landscape', '横屏'), ' ', radio('portrait', '竖屏')),
           h('label.check', {for: 'preview-large'}, large, '适老模式(大字)'),
           h('label', {for: 'preview-date'}, '日期'), date,
           count),
         gallery);
  draw();
}

// ---------------------------------------------------------------- 发布

function diffView(d) {
  if (!d) return null;
  const parts = [];
  const n = d.notices || {};
  const noticeName = (id) => {
    const found = bundleCache && (bundleCache.notices || []).find((x) => x.id === id);
    return found ? `${found.title}(${id})` : id;
  };
  for (const id of n.added || []) parts.push(h('li.added', {}, `新增公示:${noticeName(id)}`));
  for (const id of n.removed || []) parts.push(h('li.removed', {}, `删除公示:${noticeName(id)}`));
  for (const c of n.changed || []) parts.push(h('li.changed', {}, `修改公示:${noticeName(c.id)}(${fieldNames(c.fields)})`));
  for (const a of d.applicants || []) {
    const sub = [];
    // A whole new sheet may add thousands: the first 20, then how many in all.
    const ids = (xs) => xs.slice(0, 20).map((x) => (typeof x === 'string' ? x : x.id + (x.fields ? `(${fieldNames(x.fields)})` : '')))
                          .join('、') + (xs.length > 20 ? ` 等(共 ${xs.length} 个)` : '');
    if ((a.added || []).length) sub.push(h('li.added', {}, `新增 ${a.added.length} 个:${ids(a.added)}`));
    if ((a.removed || []).length) sub.push(h('li.removed', {}, `删除 ${a.removed.length} 个:${ids(a.removed)}`));
    if ((a.changed || []).length) sub.push(h('li.changed', {}, `修改 ${a.changed.length} 个:${ids(a.changed)}`));
    if (sub.length) parts.push(h('li', {}, `申报单位(${noticeName(a.notice)}):`, h('ul', {}, sub)));
  }
  if (d.hotlines_changed) parts.push(h('li.changed', {}, '监督电话有改动'));
  return h('div.card.diff', {id: 'diff'},
           h('h2', {}, d.since ? `与已发布的第 ${d.since} 版相比` : '还没有发布过:这将是第一版'),
           parts.length ? h('ul', {}, parts) : h('p.dim', {}, '没有改动。'));
}

// Follow a publish job until it ends: state, progress bar, co-sign state; then the fleet panel.
function followJob(job, box) {
  const stateLine = h('p', {id: 'job-state', role: 'status'}, '正在开始……');
  const bar = h('progress', {id: 'job-progress', max: 1, value: 0});
  const count = h('span.dim', {});
  const sig = h('p', {id: 'job-signatures'});
  box.replaceChildren(h('div.card', {}, h('h2', {}, '发布进度'), stateLine, h('div', {}, bar, ' ', count), sig));
  return new Promise((resolve) => {
    const tick = async () => {
      let s;
      try {
        s = await api('GET', `/api/publish/${encodeURIComponent(job)}`);
      } catch (e) {
        stateLine.textContent = e.message;
        resolve(null);
        return;
      }
      stateLine.textContent = `${JOB_STATE[s.state] || s.state}${s.message ? ':' + s.message : ''}`;
      stateLine.className = s.state === 'failed' ? 'error' : '';
      if (s.total) {
        bar.max = s.total;
        bar.value = s.uploaded || 0;
        count.textContent = `${s.uploaded || 0} / ${s.total} 个文件`;
      }
      if (s.signatures) {
        const {have, need} = s.signatures;
        sig.textContent = have >= need ? `签名:已有 ${have} 个,够了(需要 ${need} 个)`
                                       : `签名:已有 ${have} 个,还差 ${need - have} 个;请第二位负责人用 kioskctl cosign 会签后再发布`;
      }
      if (s.state === 'done' || s.state === 'failed') {
        if (s.state === 'done') {  // the library's own line (in English) stays in the server's log
          bar.max = 1; bar.value = 1;
          stateLine.textContent = `已发布第 ${s.version} 版。`;
        }
        resolve(s);
        return;
      }
      setTimeout(tick, 400);
    };
    tick();
  });
}

async function fleetPanel() {
  const box = h('div.card', {id: 'fleet'}, h('h2', {}, '哪些触摸屏已经更新'));
  let f;
  try { f = await api('GET', '/api/fleet'); } catch (e) { box.append(h('p.error', {}, e.message)); return box; }
  if (!f || !f.available) {
    box.append(h('p.dim', {}, (f && f.message) || '没有设置状态目录(serve --fleet),看不到各台触摸屏的状态。'));
    return box;
  }
  const kiosks = f.kiosks || f.screens || [];
  if (!kiosks.length) { box.append(h('p.dim', {}, '还没有触摸屏报告状态。')); return box; }
  const keys = ['name', 'id', 'version', 'state', 'last_sync', 'seen_at'].filter((k) => kiosks.some((x) => x[k] !== undefined));
  const label = {name: '名称', id: '编号', version: '内容版本', state: '状态', last_sync: '上次同步', seen_at: '最后联系'};
  box.append(h('table', {}, h('thead', {}, h('tr', {}, keys.map((k) => h('th', {}, label[k])))),
               h('tbody', {}, kiosks.map((x) => h('tr', {}, keys.map((k) => h('td', {}, /_at$|sync/.test(k) ? cnTime(x[k]) : x[k])))))));
  return box;
}

async function pagePublish() {
  const [b, d] = await Promise.all([getBundle(), api('GET', '/api/diff')]);
  const progress = h('div', {id: 'publish-progress'});
  const fleetBox = h('div', {});
  const pass = h('input', {type: 'password', id: 'passphrase', autocomplete: 'off', spellcheck: 'false'});
  const go = h('button.primary', {type: 'submit', id: 'publish-button'}, '签名并发布');
  const blocked = (b.problems || []).length > 0;
  const form = h('form.card', {id: 'publish-form'},
      h('h2', {}, '签名并发布'),
      h('dl.kv', {}, h('dt', {}, '发布到'), h('dd', {}, b.publish_to || '未设置(serve --to)'),
        h('dt', {}, '手机页面'),
        h('dd', {id: 'site-url'}, b.site_url ? h('a', {href: b.site_url, target: '_blank', rel: 'noopener'}, b.site_url)
                                             : ['不发布(', h('a', {href: '#/overview'}, '总览'), '里可填公开地址)']),
        h('dt', {}, '签名密钥'), h('dd', {}, b.key ? `${b.key.path}${b.key.encrypted ? '' : '(未加密!)'}` : '未设置(serve --key)')),
      blocked ? h('div.alert.bad', {}, '内容还有问题,先在', h('a', {href: '#/overview'}, '总览'), '里看清并修好。') : null,
      h('div.toolbar', {},
        h('label', {for: 'passphrase'}, '签名密钥的密码'), pass, go),
      h('p.field-note', {}, '密码只用于这一次签名,不会保存;未加密的密钥不用填。'));
  if (blocked || !b.key || !b.publish_to) go.disabled = true;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const passphrase = pass.value;
    pass.value = '';  // never kept in the page longer than the request
    go.disabled = true;
    try {
      const r = await api('POST', '/api/publish', {passphrase});
      const s = await followJob(r.job, progress);
      if (s && s.state === 'done') fleetBox.replaceChildren(await fleetPanel());
    } catch (e) {
      progress.replaceChildren(errorBox(e));
    }
    go.disabled = false;
  });
  render(h('h1', {}, '发布'), diffView(d), form, progress, fleetBox);
  fleetBox.replaceChildren(await fleetPanel());
}

// ---------------------------------------------------------------- 历史

function askPassphrase(what) {
  const dialog = $('#pass-dialog');
  const input = $('#pass-input');
  $('#pass-what').textContent = what;
  input.value = '';
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      const value = dialog.returnValue === 'ok' ? input.value : null;
      input.value = '';
      resolve(value);
    }, {once: true});
    dialog.returnValue = '';
    dialog.showModal();
    input.focus();
  });
}

async function pageHistory() {
  const progress = h('div', {id: 'republish-progress'});
  const list = h('div', {});
  const republish = async (v) => {
    const passphrase = await askPassphrase(`把第 ${v.version} 版(${cnTime(v.published_at)} 发布)作为新的一版重新发布。`);
    if (passphrase === null) return;
    try {
      const r = await api('POST', `/api/history/${encodeURIComponent(v.version)}/republish`, {passphrase});
      const s = await followJob(r.job, progress);
      if (s && s.state === 'done') {
        await drawList();
        progress.append(await fleetPanel());
      }
    } catch (e) {
      progress.replaceChildren(errorBox(e));
    }
  };
  const drawList = async () => {
    const data = await api('GET', '/api/history');
    const versions = ((data && data.versions) || []).slice().sort((x, y) => y.version - x.version);
    list.replaceChildren(versions.length
        ? h('table', {id: 'history-list'},
            h('thead', {}, h('tr', {}, h('th.num', {}, '版本'), h('th', {}, '发布时间'), h('th.num', {}, '文件数'), h('th', {}, ''))),
            h('tbody', {}, versions.map((v) => h('tr', {},
                h('td.num', {}, `第 ${v.version} 版`), h('td', {}, cnTime(v.published_at)), h('td.num', {}, v.files),
                h('td', {}, h('button.small', {type: 'button', onclick: () => republish(v)}, '重新发布'))))))
        : h('p.dim', {}, '还没有发布过。'));
  };
  await drawList();
  render(h('h1', {}, '历史'),
         h('p.dim', {}, '每次发布都留一份。重新发布旧的一版时,它会成为一个新的版本号(触摸屏不接受倒退的版本)。'),
         list, progress);
}

// ---------------------------------------------------------------- routing

const ROUTES = [
  [/^#\/?$/, pageOverview, 'overview'],
  [/^#\/overview$/, pageOverview, 'overview'],
  [/^#\/notices$/, pageNotices, 'notices'],
  [/^#\/notice\/new$/, () => pageNoticeEdit(null), 'notices'],
  [/^#\/notice\/([^/]+)\/edit$/, (id) => pageNoticeEdit(id), 'notices'],
  [/^#\/notice\/([^/]+)\/applicants$/, (id) => pageApplicants(id), 'notices'],
  [/^#\/notice\/([^/]+)\/applicant\/new$/, (id) => pageApplicantEdit(id, null), 'notices'],
  [/^#\/notice\/([^/]+)\/applicant\/([^/]+)$/, (id, aid) => pageApplicantEdit(id, aid), 'notices'],
  [/^#\/hotlines$/, pageHotlines, 'hotlines'],
  [/^#\/preview$/, pagePreview, 'preview'],
  [/^#\/publish$/, pagePublish, 'publish'],
  [/^#\/history$/, pageHistory, 'history'],
];

async function route() {
  const hash = location.hash || '#/';
  const found = ROUTES.map(([re, fn, nav]) => [re.exec(hash), fn, nav]).find(([m]) => m);
  for (const a of document.querySelectorAll('[data-nav]')) {
    if (found && a.dataset.nav === found[2]) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  if (!found) {
    render(h('h1', {}, '没有这一页'), h('p', {}, h('a', {href: '#/overview'}, '回到总览')));
    return;
  }
  const [m, fn] = found;
  document.body.dataset.page = found[2];
  try {
    await fn(...m.slice(1).map(decodeURIComponent));
  } catch (e) {
    if (e.status === 401) return;  // the login form is up
    render(h('h1', {}, '出错了'), errorBox(e), h('p', {}, h('button', {type: 'button', onclick: route}, '再试一次')));
  }
  document.body.dataset.ready = hash;  // tests wait for this
}

async function start() {
  $('#login-form').addEventListener('submit', onLogin);
  $('#logout').addEventListener('click', onLogout);
  window.addEventListener('hashchange', route);
  try {
    await loadSession();
  } catch (e) {
    render(h('h1', {}, '连接不上管理程序'), h('p', {}, '请确认 kioskctl serve 还在运行,然后刷新这一页。'));
    return;
  }
  if (session.loginRequired && !session.loggedIn) { showLogin(); return; }
  route();
}

document.addEventListener('DOMContentLoaded', start);
