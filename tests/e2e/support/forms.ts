import type { Locator, Page } from 'playwright-core';

/** Opens a select's combobox and clicks the option with exactly this name. */
export async function chooseOption(page: Page, combobox: Locator, option: string) {
  await combobox.click();
  await page.getByRole('option', { name: option, exact: true }).click();
}
