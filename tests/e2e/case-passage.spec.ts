import { test, expect, dragSelect } from './fixtures.js';

test('a passage of a fieldnote is linked to a participant, and the reader shows the source’s cases', async ({
  page,
  weft,
}) => {
  await page.goto(weft.url);
  await expect(page.getByTestId('project-name')).toContainText('Demo');
  await page
    .getByRole('list', { name: 'Sources' })
    .getByRole('button', { name: /Site1_fieldnotes/ })
    .click();
  // The demo links each fieldnote to its site as a whole.
  await expect(page.getByTestId('source-cases')).toContainText('Site 1');

  await dragSelect(page, 'Priya arrived at 8.50 with a rucksack');
  await page.getByLabel('Link the passage to a case').selectOption({ label: 'LW01 (Person)' });
  await page.getByRole('button', { name: 'Link passage' }).click();
  await expect(page.getByTestId('source-cases').getByText('LW01')).toBeVisible();
  await expect(page.getByTestId('source-cases')).toContainText('1 passage');
});
