import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  identityProviders,
  lineLinks,
  organizations,
  plans,
  reportSlots,
  roleAssignments,
  rounds,
  signatures,
} from '../src/server/db/schema/index.ts';
import { ROLES, type Role } from '../src/shared/auth/roles.ts';
import { indicatorScores, storeAnalysis, storePlan, storeResult } from './support/assessment-fixtures.ts';
import { type LineApiServer, lineGroupId, startLineApiServer } from './support/line-api-server.ts';
import { createTestContext, json, type TestContext, type TestOrg } from './support/test-app.ts';

/**
 * Every API route × every role × a record inside and outside the caller's organisation. A caller holds
 * one role on the province `home`; `in` targets live under home, `out` targets under another province.
 * Allowed → 2xx; not allowed or out of scope → 403 with nothing but the error; unknown → 404.
 * A route missing from this table fails the completeness test below.
 */
type Scope = 'in' | 'out';
type Req = { method: string; path: string; body?: unknown };
type Fx = {
  parent(scope: Scope): TestOrg;
  unit(scope: Scope): Promise<TestOrg>;
  member(scope: Scope): Promise<{ id: string; assignmentId: string }>;
  result(scope: Scope): Promise<{ id: string }>;
  plan(scope: Scope, status: string): Promise<{ id: string; rowVersion: number; unitId: string }>;
  round(
    scope: Scope,
    status: 'draft' | 'open' | 'closed',
  ): Promise<{ id: string; rowVersion: number; planId: string }>;
  slot(scope: Scope, state: string): Promise<{ id: string; rowVersion: number }>;
  evidence(scope: Scope): Promise<{ id: string }>;
  analysis(scope: Scope): Promise<{ id: string; version: number }>;
  /** A generated plan document (DOCX and XLSX; no PDF printer in this test). */
  document(scope: Scope): Promise<{ id: string }>;
  /** A published (approved) plan. */
  publication(scope: Scope): Promise<{ id: string }>;
  /** An organisation whose documents have an emblem. */
  withEmblem(scope: Scope): Promise<TestOrg>;
};
type Case = {
  route: string;
  /** Roles (held on home) that may call it on an `in` record. */
  allowed: readonly Role[];
  /** How the route treats a record outside the caller's organisations. */
  outOfScope: 'forbidden' | 'not-scoped';
  build(fx: Fx, scope: Scope): Promise<Req>;
  unknown?: Req;
};

const ANY: readonly Role[] = ROLES;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n').toString('base64');
// The smallest valid PNG: 1×1, greyscale.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010800000000' +
    '3a7e9b550000000a49444154789c63600000000200015c0f3e5d0000000049454e44ae426082',
  'hex',
).toString('base64');
const MEMO = {
  kind: 'memo',
  content: {
    department: 'สำนักงานจังหวัด',
    subject: 'ขอความเห็นชอบมาตรการ',
    to: 'ผู้ว่าราชการจังหวัด',
    background: 'เรื่องเดิม',
    facts: 'ข้อเท็จจริง',
    considerations: 'ข้อพิจารณา',
    proposal: 'ข้อเสนอ',
  },
};
const ADMIN: readonly Role[] = ['admin'];
const WRITERS: readonly Role[] = ['admin', 'secretariat'];
const uuid = () => crypto.randomUUID();
let codeCounter = 0;

