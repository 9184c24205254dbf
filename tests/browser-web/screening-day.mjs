// A screening day in the web app, in real (headless) browsers through the gateway: a counsellor signs in at the
// identity service and opens Today on a desktop; a student, on a 360 px phone and without an account, answers the
// PHQ-9 with the code from their slip (item 9 above 0) and sees the support message; the counsellor's open page shows
// the new warning without a reload; the same code in another browser is refused; the counsellor reads Today on a
// phone, switches to English and signs out. Every page gets axe-core's check (WCAG 2 A and AA) and a screenshot.
// Prints what it saw as JSON.
// Usage: node screening-day.mjs <gateway URL> <email> <password> <screenshot folder> <campaign id> <code> <answers, e.g. 1,1,0,0,0,0,0,0,1>
import { launch, urlOf, shooter, signIn } from './common.mjs';

const [gateway, email, password, shots, campaign, code, answerList] = process.argv.slice(2);
const answers = answerList.split(',').map(Number);
const browser = await launch();
const result = { pages: {}, violations: [] };
const url = urlOf(gateway);
const shoot = shooter(result, shots);
const heading = async page => (await page.locator('h1').first().innerText()).trim();
// Blazor fills Today over its circuit after the first render: wait for the list (or its empty state) itself.
const todayLoaded = page => page.locator('[data-testid=warnings], [data-testid=no-warnings], [data-testid=load-problem]').first()
  .waitFor({ timeout: 60000 });
const rows = page => page.locator('[data-testid=warnings] tbody tr').evaluateAll(rs => rs.map(r => r.innerText.replace(/\s+/g, ' ').trim()));
// A student's page is interactive once its circuit is up; typing before that would be lost to the prerendered copy.
const interactive = page => page.waitForFunction(() => window.Blazor !== undefined && document.querySelector('#answer-code') !== null, null, { timeout: 60000 })
  .then(() => page.waitForTimeout(1500));

const studentAnswers = async (context, name) => {
  const page = await context.newPage();
  await page.goto(url(`/answer/${campaign}`));
  await interactive(page);
  if (name === 'student') await shoot(page, 'answer-code-phone');
  await page.fill('#answer-code', code);
  await page.click('[data-testid=code-form] button[type=submit]');
  await page.locator('[data-testid=explanation], [data-testid=code-error], [data-testid=answer-problem]').first().waitFor({ timeout: 60000 });
  return page;
};

try {
  // The counsellor, on a desktop.
  const staff = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  const today = await staff.newPage();
  result.signInPage = await signIn(today, url('/today'), email, password);
  await todayLoaded(today);
  const before = (await rows(today)).length;
  // A sign-out posted without the form's antiforgery token, as a forged request would: refused, the session goes on.
  result.forgedSignOut = await today.evaluate(async () =>
    (await fetch('/signout', { method: 'POST', body: new URLSearchParams(), redirect: 'manual' })).status);

  // The student, on a phone, no account.
  const phone = { viewport: { width: 360, height: 740 }, locale: 'zh-CN', isMobile: true, hasTouch: true };
  const pupil = await browser.newContext(phone);
  const answer = await studentAnswers(pupil, 'student');
  result.student = { afterCode: await answer.locator('[data-testid=explanation]').count() > 0 ? 'explanation' : await answer.locator('body').innerText() };
  await shoot(answer, 'answer-explanation-phone');
  await answer.click('text=开始答题');
  await answer.locator('[data-testid=questions]').waitFor({ timeout: 30000 });
  const questions = answer.locator('[data-testid=question]');
  result.student.questions = await questions.count();
  for (let i = 0; i < answers.length; i++) {
    await questions.nth(i).locator(`input[type=radio][value="${answers[i]}"]`).check();
  }
  await shoot(answer, 'answer-questions-phone');
  const submitted = Date.now();
  await answer.click('[data-testid=submit]');
  await answer.locator('[data-testid=done]').waitFor({ timeout: 60000 });
  result.student.done = (await answer.locator('[data-testid=done]').innerText()).replace(/\s+/g, ' ').trim();
  result.student.support = await answer.locator('[data-testid=support]').count() > 0;
  result.student.scrollWidth = await answer.evaluate(() => document.documentElement.scrollWidth);
  result.student.storage = await answer.evaluate(() => ({ local: Object.keys(localStorage), session: Object.keys(sessionStorage) }));
  result.student.url = answer.url();
  await shoot(answer, 'answer-support-phone');

  // The counsellor's open page shows the new warning, no reload.
  await today.waitForFunction(n => document.querySelectorAll('[data-testid=warnings] tbody tr').length > n, before, { timeout: 60000 });
  result.live = { before, appearedAfterMs: Date.now() - submitted, rows: await rows(today) };
  const desktop = {
    url: new URL(today.url()).pathname,
    heading: await heading(today),
    lang: await today.getAttribute('html', 'lang'),
    cookies: (await staff.cookies()).map(c => ({ name: c.name, httpOnly: c.httpOnly, sameSite: c.sameSite })),
    storage: await today.evaluate(() => ({ local: Object.keys(localStorage), session: Object.keys(sessionStorage) })),
  };
  await shoot(today, 'today-desktop');
  result.pages.desktop = desktop;

  // The same code in another browser: refused, with words a student understands.
  const again = await studentAnswers(await browser.newContext(phone), 'again');
  result.reused = await again.locator('[data-testid=code-error]').count() > 0 ? await again.locator('[data-testid=code-error]').innerText() : null;

  // The counsellor's Today on a phone.
  const staffPhone = await staff.newPage();
  await staffPhone.setViewportSize({ width: 360, height: 740 });
  const response = await staffPhone.goto(url('/today'));
  desktop.csp = response?.headers()['content-security-policy'] ?? null;
  await todayLoaded(staffPhone);
  result.pages.phone = { heading: await heading(staffPhone), scrollWidth: await staffPhone.evaluate(() => document.documentElement.scrollWidth) };
  await shoot(staffPhone, 'today-phone');

  await today.click('[data-testid=language-switch]');
  await today.waitForURL(u => u.pathname === '/today', { timeout: 30000 });
  await todayLoaded(today);
  result.pages.english = { heading: await heading(today), lang: await today.getAttribute('html', 'lang') };

  await Promise.all([today.waitForURL(u => u.pathname.startsWith('/account/login'), { timeout: 60000 }), today.click('form[action="/signout"] button')]);
  result.afterSignOut = new URL(today.url()).pathname;
  // The session is over here and at the identity service: the app asks for a password again.
  await today.goto(url('/today'));
  await today.waitForURL(u => u.pathname.startsWith('/account/login'), { timeout: 60000 });
  result.afterRevisit = new URL(today.url()).pathname;
  process.stdout.write(JSON.stringify(result));
} finally {
  await browser.close();
}
