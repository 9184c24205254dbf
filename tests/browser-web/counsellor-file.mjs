// The counsellor's Records-side pages in a real (headless) browser through the gateway: sign in, find the enrolled
// student by name on /students, open the file, be asked for a purpose before the counselling notes show, then see
// them; book an appointment in the counselling room and see a second booking of the same slot refused at the time
// field; every page on a desktop and a 360 px phone (the menu button opens the nav), axe-core's check on each,
// screenshots. Then the file's Records side: an entry corrected and shown corrected, the consents, the print view (its
// own tab); and its Screening side: open a plan, add a follow-up, refer the student to the partner agency, axe with the
// panel open, the panel on a desktop and a phone. Prints what it saw as JSON.
// Usage: node counsellor-file.mjs <gateway URL> <email> <password> <screenshot folder> <student name> <note text> <slot date yyyy-MM-dd>
//        <entry text> <correction text> <agency name> <follow-up date yyyy-MM-dd>
import { launch, urlOf, checker, shooter, signIn } from './common.mjs';

const [gateway, email, password, shots, studentName, noteText, slotDate, entryText, correctionText, agencyName, followUpDate] = process.argv.slice(2);
const browser = await launch();
const result = { violations: [], pages: {} };
const url = urlOf(gateway);
const check = checker(result);
const shoot = shooter(result, shots, { scrollTop: true, record: true });
// A page is interactive once its circuit is up; a click before that would go to the prerendered copy and be lost.
const interactive = async (page, selector) => {
  await page.locator(selector).first().waitFor({ timeout: 60000 });
  await page.waitForFunction(() => window.Blazor !== undefined, null, { timeout: 60000 });
  await page.waitForTimeout(1500);
};
const text = async locator => (await locator.innerText()).replace(/\s+/g, ' ').trim();
// MudBlazor's select and autocomplete list their options in a popover.
const choose = async (page, field, option) => {
  await field.click();
  await page.locator('.mud-popover-open .mud-list-item', { hasText: option }).first().click();
  await page.waitForTimeout(300);
};

