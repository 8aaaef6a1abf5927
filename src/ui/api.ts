/**
 * The only place in the UI that talks to the server. Every call goes through the typed Hono client
 * (`hc<ApiType>`), so request bodies and response bodies are checked against the server's routes at
 * compile time; a failed call throws an ApiRequestError carrying the server's ApiError.
 */
import { type ClientResponse, hc } from 'hono/client';
import type { SuccessStatusCode } from 'hono/utils/http-status';
import type { AuditQuery } from '#shared/audit/contract.ts';
import { type ApiError, type ErrorDetail, isApiError } from '#shared/http/api-error.ts';
import type { ApiType } from '../server/app.ts';

export type ApiErrorBody = ApiError['error'];

/** A request the server refused (or that never reached it: status 0, code `network_error`). */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message_en);
    this.name = 'ApiRequestError';
  }

  get code(): string {
    return this.body.code;
  }

  get details(): ErrorDetail[] {
    return this.body.details;
  }

  message_in(lang: 'th' | 'en'): string {
    return lang === 'th' ? this.body.message_th : this.body.message_en;
  }
}

export function isApiRequestError(error: unknown): error is ApiRequestError {
  return error instanceof ApiRequestError;
}

/** The session's CSRF token, sent as X-CSRF-Token with every change; set from /auth/me, sign-in and setup. */
let csrfToken: string | null = null;

function setCsrfToken(token: string | null) {
  csrfToken = token;
}

const client = hc<ApiType>('/api', {
  headers: (): Record<string, string> => (csrfToken ? { 'X-CSRF-Token': csrfToken } : {}),
  init: { credentials: 'same-origin' },
});

type AnyClientResponse = ClientResponse<unknown, number, string>;

/** The body of the success answers of a typed call (the error answers are thrown). */
export type SuccessBody<R> =
  R extends ClientResponse<infer T, infer S, infer _F>
    ? S extends 204
      ? undefined
      : S extends SuccessStatusCode
        ? T
        : never
    : never;

const networkError = (): ApiErrorBody => ({
  code: 'network_error',
  message_th: 'ติดต่อเซิร์ฟเวอร์ไม่ได้ กรุณาตรวจสอบการเชื่อมต่อแล้วลองใหม่',
  message_en: 'Could not reach the server; check the connection and try again',
  details: [],
});

const unexpectedError = (status: number): ApiErrorBody => ({
  code: 'unexpected_response',
  message_th: `เซิร์ฟเวอร์ตอบกลับไม่ถูกต้อง (HTTP ${status})`,
  message_en: `Unexpected answer from the server (HTTP ${status})`,
  details: [],
});

async function unwrap<R extends AnyClientResponse>(request: Promise<R>): Promise<SuccessBody<R>> {
  let response: R;
  try {
    response = await request;
  } catch {
    throw new ApiRequestError(0, networkError());
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    throw new ApiRequestError(
      response.status,
      isApiError(body) ? body.error : unexpectedError(response.status),
    );
  }
  if (response.status === 204) return undefined as SuccessBody<R>;
  return (await response.json()) as SuccessBody<R>;
}

// biome-ignore lint/suspicious/noExplicitAny: matches any client method to read its JSON body type
type JsonOf<F extends (...args: any[]) => unknown> = Parameters<F>[0] extends { json: infer J } ? J : never;

