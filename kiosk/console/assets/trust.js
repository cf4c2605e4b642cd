// The publish page's two-person part (TRUST.md; API.md "Signatures"): signatures present / required
// by the bundle's root, sign alone, co-sign with a key file chosen here, publish as signed.
// Uses app.js's helpers (h, $, api, followJob, fleetPanel, errorBox, toast) and adds its card to 发布.
'use strict';

// 发布 draws app.js's page, then this card under its form.
(function hookPublishPage() {
  const entry = ROUTES.find((r) => r[2] === 'publish');
  if (!entry) return;
  const base = entry[1];
  entry[1] = async (...args) => {
    await base(...args);
    await trustCard();
  };
})();

function signaturesText(s) {
  const sig = s.signatures;
  if (!s.signed || !sig) return '还没有签名。';
  const whose = sig.root_version ? `(第 ${sig.root_version} 版信任根)` : '';
  if (sig.met) return `签名:已有 ${sig.have} 个,够了(需要 ${sig.need} 个)${whose}。`;
  return `签名:已有 ${sig.have} 个,需要 ${sig.need} 个${whose},还差 ${sig.need - sig.have} 个:请另一位负责人在下面会签。`;
}

async function trustCard() {
  const form = $('#publish-form');
  if (!form) return;
  let s;
  try { s = await api('GET', '/api/signatures'); } catch (e) { form.after(errorBox(e)); return; }
  const root = s.root;
  const twoPeople = root && root.threshold > 1;
  const card = h('div.card', {id: 'trust'});
  form.after(card);
  const progress = h('div', {id: 'trust-progress'});
  const status = h('p', {id: 'signatures-status', role: 'status'});
  const draw = (st) => {
    status.textContent = signaturesText(st);
    status.className = st.signatures && st.signatures.met ? 'good' : '';
    if (st.signed && !st.matches_files) status.textContent += ' 内容在签名后改过:需要重新签名。';
    publishSigned.disabled = !(st.signatures && st.signatures.met && st.matches_files);
  };

  // Sign alone: the first signature with serve's --key (the same passphrase rule as 签名并发布).
  const signPass = h('input', {type: 'password', id: 'sign-passphrase', autocomplete: 'off', spellcheck: 'false'});
  const signOnly = h('button', {type: 'submit', id: 'sign-button'}, '签名(第一位)');
  const signForm = h('form.toolbar', {id: 'sign-form'},
      h('label', {for: 'sign-passphrase'}, '签名密钥的密码'), signPass, signOnly);
  signForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const passphrase = signPass.value;
    signPass.value = '';
    signOnly.disabled = true;
    try { s = await api('POST', '/api/sign', {passphrase}); draw(s); toast('已签名'); }
    catch (e) { progress.replaceChildren(errorBox(e)); }
    signOnly.disabled = false;
  });

  // Co-sign: the second person's key file, read here and sent once; never kept in the page.
  const keyFile = h('input', {type: 'file', id: 'cosign-key', accept: '.key'});
  const coPass = h('input', {type: 'password', id: 'cosign-passphrase', autocomplete: 'off', spellcheck: 'false'});
  const coSign = h('button', {type: 'submit', id: 'cosign-button'}, '会签');
  const coForm = h('form.toolbar', {id: 'cosign-form'},
      h('label', {for: 'cosign-key'}, '会签人的密钥文件'), keyFile,
      h('label', {for: 'cosign-passphrase'}, '密码'), coPass, coSign);
  coForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const file = keyFile.files && keyFile.files[0];
    const passphrase = coPass.value;
    coPass.value = '';
    keyFile.value = '';
    if (!file) { progress.replaceChildren(h('p.error', {}, '请先选择会签人的密钥文件(.key)。')); return; }
    if (file.size > 4096) { progress.replaceChildren(h('p.error', {}, '这不是密钥文件(太大)。')); return; }
    coSign.disabled = true;
    try {
      const key = await file.text();
      s = await api('POST', '/api/cosign', {key, passphrase});
      draw(s);
      toast('已会签');
      progress.replaceChildren();
    } catch (e) {
      progress.replaceChildren(errorBox(e));
    }
    coSign.disabled = false;
  });

  // Publish the bundle exactly as signed and co-signed (no new signature).
  const publishSigned = h('button.primary', {type: 'button', id: 'publish-signed-button'}, '发布已会签的内容');
  publishSigned.addEventListener('click', async () => {
    publishSigned.disabled = true;
    try {
      const r = await api('POST', '/api/publish', {as_signed: true});
      const job = await followJob(r.job, progress);
      if (job && job.state === 'done') progress.append(await fleetPanel());
    } catch (e) {
      progress.replaceChildren(errorBox(e));
    }
    draw(await api('GET', '/api/signatures'));
  });

  card.append(
      h('h2', {}, twoPeople ? '两人签名' : '签名与会签'),
      root ? h('p', {id: 'root-info'},
               `信任根第 ${root.version} 版:${root.keys} 把密钥中需要 ${root.threshold} 把签名,${cnTime(root.expires_at)} 到期。`)
           : h('p.dim', {id: 'root-info'}, '这份内容没有信任根(root/):一个签名就够(触摸屏配置里的密钥)。'),
      status,
      h('p.field-note', {}, '第一位负责人签名;第二位负责人选择自己的密钥文件、输入密码会签。密钥和密码只用于这一次,不会保存。'),
      signForm, coForm, h('div.toolbar', {}, publishSigned), progress);
  draw(s);
  if (twoPeople) {  // 签名并发布 would sign alone and could never meet the threshold
    const go = $('#publish-button');
    if (go) go.disabled = true;
    form.append(h('p.alert', {id: 'two-people-note'}, `需要 ${root.threshold} 人签名:请用下面的“签名”“会签”“发布已会签的内容”。`));
  }
}
