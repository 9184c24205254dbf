// Answer codes from the web app, in real (headless) browsers through the gateway: a counsellor signs in, opens
// Campaigns, issues codes for the class and gets the printable sheet (screen, print media, an A4 PDF); on a phone the
// counsellor reissues the student's code (a lost slip) and gets a one-slip sheet; a student, on a 360 px phone, opens the
// slip's link and answers with the code read from the sheet (item 9 above 0); the counsellor acknowledges the warning
// from Today. Every page gets axe-core's check (WCAG 2 A and AA) and a screenshot. Prints what it saw as JSON.
// Usage: node campaign-codes.mjs <gateway URL> <email> <password> <screenshot folder> <answers, e.g. 1,1,0,0,0,0,0,0,1>
import { writeFile } from 'node:fs/promises';
import { launch, urlOf, shooter, signIn } from './common.mjs';

const [gateway, email, password, shots, answerList] = process.argv.slice(2);
const answers = answerList.split(',').map(Number);
const browser = await launch();
const result = { violations: [] };
const url = urlOf(gateway);
const shoot = shooter(result, shots);
const text = async (page, selector) => (await page.locator(selector).first().innerText()).replace(/\s+/g, ' ').trim();
const storage = page => page.evaluate(() => ({ local: Object.keys(localStorage), session: Object.keys(sessionStorage) }));
const width = page => page.evaluate(() => document.documentElement.scrollWidth);
// A prerendered page shows its buttons before its circuit is up, and a click then does nothing: click until it shows.
const clickUntil = async (page, selector, expected) => {
  for (let tries = 0; tries < 60; tries++) {
    await page.locator(selector).first().click();
    try {
      await page.locator(expected).first().waitFor({ timeout: 1000 });
      return;
    } catch { /* not interactive yet */ }
  }
  throw new Error(`${selector} never showed ${expected}`);
};
const campaignsLoaded = page => page.locator('[data-testid=classes], [data-testid=no-campaigns], [data-testid=load-problem]').first()
  .waitFor({ timeout: 60000 });
const readSheet = async page => ({
  slips: await page.locator('[data-testid=slip]').count(),
  names: await page.locator('[data-testid=slip-name]').allInnerTexts(),
  codes: await page.locator('[data-testid=slip-code]').allInnerTexts(),
  link: (await page.locator('.slip-url').first().innerText()).trim(),
  qr: (await page.locator('[data-testid=slip-qr]').first().getAttribute('src')).slice(0, 22),
  url: page.url(),
  storage: await storage(page),
});
// Showing the class's codes (the page reads them when the list of classes is shown), then the sheet.
const openCodes = async page => {
  await campaignsLoaded(page);
  await clickUntil(page, '[data-testid=show-codes]', '[data-testid=code-counts]');
};