/** Query keys, so that pages invalidate the same caches the fetches fill. */
export const queryKeys = {
  setup: ['auth', 'setup'] as const,
  me: ['auth', 'me'] as const,
  organizations: ['organizations'] as const,
  users: ['users'] as const,
  editions: ['catalogue', 'editions'] as const,
  edition: (fiscalYear: number) => ['catalogue', 'editions', fiscalYear] as const,
  editionWithSupplied: (fiscalYear: number) =>
    ['catalogue', 'editions', fiscalYear, 'with-supplied'] as const,
  supplied: (fiscalYear: number) => ['catalogue', 'supplied', fiscalYear] as const,
  audit: (filters: AuditFilters) => ['audit', filters] as const,
  results: (filters: ResultFilters) => ['assessments', 'list', filters] as const,
  result: (id: string) => ['assessments', 'one', id] as const,
  province: (organizationId: string, fiscalYear: number, urgentBelow: number) =>
    ['assessments', 'province', organizationId, fiscalYear, urgentBelow] as const,
  resultAnalyses: (resultId: string) => ['assessments', 'analyses', resultId] as const,
  analysis: (id: string) => ['analyses', id] as const,
  plans: (filters: PlanFilters) => ['plans', 'list', filters] as const,
  plan: (id: string) => ['plans', 'one', id] as const,
  planSuggestions: (id: string) => ['plans', 'suggestions', id] as const,
  planDiff: (id: string, otherId: string) => ['plans', 'diff', id, otherId] as const,
  inbox: ['plans', 'inbox'] as const,
  rounds: (planId: string) => ['rounds', 'list', planId] as const,
  rollup: (roundId: string) => ['rounds', 'rollup', roundId] as const,
  myReports: ['reports', 'mine'] as const,
  report: (id: string) => ['reports', 'one', id] as const,
  evidence: (slotId: string) => ['evidence', slotId] as const,
  oit: (organizationId: string, fiscalYear: number) => ['oit', organizationId, fiscalYear] as const,
  /** What waits for the signed-in person (งานของฉัน); every successful change invalidates it (AppLayout). */
  home: ['home'] as const,
  latestResultYear: (organizationId: string) => ['home', 'latest-result-year', organizationId] as const,
  nationalRoots: ['national', 'roots'] as const,
  national: (organizationId: string, fiscalYear: number | undefined) =>
    ['national', organizationId, fiscalYear ?? 'latest'] as const,
};

/** Filters of the plans list: an organisation (with everything below it, or alone) and a fiscal year. */
export type PlanFilters = { organizationId?: string; fiscalYear?: number; only?: 'subtree' | 'organization' };

/** Filters of the results list: an organisation (with everything below it) and a fiscal year. */
export type ResultFilters = { organizationId?: string; fiscalYear?: number };

/** Query string of the import-template download (a plain link: the session cookie goes with it). */
export type TemplateQuery = {
  editionYear: number;
  layout: 'long' | 'wide';
  format: 'csv' | 'xlsx';
  organizationId?: string;
};

/** Audit filters as the UI holds them; dates are ISO date-times with an offset. */
export type AuditFilters = Pick<AuditQuery, 'entityType' | 'action' | 'from' | 'to'> & { beforeId?: number };

const auth = client.auth;
const assessments = client.assessments;
const analyses = client.analyses;
const orgs = client.organizations;
const users = client.users;
const plans = client.plans;
const rounds = client.rounds;
const reports = client.reports;
const evidence = client.evidence;

