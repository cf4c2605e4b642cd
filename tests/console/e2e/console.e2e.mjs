// The clerk's whole job in Debian's Chromium (playwright-core, executablePath: nothing downloaded):
// log in, create a notice, import a GBK CSV and an XLSX with a bad row (the problem on its row,
// nothing changed), fix it, edit one applicant and the hotlines, record the 异议 office and a
// withdrawal on the notice's lifecycle page, preview, publish, republish.
// run.sh starts nginx and `kioskctl serve` and afterwards checks that `kiosk --sync-once` installs
// what was published. Environment: CONSOLE_URL, SHOTS (screenshot folder), SHEETS (make_sheets.py's
// folder), PASSWORD (console login), PASSPHRASE (the key's), PLAIN_KEY_URL (a second console whose
// key is not sealed), CHROMIUM.
import {chromium} from 'playwright-core';
import path from 'node:path';
import fs from 'node:fs';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`console.e2e.mjs: expected environment variable ${name}, found none`);
  return value;
};
const CONSOLE_URL = env('CONSOLE_URL');
const SHOTS = env('SHOTS');
const SHEETS = env('SHEETS');
const PASSWORD = process.env.PASSWORD || '';
const PASSPHRASE = process.env.PASSPHRASE || '';
const PLAIN_KEY_URL = process.env.PLAIN_KEY_URL || '';  // a second console, signing with a plain key
const TRUST_URL = process.env.TRUST_URL || '';  // a third console whose bundle needs two signatures
const TRUST_KEY = process.env.TRUST_KEY || '';  // the second person's (sealed) key file
const NOTICE_ID = 'e2e-2026';
const NOTICE_TITLE = '2026年度浦江镇社区建设示范(模范)单位创建公示';

fs.mkdirSync(SHOTS, {recursive: true});

let page;
let current = '(start)';
const consoleErrors = [];

async function step(name, fn) {
  current = name;
  const t0 = Date.now();
  await fn();
  console.log(`ok   ${name} (${Date.now() - t0} ms)`);
}

function check(condition, what) {
  if (!condition) throw new Error(`expected ${what}`);
}

async function shot(name) {
  await page.screenshot({path: path.join(SHOTS, `${name}.png`), fullPage: false});
}

// A page is ready when app.js's router has drawn it (body[data-ready] = the hash).
async function go(hash) {
  await page.evaluate((h) => { delete document.body.dataset.ready; location.hash = h; }, hash);
  await page.waitForFunction((h) => document.body.dataset.ready === h, hash);
}

async function waitReady(hash) {
  await page.waitForFunction((h) => document.body.dataset.ready === h, hash);
}

// Clicks a button whose success redraws the page it is on, and waits for that new drawing (the
// old one stays "ready" until the router replaces it: filling it meanwhile would be lost).
async function clickAndRedraw(selector, hash) {
  await page.evaluate(() => { delete document.body.dataset.ready; });
  await page.click(selector);
  await waitReady(hash);
}

// The image files of the gallery all drawn (naturalWidth > 0), or any failed.
async function galleryLoaded() {
  await page.waitForFunction(() => {
    const imgs = Array.from(document.querySelectorAll('#preview-gallery img'));
    return imgs.length > 0 && imgs.every((i) => i.complete);
  }, null, {timeout: 120000});
  const broken = await page.$$eval('#preview-gallery img', (imgs) => imgs.filter((i) => !i.naturalWidth).map((i) => i.src));
  check(broken.length === 0, `every preview image to load, found broken: ${broken.join(' ')}`);
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--disable-quic', '--lang=zh-CN'],
  });
  try {
    const context = await browser.newContext({viewport: {width: 1366, height: 768}, locale: 'zh-CN',
                                              acceptDownloads: true});
    page = await context.newPage();
    page.setDefaultTimeout(30000);
    // Script errors and Content-Security-Policy refusals; a 4xx answer the flow expects (422 of
    // the bad sheet) is logged by the browser too and is not counted.
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text())) consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    page.on('dialog', (d) => d.accept());  // the delete confirmations
    await flow();
  } catch (e) {
    if (page) await page.screenshot({path: path.join(SHOTS, 'failed.png')}).catch(() => {});
    console.error(`FAIL ${current}: ${e.message.split('\n')[0]}`);
    await browser.close();
    process.exit(1);
  }
  await browser.close();
  if (consoleErrors.length) {
    console.error(`FAIL errors in the page: ${consoleErrors.join(' | ')}`);
    process.exit(1);
  }
  console.log('console e2e: all steps passed');
}

