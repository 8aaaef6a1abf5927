import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { apiCall } from './api.ts';

/**
 * Imports and commits an assessment-results CSV through the API as the signed-in user (setup data,
 * not what is tested); the import must answer 200. Without organizationId the file names each row's.
 */
export async function importResultsThroughApi(
  page: Page,
  file: { fileName: string; csv: string; fiscalYear: number; organizationId?: string },
) {
  const imported = await apiCall(page, 'POST', '/api/assessments/import', {
    fileName: file.fileName,
    contentBase64: Buffer.from(file.csv, 'utf8').toString('base64'),
    fiscalYear: file.fiscalYear,
    organizationId: file.organizationId,
    commit: true,
  });
  expect(imported.status).toBe(200);
}