export const api = {
  auth: {
    setupStatus: () => unwrap(auth.setup.$get()),
    createFirstAdmin: async (json: JsonOf<typeof auth.setup.$post>) => {
      const me = await unwrap(auth.setup.$post({ json }));
      setCsrfToken(me.csrfToken);
      return me;
    },
    signIn: async (json: JsonOf<(typeof auth)['sign-in']['$post']>) => {
      const me = await unwrap(auth['sign-in'].$post({ json }));
      setCsrfToken(me.csrfToken);
      return me;
    },
    signOut: async () => {
      try {
        await unwrap(auth['sign-out'].$post());
      } finally {
        setCsrfToken(null);
      }
    },
    /** The signed-in user with the CSRF token, or null when there is no session. */
    me: async () => {
      try {
        const me = await unwrap(auth.me.$get());
        setCsrfToken(me.csrfToken);
        return me;
      } catch (error) {
        if (error instanceof ApiRequestError && error.status === 401) {
          setCsrfToken(null);
          return null;
        }
        throw error;
      }
    },
  },
  organizations: {
    list: () => unwrap(orgs.$get()),
    create: (json: JsonOf<typeof orgs.$post>) => unwrap(orgs.$post({ json })),
    update: (id: string, json: JsonOf<(typeof orgs)[':id']['$patch']>) =>
      unwrap(orgs[':id'].$patch({ param: { id }, json })),
    move: (id: string, json: JsonOf<(typeof orgs)[':id']['move']['$post']>) =>
      unwrap(orgs[':id'].move.$post({ param: { id }, json })),
    deactivate: (id: string, version: number) =>
      unwrap(orgs[':id'].deactivate.$post({ param: { id }, json: { version } })),
    reactivate: (id: string, version: number) =>
      unwrap(orgs[':id'].reactivate.$post({ param: { id }, json: { version } })),
  },
  users: {
    /** One page of users (`cursor` from the page before; none for the first). */
    list: (cursor?: string) => unwrap(users.$get({ query: cursor ? { cursor } : {} })),
    create: (json: JsonOf<typeof users.$post>) => unwrap(users.$post({ json })),
    update: (id: string, json: JsonOf<(typeof users)[':id']['$patch']>) =>
      unwrap(users[':id'].$patch({ param: { id }, json })),
    setPassword: (id: string, json: JsonOf<(typeof users)[':id']['password']['$post']>) =>
      unwrap(users[':id'].password.$post({ param: { id }, json })),
    grantRole: (id: string, json: JsonOf<(typeof users)[':id']['roles']['$post']>) =>
      unwrap(users[':id'].roles.$post({ param: { id }, json })),
    revokeRole: (id: string, assignmentId: string) =>
      unwrap(users[':id'].roles[':assignmentId'].$delete({ param: { id, assignmentId } })),
  },
  catalogue: {
    editions: () => unwrap(client.catalogue.editions.$get()),
    edition: (fiscalYear: number) =>
      unwrap(client.catalogue.editions[':fiscalYear'].$get({ param: { fiscalYear: String(fiscalYear) } })),
    importEdition: (yaml: string) => unwrap(client.catalogue.editions.$post({ json: { yaml } })),
    /** The edition with the questions and wording agencies supplied laid over it (entry form). */
    editionWithSupplied: (fiscalYear: number) =>
      unwrap(
        client.catalogue.editions[':fiscalYear']['with-supplied'].$get({
          param: { fiscalYear: String(fiscalYear) },
        }),
      ),
    supplied: (fiscalYear: number) =>
      unwrap(
        client.catalogue.editions[':fiscalYear'].supplied.$get({ param: { fiscalYear: String(fiscalYear) } }),
      ),
    acceptSupplied: (fiscalYear: number, codes?: string[]) =>
      unwrap(
        client.catalogue.editions[':fiscalYear'].supplied.accept.$post({
          param: { fiscalYear: String(fiscalYear) },
          json: codes ? { codes } : {},
        }),
      ),
    /** A framework workbook (XLSX): preview (commit false) or import all or nothing (commit true). */
    importFramework: (json: JsonOf<(typeof client.catalogue.framework)['import']['$post']>) =>
      unwrap(client.catalogue.framework.import.$post({ json })),
    /** Download links (plain links: the session cookie goes with them). */
    frameworkTemplateUrl: () => '/api/catalogue/framework/template',
    editionXlsxUrl: (fiscalYear: number) => `/api/catalogue/editions/${encodeURIComponent(fiscalYear)}/xlsx`,
  },
  assessments: {
    /** One page of results (`cursor` from the page before; none for the first). */
    list: (filters: ResultFilters, cursor?: string) => {
      const query: Record<string, string> = {};
      if (filters.organizationId) query.organizationId = filters.organizationId;
      if (filters.fiscalYear) query.fiscalYear = String(filters.fiscalYear);
      if (cursor) query.cursor = cursor;
      return unwrap(assessments.$get({ query }));
    },
    get: (id: string) => unwrap(assessments[':id'].$get({ param: { id } })),
    save: (json: JsonOf<typeof assessments.$put>) => unwrap(assessments.$put({ json })),
    importFile: (json: JsonOf<typeof assessments.import.$post>) => unwrap(assessments.import.$post({ json })),
    province: (organizationId: string, fiscalYear: number, urgentBelow: number) =>
      unwrap(
        assessments.province[':organizationId'][':fiscalYear'].$get({
          param: { organizationId, fiscalYear: String(fiscalYear) },
          query: { urgentBelow: String(urgentBelow) },
        }),
      ),
    analyses: (resultId: string) => unwrap(assessments[':id'].analyses.$get({ param: { id: resultId } })),
    createAnalysis: (resultId: string, json: JsonOf<(typeof assessments)[':id']['analyses']['$post']>) =>
      unwrap(assessments[':id'].analyses.$post({ param: { id: resultId }, json })),
    templateUrl: (query: TemplateQuery) => {
      const params = new URLSearchParams({
        editionYear: String(query.editionYear),
        layout: query.layout,
        format: query.format,
      });
      if (query.organizationId) params.set('organizationId', query.organizationId);
      return `/api/assessments/template?${params.toString()}`;
    },
  },
  analyses: {
    get: (id: string) => unwrap(analyses[':id'].$get({ param: { id } })),
    update: (id: string, json: JsonOf<(typeof analyses)[':id']['$patch']>) =>
      unwrap(analyses[':id'].$patch({ param: { id }, json })),
    saveNarrative: (id: string, findingKey: string, text: string) =>
      unwrap(analyses[':id'].narratives[':findingKey'].$put({ param: { id, findingKey }, json: { text } })),
  },
  plans: {
    /** One page of plans (`cursor` from the page before; none for the first). */
    list: (filters: PlanFilters, cursor?: string) => {
      const query: Record<string, string> = {};
      if (filters.organizationId) query.organizationId = filters.organizationId;
      if (filters.fiscalYear) query.fiscalYear = String(filters.fiscalYear);
      if (filters.only) query.only = filters.only;
      if (cursor) query.cursor = cursor;
      return unwrap(plans.$get({ query }));
    },
    create: (json: JsonOf<typeof plans.$post>) => unwrap(plans.$post({ json })),
    get: (id: string) => unwrap(plans[':id'].$get({ param: { id } })),
    save: (id: string, json: JsonOf<(typeof plans)[':id']['$put']>) =>
      unwrap(plans[':id'].$put({ param: { id }, json })),
    suggestions: (id: string) => unwrap(plans[':id'].suggestions.$get({ param: { id } })),
    submit: (id: string, json: JsonOf<(typeof plans)[':id']['submit']['$post']>) =>
      unwrap(plans[':id'].submit.$post({ param: { id }, json })),
    decide: (id: string, json: JsonOf<(typeof plans)[':id']['decision']['$post']>) =>
      unwrap(plans[':id'].decision.$post({ param: { id }, json })),
    circulate: (id: string, rowVersion: number) =>
      unwrap(plans[':id'].circulate.$post({ param: { id }, json: { rowVersion } })),
    newVersion: (id: string) => unwrap(plans[':id'].versions.$post({ param: { id } })),
    /** Who the next steps reach: approvers, and the units with their reporters (for confirmations). */
    audience: (id: string) => unwrap(plans[':id'].audience.$get({ param: { id } })),
    diff: (id: string, otherId: string) =>
      unwrap(plans[':id'].diff[':otherId'].$get({ param: { id, otherId } })),
    inbox: () => unwrap(plans.inbox.$get()),
    acknowledge: (id: string, unitId: string) =>
      unwrap(plans[':id'].acknowledgements[':unitId'].$post({ param: { id, unitId } })),
  },
  rounds: {
    list: (planId: string) => unwrap(rounds.$get({ query: { planId } })),
    create: (json: JsonOf<typeof rounds.$post>) => unwrap(rounds.$post({ json })),
    open: (id: string, rowVersion: number) =>
      unwrap(rounds[':id'].open.$post({ param: { id }, json: { rowVersion } })),
    close: (id: string, rowVersion: number) =>
      unwrap(rounds[':id'].close.$post({ param: { id }, json: { rowVersion } })),
    reopen: (id: string, rowVersion: number, reason: string) =>
      unwrap(rounds[':id'].reopen.$post({ param: { id }, json: { rowVersion, reason } })),
    rollup: (id: string) => unwrap(rounds[':id'].rollup.$get({ param: { id } })),
  },
  reports: {
    mine: () => unwrap(reports.mine.$get()),
    get: (id: string) => unwrap(reports[':id'].$get({ param: { id } })),
    save: (id: string, json: JsonOf<(typeof reports)[':id']['$put']>) =>
      unwrap(reports[':id'].$put({ param: { id }, json })),
    submit: (id: string, json: JsonOf<(typeof reports)[':id']['submit']['$post']>) =>
      unwrap(reports[':id'].submit.$post({ param: { id }, json })),
    review: (id: string, json: JsonOf<(typeof reports)[':id']['review']['$post']>) =>
      unwrap(reports[':id'].review.$post({ param: { id }, json })),
  },
  evidence: {
    list: (slotId: string) => unwrap(evidence.slots[':slotId'].$get({ param: { slotId } })),
    upload: (slotId: string, json: JsonOf<(typeof evidence)['slots'][':slotId']['$post']>) =>
      unwrap(evidence.slots[':slotId'].$post({ param: { slotId }, json })),
    remove: (id: string) => unwrap(evidence[':id'].$delete({ param: { id } })),
    downloadUrl: (id: string) => `/api/evidence/${encodeURIComponent(id)}/download`,
  },
  /** Official documents (DOCX/PDF/XLSX) about an analysis, a plan or a round; their texts and settings. */
  documents: {
    generate: (json: JsonOf<typeof client.documents.$post>) => unwrap(client.documents.$post({ json })),
    versions: (subjectId: string) => unwrap(client.documents.$get({ query: { subjectId } })),
    draft: (kind: 'memo' | 'circular', subjectType: 'analysis' | 'plan' | 'round', subjectId: string) =>
      unwrap(
        client.documents.drafts[':kind'][':subjectType'][':subjectId'].$get({
          param: { kind, subjectType, subjectId },
        }),
      ),
    saveDraft: (
      kind: 'memo' | 'circular',
      subjectType: 'analysis' | 'plan' | 'round',
      subjectId: string,
      json: JsonOf<(typeof client.documents.drafts)[':kind'][':subjectType'][':subjectId']['$put']>,
    ) =>
      unwrap(
        client.documents.drafts[':kind'][':subjectType'][':subjectId'].$put({
          param: { kind, subjectType, subjectId },
          json,
        }),
      ),
    settings: (organizationId: string) =>
      unwrap(client.documents.settings[':organizationId'].$get({ param: { organizationId } })),
    setEmblem: (organizationId: string, contentBase64: string) =>
      unwrap(
        client.documents.settings[':organizationId'].emblem.$put({
          param: { organizationId },
          json: { contentBase64 },
        }),
      ),
    saveProfile: (
      organizationId: string,
      json: JsonOf<(typeof client.documents.settings)[':organizationId']['profile']['$put']>,
    ) =>
      unwrap(client.documents.settings[':organizationId'].profile.$put({ param: { organizationId }, json })),
    removeEmblem: (organizationId: string) =>
      unwrap(client.documents.settings[':organizationId'].emblem.$delete({ param: { organizationId } })),
    /** A PDF shown inside the page (the preview) rather than downloaded. */
    inlineUrl: (fileUrl: string) => `${fileUrl}${fileUrl.includes('?') ? '&' : '?'}inline=1`,
  },
  /** Publishing a plan, analysis or round report at a stable public address (/p/<slug>/…). */
  /** Electronic signatures of approvals (decision 024): a plan's, the approver's position, revocation. */
  signatures: {
    ofPlan: (planId: string) => unwrap(client.signatures.$get({ query: { planId } })),
    ofRound: (roundId: string) => unwrap(client.signatures.$get({ query: { roundId } })),
    acknowledgeRound: (roundId: string, signerPosition: string) =>
      unwrap(
        client.signatures.rounds[':roundId'].acknowledgement.$post({
          param: { roundId },
          json: { signerPosition },
        }),
      ),
    suggestedPositionForRound: (roundId: string) =>
      unwrap(client.signatures['suggested-position'].$get({ query: { roundId } })),
    suggestedPosition: (planId: string) =>
      unwrap(client.signatures['suggested-position'].$get({ query: { planId } })),
    revoke: (id: string, reason: string) =>
      unwrap(client.signatures[':id'].revocation.$post({ param: { id }, json: { reason } })),
  },
  publications: {
    publish: (json: JsonOf<typeof client.publications.$post>) => unwrap(client.publications.$post({ json })),
    withdraw: (id: string, reason: string) =>
      unwrap(client.publications[':id'].withdraw.$post({ param: { id }, json: { reason } })),
    site: (organizationId: string) =>
      unwrap(client.publications.sites[':organizationId'].$get({ param: { organizationId } })),
    setSlug: (organizationId: string, slug: string) =>
      unwrap(
        client.publications.sites[':organizationId'].$put({ param: { organizationId }, json: { slug } }),
      ),
    /** The JSON Feed of everything the organisation has published (public, no sign-in). */
    feedUrl: (slug: string) => `/p/${encodeURIComponent(slug)}/feed.json`,
  },
  /** The OIT disclosure tracker of an organisation and fiscal year. */
  oit: {
    tracker: (organizationId: string, fiscalYear: number) =>
      unwrap(
        client.oit[':organizationId'][':fiscalYear'].$get({
          param: { organizationId, fiscalYear: String(fiscalYear) },
        }),
      ),
    saveItem: (
      organizationId: string,
      fiscalYear: number,
      code: string,
      json: JsonOf<(typeof client.oit)[':organizationId'][':fiscalYear']['items'][':code']['$put']>,
    ) =>
      unwrap(
        client.oit[':organizationId'][':fiscalYear'].items[':code'].$put({
          param: { organizationId, fiscalYear: String(fiscalYear), code },
          json,
        }),
      ),
    checkAll: (organizationId: string, fiscalYear: number) =>
      unwrap(
        client.oit[':organizationId'][':fiscalYear'].check.$post({
          param: { organizationId, fiscalYear: String(fiscalYear) },
        }),
      ),
    exportUrl: (organizationId: string, fiscalYear: number) =>
      `/api/oit/${encodeURIComponent(organizationId)}/${fiscalYear}/export`,
  },
  /** LINE notifications: the agency's Official Account, a person's link and choice (decision 023). */
  line: {
    settings: () => unwrap(client.line.settings.$get()),
    connect: (
      organizationId: string,
      json: JsonOf<(typeof client.line.settings)[':organizationId']['$put']>,
    ) => unwrap(client.line.settings[':organizationId'].$put({ param: { organizationId }, json })),
    disconnect: (organizationId: string) =>
      unwrap(client.line.settings[':organizationId'].$delete({ param: { organizationId } })),
    me: () => unwrap(client.line.me.$get()),
    setNotify: (notify: 'email' | 'line' | 'both') =>
      unwrap(client.line.me.notify.$put({ json: { notify } })),
    linkCode: (channelId: string) => unwrap(client.line.me.codes.$post({ json: { channelId } })),
    groupCode: (unitId: string) => unwrap(client.line['group-codes'].$post({ json: { unitId } })),
    unlink: (id: string) => unwrap(client.line.links[':id'].$delete({ param: { id } })),
  },
  audit: {
    list: (filters: AuditFilters) => {
      const query: Record<string, string> = { limit: '100' };
      for (const [key, value] of Object.entries(filters)) {
        if (value !== undefined && value !== '') query[key] = String(value);
      }
      return unwrap(client.audit.$get({ query }));
    },
  },
  home: {
    get: () => unwrap(client.home.$get()),
    latestResultYear: (organizationId: string) =>
      unwrap(client.home['latest-result-year'].$get({ query: { organizationId } })),
  },
  national: {
    roots: () => unwrap(client.national.roots.$get()),
    view: (organizationId: string, fiscalYear: number | undefined) =>
      unwrap(
        client.national[':organizationId'].$get({
          param: { organizationId },
          query: fiscalYear === undefined ? {} : { fiscalYear: String(fiscalYear) },
        }),
      ),
  },
  /** Sign-in with identity providers (ThaID, an agency's OpenID provider; decision 025). */
  identity: {
    signInProviders: () => unwrap(client.auth.oidc.providers.$get()),
    providers: () => unwrap(client.identity.providers.$get()),
    createProvider: (json: JsonOf<typeof client.identity.providers.$post>) =>
      unwrap(client.identity.providers.$post({ json })),
    updateProvider: (id: string, json: JsonOf<(typeof client.identity.providers)[':id']['$patch']>) =>
      unwrap(client.identity.providers[':id'].$patch({ param: { id }, json })),
  },
};