async function flow() {
  await step('open the console', async () => {
    await page.goto(CONSOLE_URL);
    await page.waitForSelector('#login:not([hidden]), body[data-ready]');
  });

  if (await page.isVisible('#login')) {
    await step('log in (a wrong password first)', async () => {
      await shot('00-login');
      await page.fill('#login-password', 'not-the-password');
      await page.press('#login-password', 'Enter');
      await page.waitForSelector('#login-error:not([hidden])');
      await page.fill('#login-password', PASSWORD);
      await page.press('#login-password', 'Enter');
      await page.waitForSelector('#login', {state: 'hidden'});
      await waitReady('#/');
    });
  }

  await step('总览 shows the bundle (no plain-key warning: the key is sealed) and is keyboard reachable', async () => {
    await page.waitForSelector('#overview-notices, #problems');
    const text = await page.textContent('#main');
    check(/公示/.test(text) && /监督电话/.test(text), 'the overview to list notices and hotlines');
    check(/\d{4}年\d{1,2}月\d{1,2}日/.test(text), 'dates written as 2026年12月1日');
    check(!(await page.$('#key-warning')), 'no plain-key warning for a sealed key');
    // Keyboard: from the page's top bar, Tab reaches the menu (focus drawn), Enter follows a link.
    await page.click('.brand');
    let reached = false;
    for (let i = 0; i < 8 && !reached; ++i) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement.dataset.nav === 'notices');
    }
    check(reached, 'Tab to reach the 公示 menu entry');
    check(await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle !== 'none'), 'a visible focus outline');
    await shot('01-overview');
    await page.keyboard.press('Enter');
    await waitReady('#/notices');
  });

  await step('公示: a new notice, refused with its problem beside the field, then created', async () => {
    await shot('02-notices');
    await page.click('#new-notice');
    await waitReady('#/notice/new');
    await page.fill('#n-id', NOTICE_ID);
    await page.fill('#n-title', NOTICE_TITLE);
    await page.fill('#n-issuer', '浦江镇人民政府');
    await page.fill('#n-doc', '浦府〔2026〕12号');
    await page.fill('#n-start', '2026-11-20');
    await page.fill('#n-end', '2026-11-10');  // before the start: refused
    await page.fill('#n-intro', '下列单位申报2026年度上海市社区建设示范(模范)单位,现予公示。');
    await page.click('#notice-form button[type=submit]');
    await page.waitForSelector('#notice-form [aria-invalid="true"], #main [role=alert]');
    await shot('03-notice-refused');
    await page.fill('#n-end', '2026-12-31');
    await page.click('#notice-form button[type=submit]');
    await waitReady(`#/notice/${NOTICE_ID}/applicants`);
  });

  const applicantCount = () => page.$$eval('#applicant-list tbody tr', (rows) => rows.length).catch(() => 0);

  await step('申报单位: the GBK CSV imports', async () => {
    check(await page.getAttribute('#template-link', 'href') === '/api/template.xlsx', 'the 下载模板 link');
    const template = await page.request.get(new URL('/api/template.xlsx', CONSOLE_URL).href);
    check(template.ok() && (await template.body()).subarray(0, 2).toString() === 'PK', 'the template to be an .xlsx (zip)');
    await page.setInputFiles('#import-file', path.join(SHEETS, 'applicants-gbk.csv'));
    await page.click('#import-button');
    await page.waitForSelector('#import-result .alert.good');
    check(await applicantCount() === 2, 'two applicants from the CSV');
    const names = await page.textContent('#applicant-list');
    check(names.includes('青浦示范居委会') && names.includes('青浦模范街道'), 'the GBK names decoded');
    await shot('04-import-csv');
  });

  await step('申报单位: the XLSX with a bad row is refused, the problem on its row, nothing changed', async () => {
    await page.setInputFiles('#import-file', path.join(SHEETS, 'applicants-bad.xlsx'));
    await page.click('#import-button');
    await page.waitForSelector('#import-sheet-table');
    const bad = await page.$$eval('#import-sheet-table tr.bad', (rows) => rows.map((r) => r.dataset.row));
    check(bad.length === 1 && bad[0] === '4', `exactly row 4 marked, found rows [${bad}]`);
    const cell = await page.$eval('#import-sheet-table tr.bad td.bad', (td) => ({column: td.dataset.column, text: td.textContent}));
    check(cell.column === '电话', `the 电话 cell of row 4 marked, found "${cell.column}"`);
    check(cell.text.includes('打电话给我'), 'the bad value shown in its cell');
    check(await applicantCount() === 2, 'the list unchanged (still the CSV\'s two)');
    await page.$eval('#import-result', (el) => el.scrollIntoView());
    await shot('05-import-xlsx-problem');
  });

  await step('申报单位: a 5,000-row XLSX with one bad row: only that row listed, nothing changed', async () => {
    await page.setInputFiles('#import-file', path.join(SHEETS, 'applicants-5000-bad.xlsx'));
    const t0 = Date.now();
    await page.click('#import-button');
    await page.waitForSelector('#import-sheet-table');
    console.log(`     import: 5,000-row .xlsx read, checked and refused in ${Date.now() - t0} ms`);
    const rows = await page.$$eval('#import-sheet-table tbody tr', (trs) => trs.map((r) => r.dataset.row));
    check(rows.length === 1 && rows[0] === '3001', `only row 3001 listed, found [${rows.slice(0, 5)}…]`);
    check(await page.$eval('#import-sheet-table td.bad', (td) => td.dataset.column) === '负责人', 'its 负责人 cell marked');
    check(await applicantCount() === 2, 'the list unchanged');
  });

  await step('申报单位: the fixed XLSX imports', async () => {
    await page.setInputFiles('#import-file', path.join(SHEETS, 'applicants.xlsx'));
    await page.click('#import-button');
    await page.waitForSelector('#import-result .alert.good');
    check(await applicantCount() === 4, 'the four applicants of the fixed sheet');
    await shot('06-applicants');
  });

  await step('申报单位: one applicant edited in the form', async () => {
    await go(`#/notice/${NOTICE_ID}/applicant/e2e-03`);
    check(await page.isVisible('#a-contact') && !(await page.isVisible('#a-address')), 'a street applicant to show 联系人, not 地址');
    await page.fill('#a-phone', '021-5555 0199');
    await page.fill('#a-summary', '全镇社区建设,已在表单中修改。');
    await shot('07-applicant-form');
    await page.click('#applicant-form button[type=submit]');
    await waitReady(`#/notice/${NOTICE_ID}/applicants`);
    check((await page.textContent('#applicant-list')).includes('021-5555 0199'), 'the new phone in the list');
  });

  await step('监督电话: a number changed and saved', async () => {
    await go('#/hotlines');
    await page.fill('#hl-1-hours', '工作日 8:30–17:00');
    await page.click('#hotline-form button[type=submit]');
    await page.waitForFunction(() => /已保存/.test(document.querySelector('#toast').textContent));
    await shot('08-hotlines');
  });

  await step('公示期、异议、更正: the objection office saved, a withdrawal recorded (the applicant stays, counted apart)', async () => {
    await go(`#/notice/${NOTICE_ID}/edit`);
    await page.click(`a[href="#/notice/${NOTICE_ID}/lifecycle"]`);
    await waitReady(`#/notice/${NOTICE_ID}/lifecycle`);
    check(/2026年11月20日 至 2026年12月31日/.test(await page.textContent('#lifecycle-summary')), 'the window in the summary');
    await page.fill('#lo-office', '浦江镇社区建设办公室');
    await page.fill('#lo-phone', '021-5555 0100');
    await page.fill('#lo-postcode', '2011x');  // not 6 digits: refused beside the field
    await page.click('#lifecycle-objection button[type=submit]');
    await page.waitForSelector('#lo-postcode[aria-invalid="true"]');
    check(/邮编|postcode|6/.test(await page.textContent('[data-error-for="lo-postcode"]')), 'the postcode problem beside its field');
    await page.fill('#lo-postcode', '201112');
    await clickAndRedraw('#lifecycle-objection button[type=submit]', `#/notice/${NOTICE_ID}/lifecycle`);
    check(await page.inputValue('#lo-office') === '浦江镇社区建设办公室', 'the saved office shown again');
    await page.selectOption('#lc-kind', 'withdrawn');
    await page.fill('#lc-date', '2026-11-25');
    await page.selectOption('#lc-applicant', 'e2e-04');
    await page.fill('#lc-text', '申报单位书面申请撤回申报。');
    await clickAndRedraw('#lifecycle-correction button[type=submit]', `#/notice/${NOTICE_ID}/lifecycle`);
    const list = await page.textContent('#correction-list');
    check(list.includes('撤回') && list.includes('2026年11月25日'), `the withdrawal listed, found "${list}"`);
    check(/已撤回 1 个/.test(await page.textContent('#lifecycle-summary')), 'the summary to count the withdrawn apart');
    await shot('09a-lifecycle');
  });

  await step('总览 lists the new notice as 公示中 with its counts', async () => {
    await go('#/overview');
    const row = await page.textContent('#overview-notices');
    check(row.includes(NOTICE_TITLE), 'the new notice in the overview');
    check(row.includes('2026年11月20日') && row.includes('2026年12月31日'), 'its 公示期 in Chinese dates');
    await shot('09-overview-after-edits');
  });

  await step('预览: landscape, then portrait in 适老模式 on a chosen date', async () => {
    const t0 = Date.now();
    await go('#/preview');
    await galleryLoaded();
    const screens = await page.$$eval('#preview-gallery img', (imgs) => imgs.length);
    console.log(`     preview: ${screens} screens drawn by kioskctl and shown in ${Date.now() - t0} ms`);
    await shot('10-preview-landscape');
    await page.check('input[name=orientation][value=portrait]');
    await page.check('#preview-large');
    await page.fill('#preview-date', '2026-12-15');
    await page.dispatchEvent('#preview-date', 'change');
    await page.waitForFunction(() => {
      const imgs = Array.from(document.querySelectorAll('#preview-gallery img'));
      return imgs.length > 0 && imgs.every((i) => /orientation=portrait/.test(i.src) && /large_text=1/.test(i.src) && /at=2026-12-15/.test(i.src));
    });
    await galleryLoaded();
    const src = await page.getAttribute('#preview-gallery img', 'src');
    check(/orientation=portrait/.test(src) && /large_text=1/.test(src) && /at=2026-12-15/.test(src), `the portrait large-text preview, found ${src}`);
    await shot('11-preview-portrait-large');
  });

  await step('发布: the diff, the passphrase, progress, done', async () => {
    await go('#/publish');
    const diff = await page.textContent('#diff');
    check(diff.includes(NOTICE_ID) || diff.includes(NOTICE_TITLE), 'the diff to name the new notice');
    await shot('12-publish-diff');
    if (PASSPHRASE) await page.fill('#passphrase', PASSPHRASE);
    await page.click('#publish-button');
    check(await page.inputValue('#passphrase') === '', 'the passphrase field cleared at once');
    await page.waitForFunction(() => /已发布|失败/.test(document.querySelector('#job-state')?.textContent || ''), null, {timeout: 120000});
    const state = await page.textContent('#job-state');
    check(/已发布第 1 版/.test(state), `the publish to finish as version 1, found "${state}"`);
    await page.waitForSelector('#fleet');
    await shot('13-publish-done');
  });

  await step('历史: version 1 listed; republished as version 2', async () => {
    await go('#/history');
    check((await page.textContent('#history-list')).includes('第 1 版'), 'version 1 in the history');
    await shot('14-history');
    await page.click('#history-list button');
    await page.waitForSelector('#pass-dialog[open]');
    await page.fill('#pass-input', PASSPHRASE);
    await shot('15-republish-passphrase');
    await page.click('#pass-dialog button[value=ok]');
    await page.waitForFunction(() => /已发布|失败/.test(document.querySelector('#job-state')?.textContent || ''), null, {timeout: 120000});
    const state = await page.textContent('#job-state');
    check(/已发布第 2 版/.test(state), `the republish to finish as version 2, found "${state}"`);
    await page.waitForFunction(() => /第 2 版/.test(document.querySelector('#history-list').textContent));
    await shot('16-republish-done');
  });

  if (PASSWORD) {
    await step('退出登录 shows the login form; logging in again returns to the page', async () => {
      await page.click('#logout');
      await page.waitForSelector('#login:not([hidden])');
      const status = await page.evaluate(async () => (await fetch('/api/bundle')).status);
      check(status === 401, `the API to answer 401 once logged out, found ${status}`);
      await page.fill('#login-password', PASSWORD);
      await page.press('#login-password', 'Enter');
      await page.waitForSelector('#login', {state: 'hidden'});
      await page.waitForSelector('#history-list');
    });
  }

  if (PLAIN_KEY_URL) {
    await step('a console with a plain (unsealed) key warns about it on 总览', async () => {
      await page.goto(PLAIN_KEY_URL);
      await page.waitForSelector('body[data-ready]');
      check(await page.isVisible('#key-warning'), 'the plain-key warning');
      await shot('17-overview-plain-key');
    });
  }

  if (TRUST_URL) {
    await step('两人签名: sign, co-sign with a key file chosen in the page, publish as signed', async () => {
      await page.goto(TRUST_URL + '#/publish');
      await page.waitForSelector('body[data-ready] #signatures-status');
      check(/信任根第 1 版/.test(await page.textContent('#root-info')), 'the root shown');
      check(await page.isDisabled('#publish-button'), '签名并发布 disabled when two people are needed');
      await page.click('#sign-button');
      await page.waitForFunction(() => /还差 1 个/.test(document.querySelector('#signatures-status').textContent));
      check(await page.isDisabled('#publish-signed-button'), 'publishing disabled below the threshold');
      await page.setInputFiles('#cosign-key', TRUST_KEY);
      await page.fill('#cosign-passphrase', PASSPHRASE);
      await shot('18-trust-cosign');
      await page.click('#cosign-button');
      check(await page.inputValue('#cosign-passphrase') === '', 'the passphrase field cleared at once');
      await page.waitForFunction(() => /够了/.test(document.querySelector('#signatures-status').textContent));
      await page.click('#publish-signed-button');
      await page.waitForFunction(() => /已发布|失败/.test(document.querySelector('#job-state')?.textContent || ''), null, {timeout: 120000});
      const state = await page.textContent('#job-state');
      check(/已发布第 1 版/.test(state), `the co-signed publish to finish as version 1, found "${state}"`);
      await shot('19-trust-published');
    });
  }
}

main();
