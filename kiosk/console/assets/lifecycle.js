// The notice's lifecycle page (#/notice/ID/lifecycle): 公示期 in working days, 异议受理, 更正/撤回/延长/终止
// records and 公示结果, each saved through /api/notices/ID/lifecycle and /corrections (API.md).
// Uses app.js's helpers (h, api, field, render, showFormProblems, toast, cnDate, CATEGORY_LABEL).
'use strict';

const CORRECTION_KINDS = [
  ['corrected', '更正', '某个申报单位的某一项写错了,改正后说明原来是什么'],
  ['withdrawn', '撤回', '某个申报单位撤回申报;它仍列在名单里,标“已撤回”'],
  ['extended', '延长公示期', '公示期延长到某一天,或再加几个工作日'],
  ['terminated', '终止公示', '整个公示终止;这一天之后不再显示'],
];
const CORRECTION_LABEL = Object.fromEntries(CORRECTION_KINDS.map(([k, label]) => [k, label]));
const CORRECTED_FIELDS = [
  ['name', '名称'], ['leader', '负责人'], ['contact', '联系人'], ['address', '地址'], ['phone', '电话'],
  ['summary', '基本情况'], ['basis', '申报依据'],
];
const OBJECTION_FIELDS = [
  ['office', '受理单位', '如 某某区民政局基层政权科'], ['address', '地址', ''], ['postcode', '邮编', '6 位数字'],
  ['contact', '联系人', ''], ['phone', '电话', ''], ['fax', '传真', ''], ['email', '电子邮箱', ''],
  ['url', '网上受理', 'https:// 开头;屏幕上显示二维码'],
];

function lifecycleSummary(info) {
  const r = info.resolved;
  if (!r) return h('div.alert.bad', {role: 'alert'}, h('strong', {}, '公示内容还有问题,先改正:'), problemList(info.problems));
  const w = r.window;
  const count = w.working_days ? `${w.working_days} 个工作日` : '按自然日';
  return h('div.card', {id: 'lifecycle-summary'},
           h('p', {}, h('strong', {}, '公示期:'), `${cnDate(w.start)} 至 ${cnDate(w.end)}(${count})`,
             r.extended ? h('span.badge', {}, ' 已延长') : null,
             r.terminated ? h('span.badge.bad', {}, ` 已终止(${cnDate(r.terminated)})`) : null),
           r.extended ? h('p.dim', {}, `原定 ${cnDate(r.declared_window.start)} 至 ${cnDate(r.declared_window.end)}`) : null,
           h('p', {}, `申报单位 ${r.applicants} 个`, r.withdrawn ? `,已撤回 ${r.withdrawn} 个` : ''),
           h('p.dim', {}, '工作日按 calendar.json 计算:',
             info.calendar_years.length ? info.calendar_years.map((y) => `${y.year} 年(${y.source})`).join('、')
                                        : '没有 calendar.json,不能按工作日设公示期'));
}

// A small form in a card: fields, a save button, its own problem box; a problem whose path ends
// with one of fieldIds' keys goes beside that field (e.g. notices[0].objection.postcode).
function lifecycleForm(id, title, fields, onSave, extra, fieldIds = {}) {
  const summary = h('div', {tabindex: '-1', hidden: true});
  const form = h('form.grid', {id, novalidate: true}, fields,
                 h('div.full.actions', {}, h('button.primary', {type: 'submit'}, '保存'), extra || null));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await onSave();
      toast('已保存。');
      route();
    } catch (e) {
      showFormProblems(form, summary, e, fieldIds);
    }
  });
  return h('div.card', {}, h('h2', {}, title), summary, form);
}

function windowForm(id, raw) {
  const w = raw || {};
  const byDays = w.working_days !== undefined;
  const ctl = {
    mode: h('select', {}, h('option', {value: 'working'}, '工作日'), h('option', {value: 'calendar'}, '自然日(到某一天为止)')),
    start: h('input.short', {type: 'date', value: w.start || ''}),
    days: h('input.short', {type: 'number', min: 1, max: 30, value: w.working_days || 5}),
    end: h('input.short', {type: 'date', value: w.end || ''}),
  };
  ctl.mode.value = byDays ? 'working' : 'calendar';
  const daysRow = field('lw-days', '工作日数', ctl.days, '1–30;结束日期按节假日安排自动算出');
  const endRow = field('lw-end', '公示结束', ctl.end, '这一天 24 点后不再显示');
  const sync = () => {
    const working = ctl.mode.value === 'working';
    for (const el of daysRow) el.hidden = !working;
    for (const el of endRow) el.hidden = working;
  };
  ctl.mode.addEventListener('change', sync);
  sync();
  return lifecycleForm('lifecycle-window', '公示期', [
    field('lw-mode', '计算方式', ctl.mode), field('lw-start', '公示开始', ctl.start, '这一天 0 点起显示'), daysRow, endRow,
  ], () => {
    const win = {start: ctl.start.value};
    if (ctl.mode.value === 'working') win.working_days = Number(ctl.days.value);
    else win.end = ctl.end.value;
    return api('PUT', `/api/notices/${encodeURIComponent(id)}/lifecycle`, {window: win});
  }, null, {start: 'lw-start', working_days: 'lw-days', end: 'lw-end'});
}

