// Signs in on XinYu's page in a real (headless) browser, as a person would, and prints where the identity server
// finally sent the browser: the client's redirect URI with the authorization code.
// Usage: node signin.mjs <authorize URL> <e-mail> <password> <redirect URI prefix> [screenshot.png]
import { chromium } from 'playwright-core';

const [authorizeUrl, email, password, redirectPrefix, screenshot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  let callback = null;
  // The redirect URI belongs to the client app, which does not exist here: catch the navigation instead.
  await page.route(url => url.href.startsWith(redirectPrefix), async route => {
    callback = route.request().url();
    await route.fulfill({ status: 200, contentType: 'text/plain', body: 'signed in' });
  });
  await page.goto(authorizeUrl);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  if (screenshot) await page.screenshot({ path: screenshot });
  await page.click('button[type=submit]');
  // Done when the browser reaches the client, or the page comes back with an error.
  for (let waited = 0; !callback && waited < 15000; waited += 100) {
    if (await page.locator('[role=alert]').count() > 0) break;
    await page.waitForTimeout(100);
  }
  process.stdout.write(JSON.stringify({ callback, finalUrl: page.url(), alert: await page.locator('[role=alert]').textContent().catch(() => null) }));
} finally {
  await browser.close();
}
