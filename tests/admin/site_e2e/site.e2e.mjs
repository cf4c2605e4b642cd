// Every take-home page in Debian's Chromium (playwright-core, executablePath: nothing downloaded)
// at a phone's 390×844 and a desktop's 1920×1080: no horizontal scroll, nothing fetched from
// outside the site, every link names a page that exists, no script; screenshots of the index, a
// notice, an applicant and the hotlines at each size into $SHOTS.
import {chromium} from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import {pathToFileURL, fileURLToPath} from 'node:url';

const sites = process.env.SITES.split(':');
const shots = process.env.SHOTS;
fs.mkdirSync(shots, {recursive: true});
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); };

function pages(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, {withFileTypes: true})) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...pages(p));
    else if (e.name.endsWith('.html')) out.push(p);
  }
  return out.sort();
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--lang=zh-CN'],
});
try {
  for (const [w, h] of [[390, 844], [1920, 1080]]) {
    const context = await browser.newContext({viewport: {width: w, height: h}, locale: 'zh-CN',
                                              javaScriptEnabled: false});
    const page = await context.newPage();
    const outside = [];
    page.on('request', (r) => { if (!r.url().startsWith('file://')) outside.push(r.url()); });
    let count = 0;
    const started = Date.now();
    for (const site of sites) {
      const all = pages(site);
      const shotOf = new Map([
        [path.join(site, 'index.html'), 'index'],
        [path.join(site, 'hotlines.html'), 'hotlines'],
        [all.find((p) => p.includes('/notice/')), 'notice'],
        [all.find((p) => p.includes('/applicant/')), 'applicant'],
      ]);
      for (const file of all) {
        const rel = path.relative(site, file);
        await page.goto(pathToFileURL(file).href);
        ++count;
        const m = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          client: document.documentElement.clientWidth,
          scripts: document.scripts.length,
          lang: document.documentElement.lang,
          css: document.styleSheets.length,
          links: Array.from(document.querySelectorAll('a[href]'), (a) => a.href),
        }));
        check(m.scroll <= m.client, `${rel} at ${w}x${h}: scrolls sideways (${m.scroll} > ${m.client})`);
        check(m.scripts === 0, `${rel}: has a script`);
        check(m.lang === 'zh-CN', `${rel}: lang is ${m.lang}`);
        check(m.css === 1, `${rel}: expected its one style sheet loaded, found ${m.css}`);
        for (const href of m.links) {
          if (href.startsWith('tel:')) continue;
          check(href.startsWith('file://'), `${rel}: links outside the site: ${href}`);
          if (href.startsWith('file://')) {
            const target = fileURLToPath(href.split('#')[0]);
            check(fs.existsSync(target), `${rel}: links to ${href}, which does not exist`);
          }
        }
        const shot = shotOf.get(file);
        if (shot) {
          const name = `${path.basename(path.dirname(site))}-${shot}-${w}x${h}.png`;
          await page.screenshot({path: path.join(shots, name), fullPage: shot !== 'applicant' || w > 400});
        }
      }
    }
    check(outside.length === 0, `requests outside the site: ${outside.slice(0, 3).join(' ')}`);
    console.log(`site e2e: ${count} pages at ${w}x${h} in ${Date.now() - started} ms`);
    await context.close();
  }
} finally {
  await browser.close();
}
if (failures.length) {
  for (const f of failures.slice(0, 30)) console.error(`site e2e: ${f}`);
  console.error(`site e2e: ${failures.length} problems`);
  process.exit(1);
}
console.log(`site e2e: every page fits, stays on the site and links to pages that exist; screenshots in ${shots}`);