const CASES: Case[] = [
  {
    route: 'POST /api/auth/sign-out',
    allowed: ANY,
    outOfScope: 'not-scoped',
    build: async () => ({ method: 'POST', path: '/api/auth/sign-out' }),
  },
  {
    route: 'GET /api/auth/me',
    allowed: ANY,
    outOfScope: 'not-scoped',
    build: async () => ({ method: 'GET', path: '/api/auth/me' }),
  },
  {
    route: 'GET /api/organizations',
    allowed: ANY,
    outOfScope: 'not-scoped',
    build: async () => ({ method: 'GET', path: '/api/organizations' }),
  },
  {
    route: 'GET /api/organizations/{id}',
    allowed: ANY,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({ method: 'GET', path: `/api/organizations/${(await fx.unit(s)).id}` }),
    unknown: { method: 'GET', path: `/api/organizations/${uuid()}` },
  },
  {
    route: 'POST /api/organizations',
    allowed: ADMIN,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({
      method: 'POST',
      path: '/api/organizations',
      body: {
        parentId: fx.parent(s).id,
        code: `AZ-${++codeCounter}`,
        kind: 'regional_unit',
        nameTh: 'หน่วยใหม่',
      },
    }),
  },
  {
    route: 'PATCH /api/organizations/{id}',
    allowed: ADMIN,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({
      method: 'PATCH',
      path: `/api/organizations/${(await fx.unit(s)).id}`,
      body: { version: 1, nameTh: 'ชื่อใหม่' },
    }),
    unknown: { method: 'PATCH', path: `/api/organizations/${uuid()}`, body: { version: 1, nameTh: 'x' } },
  },
  {
    route: 'POST /api/organizations/{id}/move',
    allowed: ADMIN,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({
      method: 'POST',
      path: `/api/organizations/${(await fx.unit(s)).id}/move`,
      body: { version: 1, newParentId: (await fx.unit(s)).id },
    }),
    unknown: {
      method: 'POST',
      path: `/api/organizations/${uuid()}/move`,
      body: { version: 1, newParentId: null },
    },
  },
  {
    route: 'POST /api/organizations/{id}/deactivate',
    allowed: ADMIN,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({
      method: 'POST',
      path: `/api/organizations/${(await fx.unit(s)).id}/deactivate`,
      body: { version: 1 },
    }),
    unknown: { method: 'POST', path: `/api/organizations/${uuid()}/deactivate`, body: { version: 1 } },
  },
  {
    route: 'POST /api/organizations/{id}/reactivate',
    allowed: ADMIN,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({
      method: 'POST',
      path: `/api/organizations/${(await fx.unit(s)).id}/reactivate`,
      body: { version: 1 },
    }),
    unknown: { method: 'POST', path: `/api/organizations/${uuid()}/reactivate`, body: { version: 1 } },
  },
  {
    route: 'GET /api/users',
    allowed: ADMIN,
    outOfScope: 'not-scoped',
    build: async () => ({ method: 'GET', path: '/api/users' }),
  },
  {
    route: 'GET /api/users/{id}',
    allowed: ADMIN,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({ method: 'GET', path: `/api/users/${(await fx.member(s)).id}` }),
    unknown: { method: 'GET', path: `/api/users/${uuid()}` },
  },
  {
    route: 'POST /api/users',
    allowed: ADMIN,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({
      method: 'POST',
      path: '/api/users',
      body: {
        email: `new-${++codeCounter}@authz.test`,
        displayName: 'ผู้ใช้ใหม่',
        password: 'a-good-password-1',
        role: 'viewer',
        organizationId: (await fx.unit(s)).id,
      },
    }),
  },
  {
    route: 'PATCH /api/users/{id}',
    allowed: ADMIN,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({
      method: 'PATCH',
      path: `/api/users/${(await fx.member(s)).id}`,
      body: { version: 1, displayName: 'ชื่อใหม่' },
    }),
    unknown: { method: 'PATCH', path: `/api/users/${uuid()}`, body: { version: 1, displayName: 'x' } },
  },
  {
    route: 'POST /api/users/{id}/password',
    allowed: ADMIN,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({
      method: 'POST',
      path: `/api/users/${(await fx.member(s)).id}/password`,
      body: { newPassword: 'another-password-2' },
    }),
    unknown: {
      method: 'POST',
      path: `/api/users/${uuid()}/password`,
      body: { newPassword: 'another-password-2' },
    },
  },
  {
    route: 'POST /api/users/{id}/roles',
    allowed: ADMIN,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({
      method: 'POST',
      path: `/api/users/${(await fx.member(s)).id}/roles`,
      body: { role: 'secretariat', organizationId: (await fx.unit(s)).id },
    }),
    unknown: {
      method: 'POST',
      path: `/api/users/${uuid()}/roles`,
      body: { role: 'viewer', organizationId: uuid() },
    },
  },
  {
    route: 'DELETE /api/users/{id}/roles/{assignmentId}',
    allowed: ADMIN,
    outOfScope: 'forbidden',
    build: async (fx, s) => {
      const m = await fx.member(s);
      return { method: 'DELETE', path: `/api/users/${m.id}/roles/${m.assignmentId}` };
    },
    unknown: { method: 'DELETE', path: `/api/users/${uuid()}/roles/${uuid()}` },
  },
  {
    route: 'GET /api/catalogue/editions',
    allowed: ANY,
    outOfScope: 'not-scoped',
    build: async () => ({ method: 'GET', path: '/api/catalogue/editions' }),
  },
  {
    route: 'GET /api/catalogue/editions/{fiscalYear}',
    allowed: ANY,
    outOfScope: 'not-scoped',
    build: async () => ({ method: 'GET', path: '/api/catalogue/editions/2566' }),
    unknown: { method: 'GET', path: '/api/catalogue/editions/2599' },
  },
  {
    // Only a deployment-wide admin imports editions; an admin of one province may not.
    route: 'POST /api/catalogue/editions',
    allowed: [],
    outOfScope: 'not-scoped',
    build: async () => ({
      method: 'POST',
      path: '/api/catalogue/editions',
      body: { yaml: 'fiscal_year: 2570' },
    }),
  },
  {
    route: 'GET /api/catalogue/editions/{fiscalYear}/xlsx',
    allowed: ANY,
    outOfScope: 'not-scoped',
    build: async () => ({ method: 'GET', path: '/api/catalogue/editions/2566/xlsx' }),
    unknown: { method: 'GET', path: '/api/catalogue/editions/2599/xlsx' },
  },
  {
    route: 'GET /api/catalogue/framework/template',
    allowed: ANY,
    outOfScope: 'not-scoped',
    build: async () => ({ method: 'GET', path: '/api/catalogue/framework/template' }),
  },
  {
    // Only a deployment-wide admin imports a framework workbook, as a YAML edition.
    route: 'POST /api/catalogue/framework/import',
    allowed: [],
    outOfScope: 'not-scoped',
    build: async () => ({
      method: 'POST',
      path: '/api/catalogue/framework/import',
      body: { fileName: 'framework.xlsx', contentBase64: PDF, commit: false },
    }),
  },
  {
    route: 'GET /api/catalogue/editions/{fiscalYear}/with-supplied',
    allowed: ANY,
    outOfScope: 'not-scoped',
    build: async () => ({ method: 'GET', path: '/api/catalogue/editions/2569/with-supplied' }),
    unknown: { method: 'GET', path: '/api/catalogue/editions/2599/with-supplied' },
  },
  {
    // Who supplied which wording is for the deployment-wide admins who may accept it.
    route: 'GET /api/catalogue/editions/{fiscalYear}/supplied',
    allowed: [],
    outOfScope: 'not-scoped',
    build: async () => ({ method: 'GET', path: '/api/catalogue/editions/2569/supplied' }),
    unknown: { method: 'GET', path: '/api/catalogue/editions/2599/supplied' },
  },
  {
    route: 'POST /api/catalogue/editions/{fiscalYear}/supplied/accept',
    allowed: [],
    outOfScope: 'not-scoped',
    build: async () => ({ method: 'POST', path: '/api/catalogue/editions/2569/supplied/accept', body: {} }),
    unknown: { method: 'POST', path: '/api/catalogue/editions/2599/supplied/accept', body: {} },
  },
  {
    route: 'GET /api/assessments',
    allowed: ANY,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({
      method: 'GET',
      path: `/api/assessments?organizationId=${(await fx.unit(s)).id}`,
    }),
  },
  {
    route: 'PUT /api/assessments',
    allowed: WRITERS,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({
      method: 'PUT',
      path: '/api/assessments',
      body: { organizationId: (await fx.unit(s)).id, fiscalYear: 2566, scores: indicatorScores([90]) },
    }),
  },
  {
    route: 'POST /api/assessments/import',
    allowed: WRITERS,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({
      method: 'POST',
      path: '/api/assessments/import',
      body: {
        fileName: 'r.csv',
        contentBase64: Buffer.from('code,score\nITA,90\n').toString('base64'),
        fiscalYear: 2566,
        organizationId: (await fx.unit(s)).id,
        commit: true,
      },
    }),
  },
  {
    route: 'GET /api/assessments/template',
    allowed: ANY,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({
      method: 'GET',
      path: `/api/assessments/template?editionYear=2566&layout=wide&format=csv&organizationId=${fx.parent(s).id}`,
    }),
  },
  {
    route: 'GET /api/assessments/province/{organizationId}/{fiscalYear}',
    allowed: ANY,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({ method: 'GET', path: `/api/assessments/province/${fx.parent(s).id}/2566` }),
    unknown: { method: 'GET', path: `/api/assessments/province/${uuid()}/2566` },
  },
  {
    route: 'GET /api/assessments/{id}',
    allowed: ANY,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({ method: 'GET', path: `/api/assessments/${(await fx.result(s)).id}` }),
    unknown: { method: 'GET', path: `/api/assessments/${uuid()}` },
  },
  {
    route: 'GET /api/assessments/{id}/analyses',
    allowed: ANY,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({ method: 'GET', path: `/api/assessments/${(await fx.result(s)).id}/analyses` }),
    unknown: { method: 'GET', path: `/api/assessments/${uuid()}/analyses` },
  },
  {
    route: 'POST /api/assessments/{id}/analyses',
    allowed: WRITERS,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({
      method: 'POST',
      path: `/api/assessments/${(await fx.result(s)).id}/analyses`,
      body: { settings: {} },
    }),
    unknown: { method: 'POST', path: `/api/assessments/${uuid()}/analyses`, body: { settings: {} } },
  },
  {
    route: 'GET /api/analyses/{id}',
    allowed: ANY,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({ method: 'GET', path: `/api/analyses/${(await fx.analysis(s)).id}` }),
    unknown: { method: 'GET', path: `/api/analyses/${uuid()}` },
  },
  {
    route: 'PATCH /api/analyses/{id}',
    allowed: WRITERS,
    outOfScope: 'forbidden',
    build: async (fx, s) => {
      const a = await fx.analysis(s);
      return {
        method: 'PATCH',
        path: `/api/analyses/${a.id}`,
        body: { version: a.version, limitations: 'x' },
      };
    },
    unknown: { method: 'PATCH', path: `/api/analyses/${uuid()}`, body: { version: 1 } },
  },
  {
    route: 'PUT /api/analyses/{id}/narratives/{findingKey}',
    allowed: WRITERS,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({
      method: 'PUT',
      path: `/api/analyses/${(await fx.analysis(s)).id}/narratives/indicator%3A1`,
      body: { text: 'คำอธิบาย' },
    }),
    unknown: { method: 'PUT', path: `/api/analyses/${uuid()}/narratives/indicator%3A1`, body: { text: 'x' } },
  },
  {
    route: 'GET /api/plans',
    allowed: ANY,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({ method: 'GET', path: `/api/plans?organizationId=${fx.parent(s).id}` }),
  },
  {
    route: 'POST /api/plans',
    allowed: WRITERS,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({
      method: 'POST',
      path: '/api/plans',
      body: { organizationId: (await fx.unit(s)).id, fiscalYear: 2568 },
    }),
  },
  {
    route: 'GET /api/plans/inbox',
    allowed: ANY,
    outOfScope: 'not-scoped',
    build: async () => ({ method: 'GET', path: '/api/plans/inbox' }),
  },
  {
    route: 'GET /api/plans/{id}',
    allowed: ANY,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({ method: 'GET', path: `/api/plans/${(await fx.plan(s, 'draft')).id}` }),
    unknown: { method: 'GET', path: `/api/plans/${uuid()}` },
  },
  {
    route: 'PUT /api/plans/{id}',
    allowed: WRITERS,
    outOfScope: 'forbidden',
    build: async (fx, s) => {
      const p = await fx.plan(s, 'draft');
      return {
        method: 'PUT',
        path: `/api/plans/${p.id}`,
        body: { rowVersion: p.rowVersion, content: { title: 'แผน' } },
      };
    },
    unknown: {
      method: 'PUT',
      path: `/api/plans/${uuid()}`,
      body: { rowVersion: 1, content: { title: 'แผน' } },
    },
  },
  {
    route: 'POST /api/plans/{id}/submit',
    allowed: WRITERS,
    outOfScope: 'forbidden',
    build: async (fx, s) => {
      const p = await fx.plan(s, 'draft');
      return { method: 'POST', path: `/api/plans/${p.id}/submit`, body: { rowVersion: p.rowVersion } };
    },
    unknown: { method: 'POST', path: `/api/plans/${uuid()}/submit`, body: { rowVersion: 1 } },
  },
  {
    route: 'POST /api/plans/{id}/decision',
    allowed: ['executive'],
    outOfScope: 'forbidden',
    build: async (fx, s) => {
      const p = await fx.plan(s, 'submitted');
      return {
        method: 'POST',
        path: `/api/plans/${p.id}/decision`,
        body: {
          decision: 'approve',
          rowVersion: p.rowVersion,
          memoNumber: 'ที่ ๑/๒๕๖๘',
          memoDate: '2024-11-01',
        },
      };
    },
    unknown: {
      method: 'POST',
      path: `/api/plans/${uuid()}/decision`,
      body: { decision: 'return', rowVersion: 1, comment: 'x' },
    },
  },
  {
    route: 'POST /api/plans/{id}/circulate',
    allowed: WRITERS,
    outOfScope: 'forbidden',
    build: async (fx, s) => {
      const p = await fx.plan(s, 'approved');
      return { method: 'POST', path: `/api/plans/${p.id}/circulate`, body: { rowVersion: p.rowVersion } };
    },
    unknown: { method: 'POST', path: `/api/plans/${uuid()}/circulate`, body: { rowVersion: 1 } },
  },
  {
    route: 'POST /api/plans/{id}/versions',
    allowed: WRITERS,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({
      method: 'POST',
      path: `/api/plans/${(await fx.plan(s, 'approved')).id}/versions`,
    }),
    unknown: { method: 'POST', path: `/api/plans/${uuid()}/versions` },
  },
  {
    // Only someone holding a role on the unit itself acknowledges; a role on the province is "from above".
    route: 'POST /api/plans/{id}/acknowledgements/{unitId}',
    allowed: [],
    outOfScope: 'forbidden',
    build: async (fx, s) => {
      const p = await fx.plan(s, 'circulated');
      return { method: 'POST', path: `/api/plans/${p.id}/acknowledgements/${p.unitId}` };
    },
    unknown: { method: 'POST', path: `/api/plans/${uuid()}/acknowledgements/${uuid()}` },
  },
  {
    route: 'GET /api/plans/{id}/audience',
    allowed: ANY,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({
      method: 'GET',
      path: `/api/plans/${(await fx.plan(s, 'draft')).id}/audience`,
    }),
    unknown: { method: 'GET', path: `/api/plans/${uuid()}/audience` },
  },
  {
    route: 'GET /api/plans/{id}/diff/{otherId}',
    allowed: ANY,
    outOfScope: 'forbidden',
    build: async (fx, s) => {
      const p = await fx.plan(s, 'draft');
      return { method: 'GET', path: `/api/plans/${p.id}/diff/${p.id}` };
    },
    unknown: { method: 'GET', path: `/api/plans/${uuid()}/diff/${uuid()}` },
  },
  {
    route: 'GET /api/plans/{id}/suggestions',
    allowed: ANY,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({
      method: 'GET',
      path: `/api/plans/${(await fx.plan(s, 'draft')).id}/suggestions`,
    }),
    unknown: { method: 'GET', path: `/api/plans/${uuid()}/suggestions` },
  },
  {
    route: 'GET /api/measures-library',
    allowed: ANY,
    outOfScope: 'not-scoped',
    build: async () => ({ method: 'GET', path: '/api/measures-library' }),
  },
  {
    // The library serves every organisation: only a deployment-wide admin extends it.
    route: 'POST /api/measures-library',
    allowed: [],
    outOfScope: 'not-scoped',
    build: async () => ({
      method: 'POST',
      path: '/api/measures-library',
      body: {
        id: `authz-${++codeCounter}`,
        kind: 'measure',
        title_th: 'มาตรการ',
        title_en: 'Measure',
        steps_th: ['ขั้นตอน'],
        monitoring_th: 'ติดตาม',
        codes: { '2566': ['i1'] },
        indicators: [1],
        source: ['common-practice'],
        confidence: 'low',
      },
    }),
  },
  {
    route: 'GET /api/rounds',
    allowed: ANY,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({
      method: 'GET',
      path: `/api/rounds?planId=${(await fx.plan(s, 'circulated')).id}`,
    }),
  },
  {
    route: 'POST /api/rounds',
    allowed: WRITERS,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({
      method: 'POST',
      path: '/api/rounds',
      body: { planId: (await fx.plan(s, 'circulated')).id, kind: '6m', dueDate: '2025-04-05' },
    }),
  },
  {
    route: 'GET /api/rounds/{id}',
    allowed: ANY,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({ method: 'GET', path: `/api/rounds/${(await fx.round(s, 'open')).id}` }),
    unknown: { method: 'GET', path: `/api/rounds/${uuid()}` },
  },
  {
    route: 'POST /api/rounds/{id}/open',
    allowed: WRITERS,
    outOfScope: 'forbidden',
    build: async (fx, s) => {
      const r = await fx.round(s, 'draft');
      return { method: 'POST', path: `/api/rounds/${r.id}/open`, body: { rowVersion: r.rowVersion } };
    },
    unknown: { method: 'POST', path: `/api/rounds/${uuid()}/open`, body: { rowVersion: 1 } },
  },
  {
    route: 'POST /api/rounds/{id}/close',
    allowed: WRITERS,
    outOfScope: 'forbidden',
    build: async (fx, s) => {
      const r = await fx.round(s, 'open');
      return { method: 'POST', path: `/api/rounds/${r.id}/close`, body: { rowVersion: r.rowVersion } };
    },
    unknown: { method: 'POST', path: `/api/rounds/${uuid()}/close`, body: { rowVersion: 1 } },
  },
  {
    route: 'POST /api/rounds/{id}/reopen',
    allowed: WRITERS,
    outOfScope: 'forbidden',
    build: async (fx, s) => {
      const r = await fx.round(s, 'closed');
      return {
        method: 'POST',
        path: `/api/rounds/${r.id}/reopen`,
        body: { rowVersion: r.rowVersion, reason: 'แก้ไขข้อมูล' },
      };
    },
    unknown: {
      method: 'POST',
      path: `/api/rounds/${uuid()}/reopen`,
      body: { rowVersion: 1, reason: 'แก้ไขข้อมูล' },
    },
  },
  {
    route: 'GET /api/rounds/{id}/rollup',
    allowed: ANY,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({ method: 'GET', path: `/api/rounds/${(await fx.round(s, 'open')).id}/rollup` }),
    unknown: { method: 'GET', path: `/api/rounds/${uuid()}/rollup` },
  },
  {
    route: 'GET /api/home',
    allowed: ANY,
    outOfScope: 'not-scoped',
    build: async () => ({ method: 'GET', path: '/api/home' }),
  },
  {
    route: 'GET /api/home/latest-result-year',
    allowed: ANY,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({
      method: 'GET',
      path: `/api/home/latest-result-year?organizationId=${(await fx.unit(s)).id}`,
    }),
    unknown: { method: 'GET', path: `/api/home/latest-result-year?organizationId=${uuid()}` },
  },
  {
    route: 'GET /api/national/roots',
    allowed: ANY,
    outOfScope: 'not-scoped',
    build: async () => ({ method: 'GET', path: '/api/national/roots' }),
  },
  {
    route: 'GET /api/national/{organizationId}',
    allowed: ['admin', 'secretariat', 'executive', 'viewer'],
    outOfScope: 'forbidden',
    build: async (fx, s) => {
      const agency = await fx.unit(s);
      await storeResult(t.db, agency.id, 2566, indicatorScores([70]));
      return { method: 'GET', path: `/api/national/${agency.id}?fiscalYear=2566` };
    },
    unknown: { method: 'GET', path: `/api/national/${uuid()}` },
  },
  {
    route: 'GET /api/reports/mine',
    allowed: ANY,
    outOfScope: 'not-scoped',
    build: async () => ({ method: 'GET', path: '/api/reports/mine' }),
  },
  {
    route: 'GET /api/reports/{id}',
    allowed: ANY,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({ method: 'GET', path: `/api/reports/${(await fx.slot(s, 'pending')).id}` }),
    unknown: { method: 'GET', path: `/api/reports/${uuid()}` },
  },
  {
    // Reports are written by the unit's own people; roles on the province are "from above".
    route: 'PUT /api/reports/{id}',
    allowed: [],
    outOfScope: 'forbidden',
    build: async (fx, s) => {
      const sl = await fx.slot(s, 'pending');
      return {
        method: 'PUT',
        path: `/api/reports/${sl.id}`,
        body: { rowVersion: sl.rowVersion, result: 'ผล', progress: 'in_progress', percent: 50 },
      };
    },
    unknown: {
      method: 'PUT',
      path: `/api/reports/${uuid()}`,
      body: { rowVersion: 1, progress: 'not_started', percent: 0 },
    },
  },
  {
    route: 'POST /api/reports/{id}/submit',
    allowed: [],
    outOfScope: 'forbidden',
    build: async (fx, s) => {
      const sl = await fx.slot(s, 'draft');
      return {
        method: 'POST',
        path: `/api/reports/${sl.id}/submit`,
        body: { rowVersion: sl.rowVersion, result: 'ผล', progress: 'in_progress', percent: 50 },
      };
    },
    unknown: {
      method: 'POST',
      path: `/api/reports/${uuid()}/submit`,
      body: { rowVersion: 1, progress: 'not_started', percent: 0 },
    },
  },
  {
    route: 'POST /api/reports/{id}/review',
    allowed: WRITERS,
    outOfScope: 'forbidden',
    build: async (fx, s) => {
      const sl = await fx.slot(s, 'submitted');
      return {
        method: 'POST',
        path: `/api/reports/${sl.id}/review`,
        body: { decision: 'accept', rowVersion: sl.rowVersion },
      };
    },
    unknown: {
      method: 'POST',
      path: `/api/reports/${uuid()}/review`,
      body: { decision: 'accept', rowVersion: 1 },
    },
  },
  {
    // Evidence is uploaded by the unit's own people; roles on the province are "from above".
    route: 'POST /api/evidence/slots/{slotId}',
    allowed: [],
    outOfScope: 'forbidden',
    build: async (fx, s) => ({
      method: 'POST',
      path: `/api/evidence/slots/${(await fx.slot(s, 'draft')).id}`,
      body: { fileName: 'r.pdf', contentBase64: PDF },
    }),
    unknown: {
      method: 'POST',
      path: `/api/evidence/slots/${uuid()}`,
      body: { fileName: 'r.pdf', contentBase64: PDF },
    },
  },
  {
    route: 'GET /api/evidence/slots/{slotId}',
    allowed: ANY,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({
      method: 'GET',
      path: `/api/evidence/slots/${(await fx.slot(s, 'draft')).id}`,
    }),
    unknown: { method: 'GET', path: `/api/evidence/slots/${uuid()}` },
  },
  {
    route: 'GET /api/evidence/{id}/download',
    allowed: ANY,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({ method: 'GET', path: `/api/evidence/${(await fx.evidence(s)).id}/download` }),
    unknown: { method: 'GET', path: `/api/evidence/${uuid()}/download` },
  },
  {
    route: 'DELETE /api/evidence/{id}',
    allowed: [],
    outOfScope: 'forbidden',
    build: async (fx, s) => ({ method: 'DELETE', path: `/api/evidence/${(await fx.evidence(s)).id}` }),
    unknown: { method: 'DELETE', path: `/api/evidence/${uuid()}` },
  },
  {
    route: 'POST /api/documents',
    allowed: WRITERS,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({
      method: 'POST',
      path: '/api/documents',
      body: { kind: 'plan', subjectType: 'plan', subjectId: (await fx.plan(s, 'approved')).id },
    }),
    unknown: {
      method: 'POST',
      path: '/api/documents',
      body: { kind: 'plan', subjectType: 'plan', subjectId: uuid() },
    },
  },
  {
    route: 'GET /api/documents',
    allowed: ANY,
    outOfScope: 'not-scoped',
    build: async (fx, s) => ({
      method: 'GET',
      path: `/api/documents?subjectId=${(await fx.plan(s, 'approved')).id}`,
    }),
  },
  {
    route: 'GET /api/documents/{id}/{format}',
    allowed: ANY,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({ method: 'GET', path: `/api/documents/${(await fx.document(s)).id}/docx` }),
    unknown: { method: 'GET', path: `/api/documents/${uuid()}/docx` },
  },
  {
    route: 'GET /api/documents/drafts/{kind}/{subjectType}/{subjectId}',
    allowed: ANY,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({
      method: 'GET',
      path: `/api/documents/drafts/memo/plan/${(await fx.plan(s, 'approved')).id}`,
    }),
    unknown: { method: 'GET', path: `/api/documents/drafts/memo/plan/${uuid()}` },
  },
  {
    route: 'PUT /api/documents/drafts/{kind}/{subjectType}/{subjectId}',
    allowed: WRITERS,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({
      method: 'PUT',
      path: `/api/documents/drafts/memo/plan/${(await fx.plan(s, 'approved')).id}`,
      body: { rowVersion: 0, draft: MEMO },
    }),
    unknown: {
      method: 'PUT',
      path: `/api/documents/drafts/memo/plan/${uuid()}`,
      body: { rowVersion: 0, draft: MEMO },
    },
  },
  {
    route: 'GET /api/documents/settings/{organizationId}',
    allowed: ANY,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({ method: 'GET', path: `/api/documents/settings/${(await fx.unit(s)).id}` }),
    unknown: { method: 'GET', path: `/api/documents/settings/${uuid()}` },
  },
  {
    route: 'PUT /api/documents/settings/{organizationId}/options/{kind}',
    allowed: WRITERS,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({
      method: 'PUT',
      path: `/api/documents/settings/${(await fx.unit(s)).id}/options/plan`,
      body: { digits: 'arabic' },
    }),
    unknown: { method: 'PUT', path: `/api/documents/settings/${uuid()}/options/plan`, body: {} },
  },
  {
    route: 'PUT /api/documents/settings/{organizationId}/profile',
    allowed: WRITERS,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({
      method: 'PUT',
      path: `/api/documents/settings/${(await fx.unit(s)).id}/profile`,
      body: { phone: '0 5551 1234' },
    }),
    unknown: { method: 'PUT', path: `/api/documents/settings/${uuid()}/profile`, body: {} },
  },
  {
    route: 'PUT /api/documents/settings/{organizationId}/emblem',
    allowed: WRITERS,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({
      method: 'PUT',
      path: `/api/documents/settings/${(await fx.unit(s)).id}/emblem`,
      body: { contentBase64: PNG },
    }),
    unknown: {
      method: 'PUT',
      path: `/api/documents/settings/${uuid()}/emblem`,
      body: { contentBase64: PNG },
    },
  },
  {
    route: 'DELETE /api/documents/settings/{organizationId}/emblem',
    allowed: WRITERS,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({
      method: 'DELETE',
      path: `/api/documents/settings/${(await fx.withEmblem(s)).id}/emblem`,
    }),
    unknown: { method: 'DELETE', path: `/api/documents/settings/${uuid()}/emblem` },
  },
  {
    route: 'GET /api/documents/settings/{organizationId}/emblem',
    allowed: ANY,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({
      method: 'GET',
      path: `/api/documents/settings/${(await fx.withEmblem(s)).id}/emblem`,
    }),
    unknown: { method: 'GET', path: `/api/documents/settings/${uuid()}/emblem` },
  },
  {
    // The fonts folder serves the whole deployment: only a deployment-wide admin adds to it.
    route: 'POST /api/documents/fonts',
    allowed: [],
    outOfScope: 'not-scoped',
    build: async () => ({
      method: 'POST',
      path: '/api/documents/fonts',
      body: { fileName: 'x.ttf', contentBase64: PNG },
    }),
  },
  {
    route: 'GET /api/oit/{organizationId}/{fiscalYear}',
    allowed: ANY,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({ method: 'GET', path: `/api/oit/${(await fx.unit(s)).id}/2569` }),
    unknown: { method: 'GET', path: `/api/oit/${uuid()}/2569` },
  },
  {
    route: 'PUT /api/oit/{organizationId}/{fiscalYear}/items/{code}',
    allowed: WRITERS,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({
      method: 'PUT',
      path: `/api/oit/${(await fx.unit(s)).id}/2569/items/o1`,
      body: { rowVersion: 0, url: 'https://www.example.go.th/ita/o1', status: 'in_progress' },
    }),
    unknown: {
      method: 'PUT',
      path: `/api/oit/${uuid()}/2569/items/o1`,
      body: { rowVersion: 0, url: null, status: 'ready' },
    },
  },
  {
    // A fresh organisation has no links, so the check opens nothing.
    route: 'POST /api/oit/{organizationId}/{fiscalYear}/check',
    allowed: WRITERS,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({ method: 'POST', path: `/api/oit/${(await fx.unit(s)).id}/2569/check` }),
    unknown: { method: 'POST', path: `/api/oit/${uuid()}/2569/check` },
  },
  {
    route: 'GET /api/oit/{organizationId}/{fiscalYear}/export',
    allowed: ANY,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({ method: 'GET', path: `/api/oit/${(await fx.unit(s)).id}/2569/export` }),
    unknown: { method: 'GET', path: `/api/oit/${uuid()}/2569/export` },
  },
  {
    route: 'POST /api/publications',
    allowed: WRITERS,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({
      method: 'POST',
      path: '/api/publications',
      body: { kind: 'plan', subjectId: (await fx.plan(s, 'approved')).id },
    }),
    unknown: { method: 'POST', path: '/api/publications', body: { kind: 'plan', subjectId: uuid() } },
  },
  {
    route: 'POST /api/publications/{id}/withdraw',
    allowed: WRITERS,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({
      method: 'POST',
      path: `/api/publications/${(await fx.publication(s)).id}/withdraw`,
      body: { reason: 'เผยแพร่ผิดฉบับ' },
    }),
    unknown: {
      method: 'POST',
      path: `/api/publications/${uuid()}/withdraw`,
      body: { reason: 'เผยแพร่ผิดฉบับ' },
    },
  },
  {
    route: 'GET /api/publications/sites/{organizationId}',
    allowed: ANY,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({ method: 'GET', path: `/api/publications/sites/${(await fx.unit(s)).id}` }),
    unknown: { method: 'GET', path: `/api/publications/sites/${uuid()}` },
  },
  {
    route: 'PUT /api/publications/sites/{organizationId}',
    allowed: WRITERS,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({
      method: 'PUT',
      path: `/api/publications/sites/${(await fx.unit(s)).id}`,
      body: { slug: `site-${++codeCounter}-${Date.now()}` },
    }),
    unknown: { method: 'PUT', path: `/api/publications/sites/${uuid()}`, body: { slug: 'nobody-here' } },
  },
  {
    route: 'GET /api/audit',
    allowed: ADMIN,
    outOfScope: 'not-scoped',
    build: async () => ({ method: 'GET', path: '/api/audit' }),
  },
  // LINE notifications (issue 16): agency accounts are connected through the local LINE server.
  // Electronic signatures (decision 024).
  {
    route: 'GET /api/signatures',
    allowed: ANY,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({
      method: 'GET',
      path: `/api/signatures?planId=${(await fx.plan(s, 'approved')).id}`,
    }),
    unknown: { method: 'GET', path: `/api/signatures?planId=${uuid()}` },
  },
  {
    route: 'GET /api/signatures/suggested-position',
    allowed: ANY,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({
      method: 'GET',
      path: `/api/signatures/suggested-position?planId=${(await fx.plan(s, 'submitted')).id}`,
    }),
    unknown: { method: 'GET', path: `/api/signatures/suggested-position?planId=${uuid()}` },
  },
  {
    route: 'POST /api/signatures/rounds/{roundId}/acknowledgement',
    allowed: ['executive'],
    outOfScope: 'forbidden',
    build: async (fx, s) => ({
      method: 'POST',
      path: `/api/signatures/rounds/${(await fx.round(s, 'closed')).id}/acknowledgement`,
      body: { signerPosition: 'ผู้ว่าราชการจังหวัด' },
    }),
    unknown: { method: 'POST', path: `/api/signatures/rounds/${uuid()}/acknowledgement`, body: {} },
  },
  {
    // Someone else's signature: only an admin of the organisation may revoke it (its signer may too).
    route: 'POST /api/signatures/{id}/revocation',
    allowed: ADMIN,
    outOfScope: 'forbidden',
    build: async (fx, s) => {
      const p = await fx.plan(s, 'approved');
      const [plan] = await t.db.select().from(plans).where(eq(plans.id, p.id));
      const signer = await fx.member(s);
      const [row] = await t.db
        .insert(signatures)
        .values({
          code: `AZ${String(++codeCounter).padStart(8, '0')}`,
          action: 'plan.approve',
          subjectType: 'plan',
          subjectId: p.id,
          organizationId: plan!.organizationId,
          canonicalForm: 'plan-version/1',
          contentSha256: '0'.repeat(64),
          signerUserId: signer.id,
          signerName: 'ผู้ลงนาม',
          signerPosition: 'ผู้ว่าราชการจังหวัด',
          verifiedBy: 'password',
        })
        .returning();
      return {
        method: 'POST',
        path: `/api/signatures/${row!.id}/revocation`,
        body: { reason: 'ลงนามผิดฉบับ' },
      };
    },
    unknown: { method: 'POST', path: `/api/signatures/${uuid()}/revocation`, body: { reason: 'ลงนามผิดฉบับ' } },
  },
  {
    route: 'GET /api/line/settings',
    allowed: ANY,
    outOfScope: 'not-scoped',
    build: async () => ({ method: 'GET', path: '/api/line/settings' }),
  },
  {
    route: 'GET /api/line/settings/{organizationId}',
    allowed: WRITERS,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({ method: 'GET', path: `/api/line/settings/${(await fx.unit(s)).id}` }),
    unknown: { method: 'GET', path: `/api/line/settings/${uuid()}` },
  },
  {
    route: 'PUT /api/line/settings/{organizationId}',
    allowed: WRITERS,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({
      method: 'PUT',
      path: `/api/line/settings/${(await fx.unit(s)).id}`,
      body: { channelSecret: LINE_SECRET, accessToken: lineApi.addBot().token },
    }),
    unknown: {
      method: 'PUT',
      path: `/api/line/settings/${uuid()}`,
      body: { channelSecret: 'ab'.repeat(16), accessToken: 'a-token-of-twenty-characters-or-more' },
    },
  },
  {
    route: 'DELETE /api/line/settings/{organizationId}',
    allowed: WRITERS,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({
      method: 'DELETE',
      path: `/api/line/settings/${(await lineAccount(fx.unit(s))).org}`,
    }),
    unknown: { method: 'DELETE', path: `/api/line/settings/${uuid()}` },
  },
  {
    route: 'GET /api/line/me',
    allowed: ANY,
    outOfScope: 'not-scoped',
    build: async () => ({ method: 'GET', path: '/api/line/me' }),
  },
  {
    route: 'PUT /api/line/me/notify',
    allowed: ANY,
    outOfScope: 'not-scoped',
    build: async () => ({ method: 'PUT', path: '/api/line/me/notify', body: { notify: 'both' } }),
  },
  {
    route: 'POST /api/line/me/codes',
    allowed: ANY,
    outOfScope: 'forbidden',
    build: async (fx, s) => ({
      method: 'POST',
      path: '/api/line/me/codes',
      body: { channelId: (await lineAccount(Promise.resolve(fx.parent(s)))).channelId },
    }),
    unknown: { method: 'POST', path: '/api/line/me/codes', body: { channelId: uuid() } },
  },
  {
    route: 'POST /api/line/group-codes',
    allowed: ['admin', 'secretariat', 'unit_reporter'],
    outOfScope: 'forbidden',
    build: async (fx, s) => {
      await lineAccount(Promise.resolve(fx.parent(s)));
      return { method: 'POST', path: '/api/line/group-codes', body: { unitId: (await fx.unit(s)).id } };
    },
    unknown: { method: 'POST', path: '/api/line/group-codes', body: { unitId: uuid() } },
  },
  {
    route: 'DELETE /api/line/links/{id}',
    allowed: ['admin', 'secretariat', 'unit_reporter'],
    outOfScope: 'forbidden',
    build: async (fx, s) => {
      const unit = await fx.unit(s);
      const { channelId } = await lineAccount(Promise.resolve(fx.parent(s)));
      const [link] = await t.db
        .insert(lineLinks)
        .values({ channelId, kind: 'group', lineId: lineGroupId(), organizationId: unit.id })
        .returning();
      return { method: 'DELETE', path: `/api/line/links/${link!.id}` };
    },
    unknown: { method: 'DELETE', path: `/api/line/links/${uuid()}` },
  },
  // Identity providers (decision 025): a deployment-wide admin's; an admin of one province may not.
  {
    route: 'GET /api/identity/providers',
    allowed: [],
    outOfScope: 'not-scoped',
    build: async () => ({ method: 'GET', path: '/api/identity/providers' }),
  },
  {
    route: 'POST /api/identity/providers',
    allowed: [],
    outOfScope: 'not-scoped',
    build: async (fx, s) => ({
      method: 'POST',
      path: '/api/identity/providers',
      body: {
        name: 'ThaID',
        kind: 'thaid',
        issuer: 'https://idp.invalid',
        clientId: 'prongsai',
        clientSecret: 'a-client-secret',
        scopes: 'openid pid',
        firstSignIn: 'match_email',
        organizationIds: [fx.parent(s).id],
      },
    }),
  },
  {
    route: 'PATCH /api/identity/providers/{id}',
    allowed: [],
    outOfScope: 'not-scoped',
    build: async () => {
      const [row] = await t.db
        .insert(identityProviders)
        .values({
          name: 'บัญชีกระทรวง',
          kind: 'oidc',
          issuer: 'https://idp.invalid',
          clientId: 'prongsai',
          scopes: 'openid email',
          firstSignIn: 'match_email',
        })
        .returning();
      return {
        method: 'PATCH',
        path: `/api/identity/providers/${row!.id}`,
        body: { version: 1, enabled: false },
      };
    },
  },
  {
    // An admin records the citizen ID of someone holding a role in their organisations (only its hash is kept).
    route: 'PUT /api/identity/citizen-ids/{id}',
    allowed: ADMIN,
    outOfScope: 'forbidden',
    build: async (fx, s) => {
      const person = await t.user([{ role: 'unit_reporter', on: await fx.unit(s) }]);
      return { method: 'PUT', path: `/api/identity/citizen-ids/${person.id}`, body: { citizenId: '' } };
    },
    unknown: { method: 'PUT', path: `/api/identity/citizen-ids/${uuid()}`, body: { citizenId: '' } },
  },
];