function objectionForm(id, raw) {
  const o = raw || {};
  const ctl = {};
  const rows = OBJECTION_FIELDS.map(([key, label, note]) => {
    ctl[key] = h('input', {type: key === 'email' ? 'email' : 'text', value: o[key] || ''});
    return field(`lo-${key}`, label, ctl[key], note);
  });
  ctl.rules = h('textarea', {rows: 3}, o.rules || '');
  rows.push(field('lo-rules', '受理要求', ctl.rules, '如 实名反映,信函以邮戳为准'));
  return lifecycleForm('lifecycle-objection', '异议受理', rows, () => {
    const objection = {};
    for (const [key, c] of Object.entries(ctl)) if (c.value.trim()) objection[key] = c.value.trim();
    return api('PUT', `/api/notices/${encodeURIComponent(id)}/lifecycle`,
               {objection: Object.keys(objection).length ? objection : null});
  }, null, Object.fromEntries(Object.keys(ctl).map((key) => [key, `lo-${key}`])));
}

function correctionsCard(id, info, applicants) {
  const nameOf = Object.fromEntries(applicants.map((a) => [a.id, a.name]));
  const rows = (info.corrections || []).map((c) => h('tr', {},
      h('td.nowrap', {}, cnDate(c.date)), h('td', {}, CORRECTION_LABEL[c.kind] || c.kind),
      h('td', {}, c.applicant ? `${nameOf[c.applicant] || c.applicant}` : '',
        c.field ? h('div.dim', {}, (CORRECTED_FIELDS.find(([k]) => k === c.field) || [c.field, c.field])[1]) : null,
        c.end ? `至 ${cnDate(c.end)}` : '', c.working_days ? `加 ${c.working_days} 个工作日` : ''),
      h('td', {}, c.text),
      h('td', {}, h('button.small.danger', {type: 'button', onclick: async () => {
        if (!window.confirm('删除这条记录?(只在还没发布时这样做)')) return;
        try { await api('DELETE', `/api/notices/${encodeURIComponent(id)}/corrections/${encodeURIComponent(c.id)}`); route(); }
        catch (e) { toast(e.message); }
      }}, '删除'))));
  const ctl = {
    kind: h('select', {}, CORRECTION_KINDS.map(([k, label]) => h('option', {value: k}, label))),
    date: h('input.short', {type: 'date', value: todayIso()}),
    applicant: h('select', {}, applicants.map((a) => h('option', {value: a.id}, `${a.name}(${a.id})`))),
    field: h('select', {}, CORRECTED_FIELDS.map(([k, label]) => h('option', {value: k}, label))),
    how: h('select', {}, h('option', {value: 'working_days'}, '再加几个工作日'), h('option', {value: 'end'}, '延长到某一天')),
    working_days: h('input.short', {type: 'number', min: 1, max: 30, value: 5}),
    end: h('input.short', {type: 'date'}),
    text: h('textarea', {rows: 3}),
  };
  const note = h('p.field-note', {});
  const groups = {
    applicant: field('lc-applicant', '申报单位', ctl.applicant),
    field: field('lc-field', '更正的项目', ctl.field, '申报单位那一项请改成正确的内容'),
    how: field('lc-how', '延长方式', ctl.how),
    working_days: field('lc-days', '工作日数', ctl.working_days),
    end: field('lc-end', '延长到', ctl.end),
  };
  const sync = () => {
    const k = ctl.kind.value;
    const show = {applicant: k === 'withdrawn' || k === 'corrected', field: k === 'corrected', how: k === 'extended',
                  working_days: k === 'extended' && ctl.how.value === 'working_days',
                  end: k === 'extended' && ctl.how.value === 'end'};
    for (const [g, els] of Object.entries(groups)) for (const el of els) el.hidden = !show[g];
    note.textContent = (CORRECTION_KINDS.find(([key]) => key === k) || [])[2] || '';
  };
  ctl.kind.addEventListener('change', sync);
  ctl.how.addEventListener('change', sync);
  sync();
  const summary = h('div', {tabindex: '-1', hidden: true});
  const form = h('form.grid', {id: 'lifecycle-correction', novalidate: true},
      field('lc-kind', '类型', ctl.kind, note), field('lc-date', '日期', ctl.date),
      Object.values(groups), field('lc-text', '说明', ctl.text, '如 原为……,现更正为……'),
      h('div.full.actions', {}, h('button.primary', {type: 'submit'}, '添加记录')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const k = ctl.kind.value;
    const record = {date: ctl.date.value, kind: k, text: ctl.text.value};
    if (k === 'withdrawn' || k === 'corrected') record.applicant = ctl.applicant.value;
    if (k === 'corrected') record.field = ctl.field.value;
    if (k === 'extended' && ctl.how.value === 'end') record.end = ctl.end.value;
    if (k === 'extended' && ctl.how.value === 'working_days') record.working_days = Number(ctl.working_days.value);
    try {
      await api('POST', `/api/notices/${encodeURIComponent(id)}/corrections`, record);
      toast('已添加。');
      route();
    } catch (e) {
      showFormProblems(form, summary, e, {kind: 'lc-kind', date: 'lc-date', applicant: 'lc-applicant',
                                          field: 'lc-field', working_days: 'lc-days', end: 'lc-end',
                                          text: 'lc-text'});
    }
  });
  return h('div.card', {}, h('h2', {}, '更正、撤回、延长、终止'),
           h('p.dim', {}, '公示期间的任何改动都要公开说明:名单里的单位不要删,撤回的请在这里登记。'),
           rows.length ? h('table', {id: 'correction-list'},
                           h('thead', {}, h('tr', {}, h('th', {}, '日期'), h('th', {}, '类型'), h('th', {}, '对象'),
                                             h('th', {}, '说明'), h('th', {}, ''))),
                           h('tbody', {}, rows))
                       : h('p.dim', {}, '还没有记录。'),
           summary, form);
}

