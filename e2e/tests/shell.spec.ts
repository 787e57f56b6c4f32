import { SECTIONS, ShellPage, sectionPath } from '../pages/shell.page.ts';
import { expect, test } from '../support/fixtures.ts';

test('the start page opens the instance default', async ({ page, audit }) => {
  const shell = new ShellPage(page);
  await shell.gotoStart();
  await shell.expectSection('default', SECTIONS[0]);
  await expect(shell.breadcrumbs).toContainText('default');
  await audit('overview');
});

for (const section of SECTIONS) {
  test(`${section.label} opens by deep link`, async ({ page, audit }) => {
    const shell = new ShellPage(page);
    await shell.goto('default', section);
    await audit(section.segment || 'overview');
  });
}

// The pages are the ones the deep-link tests audit, in the same state; this test is about the navigation.
test('every section opens from the left navigation, and back returns', async ({ page }) => {
  const shell = new ShellPage(page);
  await shell.goto('default', SECTIONS[0]);
  for (const section of [...SECTIONS.slice(1), SECTIONS[0]]) await shell.open('default', section);
  await page.goBack();
  await shell.expectSection('default', SECTIONS[4]);
});

test('the instance switcher keeps the section', async ({ page, instance, audit }) => {
  const shell = new ShellPage(page);
  const endpoints = SECTIONS[1];
  await shell.goto('default', endpoints);
  await shell.instanceSwitcher.click();
  await page.getByRole('option', { name: instance, exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === sectionPath(instance, endpoints));
  await shell.expectSection(instance, endpoints);
  await audit('switched instance');
});