const LINE_SECRET = 'ab'.repeat(16);
let lineApi: LineApiServer;
/** The organisation's LINE account, connected (again) by a deployment administrator. */
async function lineAccount(on: Promise<TestOrg>) {
  const org = (await on).id;
  const root = await t.signedIn([{ role: 'admin', on: null }]);
  const res = await root.put(`/api/line/settings/${org}`, {
    channelSecret: LINE_SECRET,
    accessToken: lineApi.addBot().token,
  });
  if (res.status !== 200) throw new Error(`LINE fixture: ${res.status} ${await res.text()}`);
  return { org, channelId: (await json(res)).channel.id as string };
}

const PUBLIC_ROUTES = [
  'GET /api/auth/setup',
  'POST /api/auth/setup',
  'POST /api/auth/sign-in',
  // The sign-in page's provider buttons (name and kind of the enabled ones; no secrets).
  'GET /api/auth/oidc/providers',
];

let t: TestContext;
let home: TestOrg;
let other: TestOrg;
let fx: Fx;
let rootAdmin: { id: string };

beforeAll(async () => {
  lineApi = await startLineApiServer();
  t = await createTestContext({ config: { lineApiUrl: lineApi.url } });
  const { loadBundledEditions } = await import('../src/server/modules/catalogue/catalogue.service.ts');
  await loadBundledEditions(t.db);
  rootAdmin = await t.user([{ role: 'admin', on: null }]);
  home = await t.org(null, { nameTh: 'จังหวัดบ้าน' });
  other = await t.org(null, { nameTh: 'จังหวัดอื่นลับเฉพาะ' });
  const parent = (s: Scope) => (s === 'in' ? home : other);
  fx = {
    parent,
    unit: (s) => t.org(parent(s)),
    async plan(s, status) {
      const org = await t.org(parent(s));
      const unit = await t.org(org);
      const row = await storePlan(t.db, org.id, unit.id, status);
      return { id: row.id, rowVersion: row.rowVersion, unitId: unit.id };
    },
    async round(s, status) {
      const p = await this.plan(s, 'circulated');
      const [r] = await t.db
        .insert(rounds)
        .values({
          planId: p.id,
          kind: '6m',
          labelTh: 'รอบ ๖ เดือน',
          periodStart: '2024-10-01',
          periodEnd: '2025-03-31',
          dueDate: '2025-04-05',
          status,
        })
        .returning();
      if (status !== 'draft')
        await t.db.insert(reportSlots).values({ roundId: r!.id, measureId: 'm1', unitId: p.unitId });
      return { id: r!.id, rowVersion: r!.rowVersion, planId: p.id };
    },
    async evidence(s) {
      const r = await this.round(s, 'open');
      const [slot] = await t.db.select().from(reportSlots).where(eq(reportSlots.roundId, r.id));
      const [unit] = await t.db.select().from(organizations).where(eq(organizations.id, slot!.unitId));
      const reporter = await t.signedIn([
        { role: 'unit_reporter', on: { id: unit!.id, path: unit!.path, code: unit!.code } },
      ]);
      const uploaded = await reporter.post(`/api/evidence/slots/${slot!.id}`, {
        fileName: 'หลักฐาน.pdf',
        contentBase64: PDF,
      });
      if (uploaded.status !== 201)
        throw new Error(`upload fixture: ${uploaded.status} ${await uploaded.text()}`);
      return { id: (await json(uploaded)).id };
    },
    async slot(s, state) {
      const r = await this.round(s, 'open');
      const [slot] = await t.db.select().from(reportSlots).where(eq(reportSlots.roundId, r.id));
      const [updated] = await t.db
        .update(reportSlots)
        .set({ state })
        .where(eq(reportSlots.id, slot!.id))
        .returning();
      return { id: updated!.id, rowVersion: updated!.rowVersion };
    },
    async result(s) {
      return storeResult(t.db, (await t.org(parent(s))).id, 2566, indicatorScores([70]));
    },
    async analysis(s) {
      const result = await storeResult(t.db, (await t.org(parent(s))).id, 2566, indicatorScores([70]));
      return storeAnalysis(t.db, await t.actorFor(rootAdmin.id), result.id);
    },
    async document(s) {
      const plan = await this.plan(s, 'approved');
      const root = await t.signedIn([{ role: 'admin', on: null }]);
      const made = await root.post('/api/documents', {
        kind: 'plan',
        subjectType: 'plan',
        subjectId: plan.id,
      });
      if (made.status !== 200) throw new Error(`document fixture: ${made.status} ${await made.text()}`);
      return { id: (await json(made)).document.id };
    },
    async publication(s) {
      const plan = await this.plan(s, 'approved');
      const root = await t.signedIn([{ role: 'admin', on: null }]);
      const made = await root.post('/api/publications', { kind: 'plan', subjectId: plan.id });
      if (made.status !== 200) throw new Error(`publication fixture: ${made.status} ${await made.text()}`);
      return { id: (await json(made)).publication.id };
    },
    async withEmblem(s) {
      const org = await t.org(parent(s));
      const root = await t.signedIn([{ role: 'admin', on: null }]);
      const set = await root.put(`/api/documents/settings/${org.id}/emblem`, { contentBase64: PNG });
      if (set.status !== 204) throw new Error(`emblem fixture: ${set.status} ${await set.text()}`);
      return org;
    },
    async member(s) {
      const u = await t.user([{ role: 'viewer', on: await t.org(parent(s)) }]);
      const [a] = await t.db.select().from(roleAssignments).where(eq(roleAssignments.userId, u.id));
      return { id: u.id, assignmentId: a!.id };
    },
  };
});
afterAll(async () => {
  await t.close();
  await lineApi?.close();
});