export type Me = NonNullable<Awaited<ReturnType<typeof api.auth.me>>>;
export type OrganizationRow = Awaited<ReturnType<typeof api.organizations.list>>[number];
export type UserRow = Awaited<ReturnType<typeof api.users.list>>['items'][number];
export type EditionSummaryRow = Awaited<ReturnType<typeof api.catalogue.editions>>[number];
export type EditionDetailBody = Awaited<ReturnType<typeof api.catalogue.edition>>;
export type AuditEventRow = Awaited<ReturnType<typeof api.audit.list>>[number];
export type ResultSummaryRow = Awaited<ReturnType<typeof api.assessments.list>>['items'][number];
export type ResultDetailBody = Awaited<ReturnType<typeof api.assessments.get>>;
export type ImportPreviewBody = Awaited<ReturnType<typeof api.assessments.importFile>>;
export type ProvinceViewBody = Awaited<ReturnType<typeof api.assessments.province>>;
export type AnalysisBody = Awaited<ReturnType<typeof api.analyses.get>>;
export type PlanSummaryRow = Awaited<ReturnType<typeof api.plans.list>>['items'][number];
export type PlanDetailBody = Awaited<ReturnType<typeof api.plans.get>>;
export type PlanSuggestionsBody = Awaited<ReturnType<typeof api.plans.suggestions>>;
export type PlanDiffBody = Awaited<ReturnType<typeof api.plans.diff>>;
export type InboxItemRow = Awaited<ReturnType<typeof api.plans.inbox>>[number];
export type RoundRow = Awaited<ReturnType<typeof api.rounds.list>>[number];
export type RollupBody = Awaited<ReturnType<typeof api.rounds.rollup>>;
export type MyReportRow = Awaited<ReturnType<typeof api.reports.mine>>[number];
export type ReportBody = Awaited<ReturnType<typeof api.reports.get>>;
export type EvidenceRow = Awaited<ReturnType<typeof api.evidence.list>>[number];
export type PublicSiteBody = Awaited<ReturnType<typeof api.publications.site>>;
export type PublicationRow = PublicSiteBody['publications'][number];
export type OitTrackerBody = Awaited<ReturnType<typeof api.oit.tracker>>;
export type OitRowBody = OitTrackerBody['rows'][number];
export type HomeBody = Awaited<ReturnType<typeof api.home.get>>;
export type HomeItemRow = HomeBody['items'][number];
export type HomeCycleRow = HomeBody['cycles'][number];
export type NationalViewBody = Awaited<ReturnType<typeof api.national.view>>;
export type NationalNodeRow = Awaited<ReturnType<typeof api.national.roots>>[number];
export type LineSettingsRow = Awaited<ReturnType<typeof api.line.settings>>[number];
export type MyLineBody = Awaited<ReturnType<typeof api.line.me>>;
export type IdentityProviderRow = Awaited<ReturnType<typeof api.identity.providers>>['items'][number];
