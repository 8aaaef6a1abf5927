import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { createApp } from '../../src/server/app.ts';
import type { Database, Db } from '../../src/server/db/client.ts';
import { organizations, roleAssignments, users } from '../../src/server/db/schema/index.ts';
import { type Env, readEnv } from '../../src/server/env.ts';
import type { Actor } from '../../src/server/http/actor.ts';
import { hashPassword } from '../../src/server/modules/auth/password.ts';
import { createSession, SESSION_COOKIE } from '../../src/server/modules/auth/sessions.ts';
import type { DocumentRenderers } from '../../src/server/modules/documents/render-formats.ts';
import type { IdentityDeps } from '../../src/server/modules/identity/oidc-client.ts';
import type { OitDepsInput } from '../../src/server/modules/oit/oit-deps.ts';
import { childPath } from '../../src/server/modules/organizations/tree.ts';
import { actorOf } from '../../src/server/modules/users/grants.ts';
import type { FileStore } from '../../src/server/storage/file-store.ts';
import { LocalDiskStore } from '../../src/server/storage/local-disk-store.ts';
import type { Role } from '../../src/shared/auth/roles.ts';
import type { OrganizationKind } from '../../src/shared/organizations/contract.ts';
import { createTestDatabase } from './test-db.ts';

export const TEST_PASSWORD = 'test-password-123';
let passwordHash: Promise<string> | undefined;
/** Hashing is deliberately slow: every factory user shares one hash of TEST_PASSWORD. */
const sharedHash = () => {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  return passwordHash;
};

export type TestOrg = { id: string; path: string; code: string };

export type Client = {
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  get(path: string): Promise<Response>;
  post(path: string, body?: unknown): Promise<Response>;
  patch(path: string, body?: unknown): Promise<Response>;
  put(path: string, body?: unknown): Promise<Response>;
  delete(path: string): Promise<Response>;
};

let counter = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${++counter}`;

export async function createTestContext(
  options: {
    documentRenderers?: DocumentRenderers;
    config?: Partial<Env>;
    oit?: OitDepsInput;
    /** Another driver (the S3 store); default a local-disk store in a temporary directory. */
    fileStore?: FileStore;
    /** Identity providers: `allowHttpIssuers` for the local OpenID provider of the sign-in tests. */
    identity?: Partial<IdentityDeps>;
  } = {},
) {
  const database: Database = await createTestDatabase();
  const db: Db = database.db;
  const config = {
    ...readEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: '/tmp/unused' }),
    ...options.config,
  };
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-files-'));
  const fileStore = options.fileStore ?? new LocalDiskStore(filesDir);
  const app = createApp({
    db,
    config,
    fileStore,
    documentRenderers: options.documentRenderers,
    ...(options.oit ? { oit: options.oit } : {}),
    ...(options.identity ? { identity: options.identity } : {}),
  });

  function client(session?: { token: string; csrfToken: string }): Client {
    const request = async (
      method: string,
      path: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ) => {
      const h: Record<string, string> = { ...headers };
      if (session) {
        h.cookie = `${SESSION_COOKIE}=${session.token}`;
        if (method !== 'GET') h['x-csrf-token'] ??= session.csrfToken;
      }
      if (body !== undefined) h['content-type'] ??= 'application/json';
      return app.request(`http://localhost${path}`, {
        method,
        headers: h,
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
    };
    return {
      request,
      get: (path) => request('GET', path),
      post: (path, body) => request('POST', path, body ?? {}),
      patch: (path, body) => request('PATCH', path, body ?? {}),
      put: (path, body) => request('PUT', path, body ?? {}),
      delete: (path) => request('DELETE', path),
    };
  }

  async function org(
    parent: TestOrg | null = null,
    fields: Partial<{ code: string; nameTh: string; kind: OrganizationKind }> = {},
  ) {
    const id = crypto.randomUUID();
    const code = fields.code ?? unique('ORG');
    const path = childPath(parent?.path ?? null, id);
    await db.insert(organizations).values({
      id,
      parentId: parent?.id ?? null,
      path,
      code,
      kind: fields.kind ?? (parent ? 'regional_unit' : 'province'),
      nameTh: fields.nameTh ?? `หน่วยงาน ${code}`,
    });
    return { id, path, code } satisfies TestOrg;
  }

  async function user(
    grants: { role: Role; on: TestOrg | null }[] = [],
    email = `${unique('user')}@test.local`,
  ) {
    const [row] = await db
      .insert(users)
      .values({ email, displayName: `ผู้ใช้ ${email}`, passwordHash: await sharedHash() })
      .returning({ id: users.id });
    for (const g of grants) {
      await db
        .insert(roleAssignments)
        .values({ userId: row!.id, role: g.role, organizationId: g.on?.id ?? null });
    }
    return { id: row!.id, email };
  }

  /** A signed-in client for a new user holding the given roles (session made directly, no slow hash). */
  async function signedIn(grants: { role: Role; on: TestOrg | null }[]) {
    const u = await user(grants);
    const session = await createSession(db, u.id, { ip: '127.0.0.1', userAgent: 'test' });
    return { ...u, ...client(session), session };
  }

  /** The server-side actor of a user, for calling services directly. */
  async function actorFor(userId: string): Promise<Actor> {
    const [row] = await db.select().from(users).where(eq(users.id, userId));
    return actorOf(db, row!);
  }

  return {
    database,
    db,
    app,
    fileStore,
    client,
    org,
    user,
    signedIn,
    actorFor,
    close: async () => {
      await database.close();
      fs.rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

export type TestContext = Awaited<ReturnType<typeof createTestContext>>;

// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely and assert on them
export async function json<T = any>(response: Response): Promise<T> {
  return (await response.json()) as T;
}
