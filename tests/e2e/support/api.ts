import type { Page } from 'playwright-core';

export type ApiResult = { status: number; json: unknown };

/**
 * A JSON call straight to the API as the page's signed-in user, with its CSRF token (setup data, and
 * someone else's save). The body is JSON unless undefined; `json` is null when the answer is not JSON.
 */
export async function apiCall(page: Page, method: string, url: string, body?: unknown): Promise<ApiResult> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const me = await (await fetch('/api/auth/me')).json();
      const response = await fetch(url, {
        method,
        headers: { 'content-type': 'application/json', 'X-CSRF-Token': me.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, json: await response.json().catch(() => null) };
    },
    { method, url, body },
  );
}

export type Organization = { id: string; code: string };

/** The organisations the signed-in user sees. */
export async function listOrganizations(page: Page): Promise<Organization[]> {
  return (await apiCall(page, 'GET', '/api/organizations')).json as Organization[];
}
