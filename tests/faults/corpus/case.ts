import { SESSION_COOKIE } from '../../../src/server/modules/auth/sessions.ts';
import type { World } from './world.ts';

/**
 * One request a hostile or careless user can send, and what the app must answer:
 * - `refused` (the default): a 4xx with the API error body (a code, a Thai and an English message),
 *   and nothing written (no row in any table, no file in the store);
 * - `stored`: text that is merely odd (SQL, formulas, markup) is valid text: the documented 2xx, and
 *   `verify` checks it was stored verbatim (and rendered escaped where it is rendered);
 * - `preview`: a careless file the import can read: the preview answers 200 and writes nothing;
 * - `page not found`: a public page address (HTML): 404, no file of the server in the answer.
 */
export type Expectation =
  | { kind: 'refused'; status?: number; code?: string }
  | { kind: 'stored'; status: number; verify(world: World, response: Response, body: unknown): Promise<void> }
  | { kind: 'preview' }
  /** A public page address (/p/…, HTML, not the API): 404, and none of the server's files in the answer. */
  | { kind: 'page not found' };

export type Case = {
  family: string;
  name: string;
  send(world: World): Promise<Response>;
  expect: Expectation;
};

export const refused = (status?: number, code?: string): Expectation => ({
  kind: 'refused',
  ...(status ? { status } : {}),
  ...(code ? { code } : {}),
});

type Who = 'admin' | 'reporter';

/** A request sent as it stands: any body bytes, any headers (the session's cookie and CSRF token added). */
export async function raw(
  world: World,
  who: Who,
  method: string,
  path: string,
  body: string | Uint8Array | undefined,
  headers: Record<string, string | undefined> = {},
): Promise<Response> {
  const session = world[who].session;
  const h = new Headers();
  h.set('cookie', `${SESSION_COOKIE}=${session.token}`);
  if (method !== 'GET') h.set('x-csrf-token', session.csrfToken);
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) h.set(name, value);
  }
  return world.ctx.app.request(`http://localhost${path}`, {
    method,
    headers: h,
    body: body === undefined ? undefined : typeof body === 'string' ? body : Buffer.from(body),
  });
}

/** A JSON request (the body serialised by JSON.stringify, or given as text). */
export const send = (world: World, who: Who, method: string, path: string, body?: unknown) =>
  raw(
    world,
    who,
    method,
    path,
    body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    body === undefined ? {} : { 'content-type': 'application/json' },
  );

export const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');

/** The result import, committing (a hostile file must be refused with 400 and write nothing). */
export const importFile = (world: World, fileName: string, bytes: Uint8Array, commit = true) =>
  send(world, 'admin', 'POST', '/api/assessments/import', {
    fileName,
    contentBase64: b64(bytes),
    fiscalYear: 2566,
    organizationId: world.unit.id,
    commit,
  });

/** An evidence upload to the unit's open report, by the unit's reporter. */
export const uploadEvidence = (world: World, fileName: string, bytes: Uint8Array) =>
  send(world, 'reporter', 'POST', `/api/evidence/slots/${world.slotId}`, {
    fileName,
    contentBase64: b64(bytes),
  });

/** The framework workbook import (admin), committing. */
export const importFramework = (world: World, fileName: string, bytes: Uint8Array) =>
  send(world, 'admin', 'POST', '/api/catalogue/framework/import', {
    fileName,
    contentBase64: b64(bytes),
    commit: true,
  });
