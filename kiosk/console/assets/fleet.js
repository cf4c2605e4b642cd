// The console's fleet page (status grid, problems first, screenshots) and proof page (a notice's
// posting, screen by screen), over /api/fleet and /api/proof (API.md "Fleet and proof").
'use strict';

function fleetBadge(k) {
  return h(`span.badge.${k.problem ? 'upcoming' : 'open'}`, {}, k.state);
}

function fleetThumb(k) {
  const img = h('img', {src: `/api/fleet/${encodeURIComponent(k.id)}/screen.png`, alt: `${k.id} 的屏幕`,
                        loading: 'lazy'});
  img.style.width = '240px';
  img.style.maxWidth = '100%';
  img.style.border = '1px solid #ccc';
  img.addEventListener('error', () => { img.replaceWith(h('p.dim', {}, '没有截图')); });
  return img;
}

async function fleetData() {
  return api('GET', '/api/fleet');
}

// The status grid: one card per kiosk, problems first (the API's order).
async function pageFleet() {
  const f = await fleetData();
  if (!f.available) { render(h('h1', {}, '触摸屏'), h('p.dim', {}, f.message)); return; }
  const problems = f.kiosks.filter((k) => k.problem).length;
  const grid = h('div', {id: 'fleet-grid'}, f.kiosks.map((k) => {
    const card = h('div.card', {'data-kiosk': k.id, 'data-state': k.state},
      h('h2', {}, k.id, ' ', fleetBadge(k)),
      k.office ? h('p', {}, k.office) : null,
      h('p.dim', {}, k.seen_at ? `最后上报:${cnTime(k.seen_at)}` : '从未上报'),
      k.version !== undefined ? h('p', {}, `显示第 ${k.version} 版(最新第 ${f.newest} 版)`) : null,
      k.reason ? h('p.error', {}, k.reason) : null,
      k.seen_at ? fleetThumb(k) : null);
    card.style.display = 'inline-block';
    card.style.verticalAlign = 'top';
    card.style.width = '270px';
    card.style.margin = '0 12px 12px 0';
    return card;
  }));
  render([h('h1', {}, '触摸屏'),
          h(`div.alert${problems ? '.bad' : ''}`, {id: 'fleet-summary'},
            problems ? `${f.kiosks.length} 台中有 ${problems} 台需要处理(排在前面)。` : `${f.kiosks.length} 台都正常。`),
          f.note ? h('p.dim', {}, f.note) : null,
          grid].filter(Boolean));
}

function proofTable(kiosk) {
  const rows = kiosk.shown.map((s) => h('tr', {}, h('td', {}, cnTime(s.from)), h('td', {}, cnTime(s.to)), h('td', {}, s.why)));
  const gaps = kiosk.gaps.map((g) => h('tr.bad', {}, h('td', {}, cnTime(g.from)), h('td', {}, cnTime(g.to)), h('td', {}, `中断:${g.why}`)));
  return h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, '从'), h('th', {}, '到'), h('th', {}, '说明'))),
           h('tbody', {}, rows, gaps));
}

// Pick a notice; show, per kiosk, when it was on the board; a printable version beside it.
async function pageProof() {
  const b = await getBundle();
  const select = h('select', {id: 'proof-notice'}, (b.notices || []).map((n) => h('option', {value: n.id}, `${n.title}(${windowText(n.window)})`)));
  const out = h('div', {id: 'proof-result'});
  const show = async () => {
    out.replaceChildren(h('p.dim', {}, '正在读取各台触摸屏的显示日志……'));
    let p;
    try { p = await api('GET', `/api/proof?notice=${encodeURIComponent(select.value)}`); } catch (e) { out.replaceChildren(errorBox(e)); return; }
    if (!p.available) { out.replaceChildren(h('p.dim', {}, p.message)); return; }
    out.replaceChildren(
      h('p', {}, h('a', {href: `/api/proof.html?notice=${encodeURIComponent(p.notice)}`, target: '_blank', id: 'proof-print'}, '打开可打印的证明(A4)')),
      p.kiosks.map((k) => h('div.card', {'data-kiosk': k.id},
        h('h2', {}, k.id, ' ', h(`span.badge.${k.verified && k.covered ? 'open' : 'upcoming'}`, {},
          !k.verified ? '无法证明' : k.covered ? '已覆盖公示期' : '未覆盖')),
        h('p.dim', {}, k.verification),
        k.verified ? proofTable(k) : null,
        k.dims ? h('p.dim', {}, `办公时间外熄屏待机 ${k.dims} 次,不计为中断。`) : null)));
  };
  render(h('h1', {}, '张贴证明'),
         h('p', {}, '选一条公示,看它在公示期内每台触摸屏上显示的时段、中断和原因(依据签名的显示日志)。'),
         h('div.toolbar', {}, select, h('button.primary', {type: 'button', id: 'proof-show', onclick: show}, '生成')),
         out);
}

// The publish page's panel: which kiosks show what, from the same API.
fleetPanel = async function fleetPanelWithStatus() {  // eslint-disable-line no-func-assign
  const box = h('div.card', {id: 'fleet'}, h('h2', {}, '哪些触摸屏已经更新'));
  let f;
  try { f = await fleetData(); } catch (e) { box.append(h('p.error', {}, e.message)); return box; }
  if (!f.available) { box.append(h('p.dim', {}, f.message)); return box; }
  if (!f.kiosks.length) { box.append(h('p.dim', {}, '还没有触摸屏报告状态。')); return box; }
  box.append(h('table', {}, h('thead', {}, h('tr', {}, ['编号', '状态', '显示版本', '最后上报'].map((t) => h('th', {}, t)))),
    h('tbody', {}, f.kiosks.map((k) => h('tr', {}, h('td', {}, k.id), h('td', {}, fleetBadge(k)),
      h('td', {}, k.version !== undefined ? `第 ${k.version} 版` : '—'), h('td', {}, k.seen_at ? cnTime(k.seen_at) : '从未'))))),
    h('p', {}, h('a', {href: '#/fleet'}, '查看全部触摸屏')));
  return box;
};

ROUTES.push([/^#\/fleet$/, pageFleet, 'fleet'], [/^#\/proof$/, pageProof, 'proof']);
document.addEventListener('DOMContentLoaded', () => {
  const list = document.querySelector('nav.side ul');
  if (!list) return;
  list.append(h('li', {}, h('a', {href: '#/fleet', 'data-nav': 'fleet'}, '触摸屏')),
              h('li', {}, h('a', {href: '#/proof', 'data-nav': 'proof'}, '张贴证明')));
});