try {
  // The counsellor, on a desktop: Campaigns, the class's codes, issuing, the sheet.
  const staff = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  const desk = await staff.newPage();
  await signIn(desk, url('/campaigns'), email, password);
  await openCodes(desk);
  result.campaigns = { heading: await text(desk, 'h1'), progress: await text(desk, '[data-testid=progress-total]'),
    classes: await desk.locator('[data-testid=classes] tbody tr').allInnerTexts(), countsBefore: await text(desk, '[data-testid=code-counts]') };
  await shoot(desk, 'campaigns-desktop');
  await desk.click('[data-testid=issue-codes]');
  await desk.locator('[data-testid=confirm-codes]').waitFor();
  await desk.click('[data-testid=confirm]');
  await desk.locator('[data-testid=slip]').first().waitFor({ timeout: 30000 });
  result.sheet = await readSheet(desk);
  await shoot(desk, 'code-sheet-desktop');
  // Printed: A4, the slips only (no app bar, no buttons).
  await desk.emulateMedia({ media: 'print' });
  result.sheet.printed = {
    appBar: await desk.locator('.mud-appbar').isVisible(),
    printButton: await desk.locator('[data-testid=print]').isVisible(),
    slip: await desk.locator('[data-testid=slip]').first().isVisible(),
  };
  await desk.screenshot({ path: `${shots}/code-sheet-print.png`, fullPage: true });
  const pdf = await desk.pdf({ format: 'A4', printBackground: true });
  await writeFile(`${shots}/code-sheet.pdf`, pdf);
  result.sheet.pdfPages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  await desk.emulateMedia({ media: 'screen' });
  await desk.click('[data-testid=close-sheet]');
  await desk.locator('[data-testid=code-counts]').waitFor();
  result.countsAfter = await text(desk, '[data-testid=code-counts]');
  result.codeGone = !(await desk.content()).includes(result.sheet.codes[0]);

  // On a phone: a lost slip, reissued; the new code is on a sheet of one.
  const phoneStaff = await staff.newPage();
  await phoneStaff.setViewportSize({ width: 360, height: 740 });
  await phoneStaff.goto(url('/campaigns'));
  await openCodes(phoneStaff);
  result.phone = { campaignsWidth: await width(phoneStaff) };
  await shoot(phoneStaff, 'campaigns-phone');
  await phoneStaff.click('[data-testid=reissue]');
  await phoneStaff.locator('[data-testid=confirm-codes]').waitFor();
  await phoneStaff.click('[data-testid=confirm]');
  await phoneStaff.locator('[data-testid=slip]').first().waitFor({ timeout: 30000 });
  result.reissued = await readSheet(phoneStaff);
  result.phone.sheetWidth = await width(phoneStaff);
  await shoot(phoneStaff, 'code-sheet-phone');

  // The student, on a phone, no account: the slip's link, the code typed from the slip.
  const pupil = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
  const answer = await pupil.newPage();
  await answer.goto(result.reissued.link);
  await answer.waitForFunction(() => window.Blazor !== undefined && document.querySelector('#answer-code') !== null, null, { timeout: 60000 });
  await answer.waitForTimeout(1500);
  await answer.fill('#answer-code', result.reissued.codes[0]);
  await answer.click('[data-testid=code-form] button[type=submit]');
  await answer.locator('[data-testid=explanation]').waitFor({ timeout: 60000 });
  await answer.click('text=开始答题');
  await answer.locator('[data-testid=questions]').waitFor({ timeout: 30000 });
  const questions = answer.locator('[data-testid=question]');
  for (let i = 0; i < answers.length; i++) await questions.nth(i).locator(`input[type=radio][value="${answers[i]}"]`).check();
  await answer.click('[data-testid=submit]');
  await answer.locator('[data-testid=done]').waitFor({ timeout: 60000 });
  result.student = { support: await answer.locator('[data-testid=support]').count() > 0 };

  // The counsellor acknowledges the student's warning from Today.
  await desk.goto(url('/today'));
  await desk.locator('[data-testid=acknowledge]').first().waitFor({ timeout: 60000 });
  // Read in one go in the page: a live update re-renders the table, and rows read between two calls can be none.
  const shown = await desk.waitForFunction(() => {
    const rows = [...document.querySelectorAll('[data-testid=warnings] tbody tr')].map(r => r.innerText);
    return rows.length > 0 ? rows : null;
  }, null, { timeout: 60000 });
  result.today = { rows: await shown.jsonValue() };
  await clickUntil(desk, '[data-testid=acknowledge]', '[data-testid=confirm-acknowledge]');
  await shoot(desk, 'today-acknowledge-desktop');
  await desk.click('[data-testid=confirm]');
  await desk.locator('[data-testid=no-warnings]').waitFor({ timeout: 30000 });
  result.today.done = await text(desk, '[data-testid=warning-done]');
  await phoneStaff.goto(url('/today'));
  await phoneStaff.locator('[data-testid=no-warnings]').waitFor({ timeout: 60000 });
  result.phone.todayWidth = await width(phoneStaff);
  process.stdout.write(JSON.stringify(result));
} finally {
  await browser.close();
}