function resultForm(id, raw, applicants, withdrawn) {
  const r = raw || {};
  const approved = new Set(r.approved || []);
  const ctl = {
    date: h('input.short', {type: 'date', value: r.date || ''}),
    doc_number: h('input', {type: 'text', value: r.doc_number || ''}),
    text: h('textarea', {rows: 4}, r.text || ''),
  };
  const boxes = applicants.filter((a) => !withdrawn.has(a.id)).map((a) =>
      h('label.check', {}, h('input', {type: 'checkbox', value: a.id, checked: approved.has(a.id)}), ` ${a.name}`));
  const remove = raw ? h('button.danger', {type: 'button', onclick: async () => {
    try { await api('PUT', `/api/notices/${encodeURIComponent(id)}/lifecycle`, {result: null}); route(); }
    catch (e) { toast(e.message); }
  }}, '删除结果') : null;
  return lifecycleForm('lifecycle-result', '公示结果', [
    field('lr-date', '日期', ctl.date, '公示期结束以后'), field('lr-doc', '文号', ctl.doc_number, '可以不填'),
    field('lr-text', '结果', ctl.text, '如 经公示无异议,予以命名'),
    h('label', {}, '通过的单位'), h('div.checks', {id: 'lr-approved'}, boxes),
  ], () => {
    const result = {date: ctl.date.value, text: ctl.text.value,
                    approved: boxes.map((b) => b.querySelector('input')).filter((i) => i.checked).map((i) => i.value)};
    if (ctl.doc_number.value.trim()) result.doc_number = ctl.doc_number.value.trim();
    return api('PUT', `/api/notices/${encodeURIComponent(id)}/lifecycle`, {result});
  }, remove, {date: 'lr-date', doc_number: 'lr-doc', text: 'lr-text'});
}

async function pageLifecycle(id) {
  const [info, notice] = await Promise.all([
    api('GET', `/api/notices/${encodeURIComponent(id)}/lifecycle`),
    api('GET', `/api/notices/${encodeURIComponent(id)}`),
  ]);
  const applicants = notice.applicants || [];
  const withdrawn = new Set((info.corrections || []).filter((c) => c.kind === 'withdrawn').map((c) => c.applicant));
  render(h('h1', {}, `公示期、异议、更正与结果:${notice.title}`),
         h('p', {}, h('a', {href: `#/notice/${encodeURIComponent(id)}/edit`}, '← 编辑公示')),
         lifecycleSummary(info),
         windowForm(id, info.window_as_written),
         objectionForm(id, info.objection),
         correctionsCard(id, info, applicants),
         resultForm(id, info.result, applicants, withdrawn));
}

// The diff of 发布 names these fields in Chinese too.
Object.assign(FIELD_LABEL, {objection: '异议受理', corrections: '更正记录', result: '公示结果'});
ROUTES.push([/^#\/notice\/([^/]+)\/lifecycle$/, (id) => pageLifecycle(id), 'notices']);
