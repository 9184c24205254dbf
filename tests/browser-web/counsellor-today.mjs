// A counsellor's morning in the web app, in a real (headless) browser: open the app through the gateway, sign in at
// the identity service, read Today on a desktop and on a 360 px phone, switch to English, sign out. Each page gets
// axe-core's check (WCAG 2 A and AA) and a screenshot. While Today is open, a new crisis answer is submitted through
// the API (as another member of staff would): the page must show it without being reloaded. Prints what it saw as JSON.
// Usage: node counsellor-today.mjs <gateway URL> <email> <password> <screenshot folder> <bearer token> <submission JSON>
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

const [gateway, email, password, shots, token, submission] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const result = { pages: {} };
// What axe finds that matters here: serious or critical violations, by rule, with where.
const check = async (page, name) => {
  const scan = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return scan.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({ page: name, rule: v.id, impact: v.impact, targets: v.nodes.map(n => n.target.join(' ')).slice(0, 5) }));
};
// Blazor fills the page over its circuit after the first render: wait for the list (or its empty state) itself.
const todayLoaded = page => page.locator('[data-testid=warnings], [data-testid=no-warnings], [data-testid=load-problem]').first()
  .waitFor({ timeout: 60000 });
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(new URL('/today', gateway).href);
  await page.waitForURL(url => url.pathname.startsWith('/account/login'), { timeout: 60000 });
  result.signInPage = new URL(page.url()).pathname;
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForURL(url => url.pathname === '/today', { timeout: 60000 }), page.click('button[type=submit]')]);
  await todayLoaded(page);
  await page.waitForTimeout(300);
  const desktop = {
    url: new URL(page.url()).pathname,
    heading: (await page.locator('h1').first().innerText()).trim(),
    rows: await page.locator('[data-testid=warnings] tbody tr').evaluateAll(rs => rs.map(r => r.innerText.replace(/\s+/g, ' ').trim())),
    problem: await page.locator('[data-testid=load-problem]').count() > 0 ? await page.locator('[data-testid=load-problem]').innerText() : null,
    lang: await page.getAttribute('html', 'lang'),
    cookies: (await context.cookies()).map(c => ({ name: c.name, httpOnly: c.httpOnly, sameSite: c.sameSite })),
    csp: null,
    storage: await page.evaluate(() => ({ local: Object.keys(localStorage), session: Object.keys(sessionStorage) })),
    violations: await check(page, 'today-desktop'),
  };
  await page.screenshot({ path: `${shots}/today-desktop.png`, fullPage: true });
  result.pages.desktop = desktop;

  // A live update: the page was loaded with the rows above; a new warning must appear in it, no reload.
  const rowsBefore = desktop.rows.length;
  const submitted = Date.now();
  const post = await fetch(new URL('/api/screening/submissions', gateway), {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: submission,
  });
  result.live = { submitStatus: post.status, rowsBefore };
  await page.waitForFunction(n => document.querySelectorAll('[data-testid=warnings] tbody tr').length > n, rowsBefore, { timeout: 60000 });
  result.live.appearedAfterMs = Date.now() - submitted;
  result.live.rowsAfter = await page.locator('[data-testid=warnings] tbody tr').count();

  const phone = await context.newPage();
  await phone.setViewportSize({ width: 360, height: 740 });
  const response = await phone.goto(new URL('/today', gateway).href);
  desktop.csp = response?.headers()['content-security-policy'] ?? null;
  await todayLoaded(phone);
  await phone.waitForTimeout(300);
  result.pages.phone = {
    heading: (await phone.locator('h1').first().innerText()).trim(),
    // Nothing wider than the screen: a phone user never scrolls sideways to read the queue.
    scrollWidth: await phone.evaluate(() => document.documentElement.scrollWidth),
    violations: await check(phone, 'today-phone'),
  };
  await phone.screenshot({ path: `${shots}/today-phone.png`, fullPage: true });

  await page.click('[data-testid=language-switch]');
  await page.waitForURL(url => url.pathname === '/today', { timeout: 30000 });
  await todayLoaded(page);
  result.pages.english = { heading: (await page.locator('h1').first().innerText()).trim(), lang: await page.getAttribute('html', 'lang') };

  await Promise.all([page.waitForURL(url => url.pathname.startsWith('/account/login'), { timeout: 60000 }), page.click('form[action="/signout"] button')]);
  result.afterSignOut = new URL(page.url()).pathname;
  // The session is over here and at the identity service: the app asks for a password again.
  await page.goto(new URL('/today', gateway).href);
  await page.waitForURL(url => url.pathname.startsWith('/account/login'), { timeout: 60000 });
  result.afterRevisit = new URL(page.url()).pathname;
  process.stdout.write(JSON.stringify(result));
} finally {
  await browser.close();
}
