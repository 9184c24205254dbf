// What every browser script here shares: launching Debian's headless Chromium, axe-core's check, screenshots and a
// member of staff's sign-in at the identity service. One copy, so a fix to how a page is checked or shot reaches every
// script.
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

// Playwright's own browser download fails on these machines: Debian's Chromium, without its background chatter.
export const launch = () => chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

// The address of a path of the suite, through the gateway.
export const urlOf = gateway => path => new URL(path, gateway).href;

// What axe finds that matters here: serious or critical violations, by rule, with where; collected in result.violations.
export const checker = result => async (page, name) => {
  const scan = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  result.violations.push(...scan.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({ page: name, rule: v.id, impact: v.impact, targets: v.nodes.map(n => n.target.join(' ')).slice(0, 5) })));
};

// Checks a page with axe and saves its full-page screenshot as <shots>/<name>.png. scrollTop: back to the top first
// (a full-page shot of a scrolled page draws the fixed app bar mid-page); record: note the page's path and width in
// result.pages[name].
export const shooter = (result, shots, { scrollTop = false, record = false } = {}) => {
  const check = checker(result);
  return async (page, name) => {
    if (scrollTop) await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(300); // MudBlazor's transitions
    await check(page, name);
    await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
    if (record) result.pages[name] = { path: new URL(page.url()).pathname, scrollWidth: await page.evaluate(() => document.documentElement.scrollWidth) };
  };
};

// Opens a page that needs a signed-in member of staff: the app sends the browser to the identity service's sign-in
// form; once signed in the browser is back at the page.
export const signIn = async (page, address, email, password) => {
  const path = new URL(address).pathname;
  await page.goto(address);
  await page.waitForURL(u => u.pathname.startsWith('/account/login'), { timeout: 60000 });
  const signInPage = new URL(page.url()).pathname;
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  // Back at the page once its address is; each caller then waits for the content it needs. Waiting for the load
  // event too failed once under the full run's load (the HTML had arrived; a script or font had not, after 60 s).
  await Promise.all([page.waitForURL(u => u.pathname === path, { timeout: 60000, waitUntil: 'commit' }), page.click('button[type=submit]')]);
  return signInPage;
};