async function send(
  client: Awaited<ReturnType<TestContext['signedIn']>> | ReturnType<TestContext['client']>,
  req: Req,
) {
  return client.request(req.method, req.path, req.body ?? (req.method === 'GET' ? undefined : {}));
}

async function expectBareError(response: Response, status: number) {
  expect(response.status).toBe(status);
  const body = await json(response);
  expect(Object.keys(body)).toEqual(['error']);
  expect(JSON.stringify(body)).not.toContain('จังหวัดอื่นลับเฉพาะ');
}

describe('authorization table', () => {
  it('covers every route the API describes', async () => {
    const spec = await json(await t.client().get('/api/openapi.json'));
    const described = Object.entries(spec.paths as Record<string, object>).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const covered = [...CASES.map((c) => c.route), ...PUBLIC_ROUTES];
    expect(described.sort()).toEqual(covered.sort());
  });

  for (const c of CASES) {
    describe(c.route, () => {
      it('asks anonymous callers to sign in', async () => {
        const req = await c.build(fx, 'in');
        const r = await send(t.client(), req);
        expect(r.status).toBe(401);
      });

      for (const role of ROLES) {
        const allowed = c.allowed.includes(role);
        it(`${role}: ${allowed ? 'allowed' : 'forbidden'} inside its organisation`, async () => {
          const caller = await t.signedIn([{ role, on: home }]);
          const r = await send(caller, await c.build(fx, 'in'));
          if (allowed) expect(r.status, await r.clone().text()).toBeLessThan(300);
          else await expectBareError(r, 403);
        });
        if (c.outOfScope === 'forbidden') {
          it(`${role}: forbidden outside its organisation`, async () => {
            const caller = await t.signedIn([{ role, on: home }]);
            await expectBareError(await send(caller, await c.build(fx, 'out')), 403);
          });
        }
      }

      if (c.unknown) {
        it('answers 404 for an unknown record', async () => {
          const root = await t.signedIn([{ role: 'admin', on: null }]);
          await expectBareError(await send(root, c.unknown!), 404);
        });
      }
    });
  }

  it('filters lists to the caller’s organisations', async () => {
    for (const role of ROLES) {
      const caller = await t.signedIn([{ role, on: home }]);
      const orgs = await json<{ id: string }[]>(await caller.get('/api/organizations'));
      expect(orgs.some((o) => o.id === home.id)).toBe(true);
      expect(orgs.some((o) => o.id === other.id)).toBe(false);
    }
    const admin = await t.signedIn([{ role: 'admin', on: home }]);
    const outsider = await fx.member('out');
    const { items: users } = await json<{ items: { id: string }[] }>(await admin.get('/api/users'));
    expect(users.some((u) => u.id === outsider.id)).toBe(false);
  });
});
