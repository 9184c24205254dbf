// Opens the Aspire dashboard in a real (headless) browser the way a developer does: through the sign-in link the
// AppHost prints. Prints what the page shows as JSON, and saves a screenshot.
// Usage: node dashboard.mjs <sign-in link> <page path, e.g. / or /traces/detail/<id>> <screenshot.png> [text to wait for]
import { chromium } from 'playwright-core';

const [signInLink, path, screenshot, waitFor] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, locale: 'en-US' });
  // The link's token becomes the dashboard's sign-in cookie; then it redirects to the resources page.
  await page.goto(signInLink);
  await page.waitForURL(url => !url.pathname.startsWith('/login'), { timeout: 30000 });
  const signedIn = !page.url().includes('/login');
  if (path !== '/') await page.goto(new URL(path, signInLink).href);
  // The dashboard is a Blazor Server app: its grids fill in over its circuit after the page has loaded, and while the
  // other test assemblies start their own servers beside it (load 15-30 on two cores) that can take most of a minute.
  const rows = async () => page.locator('[role=row]').evaluateAll(rs => rs.map(r => r.innerText.replace(/\s+/g, ' ').trim()));
  // A circuit that came up under such load sometimes never gets its first resource list ("No resources found" for
  // the whole wait, seen once in a clean-clone CI run): after 30 s without it the page is loaded again, as a person would.
  let waited = 0;
  for (; waited < 120000; waited += 250) {
    const text = (await rows()).join('\n');
    if (text.length > 0 && (!waitFor || text.includes(waitFor))) break;
    if (waited > 0 && waited % 30000 === 0) await page.reload();
    await page.waitForTimeout(250);
  }
  await page.waitForTimeout(500);
  await page.screenshot({ path: screenshot, fullPage: true });
  process.stdout.write(JSON.stringify({ signedIn, url: page.url(), waitedMs: waited, rows: await rows() }));
} finally {
  await browser.close();
}