try {
  const staff = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  const page = await staff.newPage();
  await signIn(page, url('/students'), email, password);

  // Find the student by name: the typed text stays out of the address.
  await interactive(page, '[data-testid=search-empty], [data-testid=load-problem]');
  await page.getByLabel('姓名、班级或学籍号').fill(studentName);
  const found = page.locator('[data-testid=students] tbody tr a', { hasText: studentName });
  await found.first().waitFor({ timeout: 30000 });
  result.searchUrl = page.url();
  await shoot(page, 'students-desktop');
  const fileHref = await found.first().getAttribute('href');
  result.fileHref = fileHref;

  // The file: the notes only after a purpose.
  await found.first().click();
  await page.waitForURL(u => u.pathname === fileHref, { timeout: 30000 });
  await interactive(page, '[data-testid=show-notes], [data-testid=load-problem]');
  result.file = { heading: await text(page.locator('h1').first()), notesBefore: (await page.content()).includes(noteText) };
  await page.click('[data-testid=show-notes]');
  await page.locator('[data-testid=read-notes]').waitFor({ timeout: 30000 });
  result.file.askedForPurpose = await page.locator('text=查看目的').count() > 0;
  await page.click('[data-testid=read-notes]'); // no purpose chosen: told to choose one, nothing asked of Records
  await page.locator('text=请先选择查看目的').first().waitFor({ timeout: 30000 });
  result.file.notesWithoutPurpose = (await page.content()).includes(noteText);
  await shoot(page, 'student-file-purpose-desktop');
  await choose(page, page.locator('.mud-select', { hasText: '查看目的' }).first(), '危机处置');
  await page.click('[data-testid=read-notes]');
  await page.locator('[data-testid=notes]').waitFor({ timeout: 30000 });
  result.file.notes = await text(page.locator('[data-testid=notes]'));
  result.file.url = page.url();
  await shoot(page, 'student-file-desktop');

  // The counselling room: book the slot, then book it again: the clash shows at the time field.
  await page.goto(url('/room'));
  await interactive(page, '[data-testid=book]');
  const book = async () => {
    const student = page.locator('.mud-autocomplete input').first();
    await student.click();
    await student.fill(studentName);
    await page.locator('.mud-popover-open .mud-list-item', { hasText: studentName }).first().click();
    await page.waitForTimeout(300);
    await choose(page, page.locator('.mud-select', { hasText: '时间' }).last(), `${slotDate} 09:00`);
    await page.click('[data-testid=book]');
  };
  await book();
  await page.locator('[data-testid=appointments] tbody tr', { hasText: studentName }).first().waitFor({ timeout: 30000 });
  result.room = { booked: await text(page.locator('[data-testid=appointments]')) };
  await book();
  const slotField = page.locator('.mud-select', { hasText: '时间' }).last();
  await slotField.locator('.mud-input-helper-text.mud-input-error, .mud-input-error').first().waitFor({ timeout: 30000 });
  result.room.clashAtField = await text(slotField.locator('.mud-input-helper-text').first());
  result.room.summary = await page.locator('[data-testid=book-problem]').count();
  result.room.studentKept = await page.locator('.mud-autocomplete input').first().inputValue();
  await shoot(page, 'room-desktop');

  // Today carries the counselling room's day below the warnings.
  await page.goto(url('/today'));
  await interactive(page, '[data-testid=todays-room]');
  await page.locator('[data-testid=duty], [data-testid=room-problem]').first().waitFor({ timeout: 30000 });
  result.today = await text(page.locator('[data-testid=todays-room]'));

  // The same pages on a phone: the nav behind the menu button, no horizontal scroll.
  const phone = await staff.newPage();
  await phone.setViewportSize({ width: 360, height: 740 });
  await phone.goto(url('/students'));
  await interactive(phone, '[data-testid=search-empty]');
  await phone.click('[data-testid=nav-menu]');
  await phone.locator('.mud-drawer a[href="/room"]').waitFor({ timeout: 30000 });
  result.phoneNav = await phone.locator('.mud-drawer a').evaluateAll(links => links.map(a => a.textContent.trim()));
  await shoot(phone, 'nav-phone');
  await phone.keyboard.press('Escape');
  await phone.goto(url('/students'));
  await interactive(phone, '[data-testid=search-empty]');
  await phone.getByLabel('姓名、班级或学籍号').fill(studentName);
  await phone.locator('[data-testid=students] a', { hasText: studentName }).first().waitFor({ timeout: 30000 });
  await shoot(phone, 'students-phone');
  await phone.goto(url(fileHref));
  await interactive(phone, '[data-testid=show-notes]');
  await shoot(phone, 'student-file-phone');
  await phone.goto(url('/room'));
  await interactive(phone, '[data-testid=book]');
  await shoot(phone, 'room-phone');

  // The file's case panel (Screening): open a plan (the counsellor on duty is the one offered as in charge), add a
  // follow-up, refer to the partner agency chosen from the list; axe on the page with the panel filled.
  await page.goto(url(fileHref));
  await interactive(page, '[data-testid=open-plan], [data-testid=plans-problem]');
  // A closed select shows its choice in an input's value, not as text.
  result.case = { owner: await page.locator('.mud-select', { hasText: '负责人' }).first()
    .evaluate(el => [el.innerText, ...[...el.querySelectorAll('input')].map(i => i.value)].join(' ')) };
  await page.fill('[data-testid=plan-actions-input]', '每周一次个别辅导\n与家长沟通安全事项');
  await page.fill('[data-testid=plan-first-follow-up]', followUpDate);
  await page.keyboard.press('Tab');
  await page.click('[data-testid=open-plan]');
  await page.locator('[data-testid=plan]').first().waitFor({ timeout: 30000 });
  await page.fill('[data-testid=follow-up-date]', slotDate);
  await page.keyboard.press('Tab');
  await page.click('[data-testid=add-follow-up]');
  await page.locator('[data-testid=follow-up]').nth(1).waitFor({ timeout: 30000 });
  await page.locator('[data-testid=mark-done]').first().click();
  await page.fill('[data-testid=done-note]', '与学生面谈，情绪平稳');
  await page.keyboard.press('Tab');
  await page.click('[data-testid=save-done]');
  await page.locator('[data-testid=follow-up][data-state=done]').first().waitFor({ timeout: 30000 });
  result.case.followUps = await page.locator('[data-testid=follow-up]').evaluateAll(items => items.map(li => li.dataset.state));
  result.case.plan = await text(page.locator('[data-testid=plan]').first());
  await choose(page, page.locator('.mud-select', { hasText: '转介机构' }).first(), agencyName);
  await choose(page, page.locator('.mud-select', { hasText: '转介原因' }).first(), '自伤风险');
  await page.fill('[data-testid=referral-text]', '筛查第9题阳性，需专科评估');
  await page.keyboard.press('Tab');
  await page.click('[data-testid=refer]');
  await page.locator('[data-testid=referral]').first().waitFor({ timeout: 30000 });
  result.case.referral = await text(page.locator('[data-testid=referral]').first());
  result.case.url = page.url();
  const shootPanel = async (p, name) => {
    await p.waitForTimeout(300);
    await check(p, name);
    // The panel alone: the fixed app bar would be drawn over it where the element shot scrolls to.
    await p.evaluate(() => document.querySelectorAll('.mud-appbar').forEach(bar => { bar.style.visibility = 'hidden'; }));
    await p.locator('[data-testid=case-panel]').screenshot({ path: `${shots}/${name}.png` });
    await p.evaluate(() => document.querySelectorAll('.mud-appbar').forEach(bar => { bar.style.visibility = ''; }));
    result.pages[name] = { path: new URL(p.url()).pathname, scrollWidth: await p.evaluate(() => document.documentElement.scrollWidth) };
  };
  await shootPanel(page, 'student-case-desktop');
  await phone.goto(url(fileHref));
  await interactive(phone, '[data-testid=plan]');
  await phone.locator('[data-testid=referral]').first().waitFor({ timeout: 30000 });
  await shootPanel(phone, 'student-case-phone');
  result.storage = await phone.evaluate(() => ({ local: Object.keys(localStorage), session: Object.keys(sessionStorage) }));

  // The file's Records side: correct an entry (the form holds its text), then see it struck through with its correction.
  await page.goto(url(fileHref));
  await interactive(page, '[data-testid=correct-entry]');
  await page.locator('[data-testid=timeline] li', { hasText: entryText }).locator('[data-testid=correct-entry]').click();
  await page.locator('[data-testid=corrects]').waitFor({ timeout: 30000 });
  const entryField = page.getByLabel('内容', { exact: true });
  result.correction = { prefilled: await entryField.inputValue() };
  await entryField.fill(correctionText);
  await page.click('[data-testid=save-entry]');
  await page.locator('[data-testid=corrected-label]').first().waitFor({ timeout: 30000 });
  result.correction.struck = await page.locator('[data-testid=timeline] del').allInnerTexts();
  result.correction.labels = await page.locator('[data-testid=corrected-label], [data-testid=correction-label]').allInnerTexts();
  await shoot(page, 'student-file-corrected-desktop');
  await page.locator('[data-testid=consents]').screenshot({ path: `${shots}/consents-desktop.png` });
  result.consents = await text(page.locator('[data-testid=consents-current]'));
  // The print view: a new tab from the web app's endpoint, which fetched Records' document with the user's token.
  const printed = staff.waitForEvent('response', r => new URL(r.url()).pathname === `${fileHref}/print`);
  const [print] = await Promise.all([staff.waitForEvent('page'), page.click('[data-testid=print-file]')]);
  const printResponse = await printed;
  await print.waitForLoadState();
  result.print = { status: printResponse.status(), cacheControl: printResponse.headers()['cache-control'], title: await print.title(),
    body: await text(print.locator('body')) };
  await shoot(print, 'student-file-print-desktop');
  // The consents on a phone.
  await phone.goto(url(fileHref));
  await interactive(phone, '[data-testid=consents]');
  await shoot(phone, 'student-file-consents-phone');
  await phone.locator('[data-testid=consents]').screenshot({ path: `${shots}/consents-phone.png` });
  process.stdout.write(JSON.stringify(result));
} finally {
  await browser.close();
}
