import { z } from 'zod';

/**
 * The OIT disclosure tracker: per organisation and fiscal year, one row per OIT item of that year's
 * ITA edition, with the address the agency will submit to NACC, who prepares it, how far it is, and
 * what the link checker saw when it last opened the address.
 */

export const OIT_STATUSES = ['not_started', 'in_progress', 'ready'] as const;
export type OitStatus = (typeof OIT_STATUSES)[number];

export const OIT_STATUS_LABELS: Record<OitStatus, { th: string; en: string }> = {
  not_started: { th: 'ยังไม่เริ่ม', en: 'Not started' },
  in_progress: { th: 'กำลังจัดทำ', en: 'In progress' },
  ready: { th: 'พร้อมส่ง', en: 'Ready' },
};

/** Items whose document Prongsai itself produces (see `catalogue/templates/oit-produced-items.yaml`). */
export const OIT_PRODUCED = ['measures_plan', 'follow_up_report'] as const;
export type OitProduced = (typeof OIT_PRODUCED)[number];

/** `catalogue/templates/oit-produced-items.yaml`: per edition year, item code → what Prongsai produces. */
export const producedItemsSchema = z.record(
  z.string().regex(/^25\d\d$/, 'a Buddhist-era year'),
  z.record(z.string().regex(/^o\d+$/, 'an OIT code such as o25'), z.enum(OIT_PRODUCED)),
);

/** Why a check could not judge a page (an HTTP status such as 404 is not an error: see `httpStatus`). */
export const OIT_CHECK_ERRORS = [
  'invalid_url',
  'unsupported_scheme',
  'private_address',
  'dns_failure',
  'timeout',
  'too_many_redirects',
  'too_large',
  'connection_failed',
  'tls_error',
  'aborted',
] as const;
export type OitCheckErrorCode = (typeof OIT_CHECK_ERRORS)[number];

export const oitCheckSchema = z.object({
  checkedAt: z.string(),
  /** The address checked (the item's URL, or its automatic URL when it has none). */
  url: z.string(),
  /** Where the redirects ended; null when no answer came. */
  finalUrl: z.string().nullable(),
  httpStatus: z.int().nullable(),
  /** The last answer was 2xx. */
  reachable: z.boolean(),
  /** 401/403, a redirect to a login address, or a page with a password field. */
  needsLogin: z.boolean(),
  contentType: z.string().nullable(),
  lastModified: z.string().nullable(),
  /** The page names the fiscal year (2569 or ๒๕๖๙); null when it could not be read (PDF text, images). */
  mentionsFiscalYear: z.boolean().nullable(),
  redirects: z.int(),
  bytesRead: z.int(),
  /** The body was longer than the limit and was cut there. */
  truncated: z.boolean(),
  durationMs: z.int(),
  error: z
    .object({ code: z.enum(OIT_CHECK_ERRORS), message_th: z.string(), message_en: z.string() })
    .nullable(),
});
export type OitCheck = z.infer<typeof oitCheckSchema>;

/** Opens for the assessor: 2xx without a login. */
export const checkIsOk = (check: OitCheck) => check.reachable && !check.needsLogin;

export const oitRowSchema = z.object({
  itemCode: z.string(),
  displayCode: z.string(),
  /** The item's Thai name; `labelTentative` when it is not the edition's confirmed wording. */
  labelTh: z.string(),
  /** The item's name in English for the English screens (a translation, never NACC's wording); null when none. */
  labelEn: z.string().nullable(),
  labelTentative: z.boolean(),
  indicator: z.int(),
  produces: z.enum(OIT_PRODUCED).nullable(),
  url: z.string().nullable(),
  urlNote: z.string(),
  /** The public address of a document Prongsai produces (items with `produces`), when known. */
  autoUrl: z.string().nullable(),
  /** What the checker opens: `url`, else `autoUrl`. */
  effectiveUrl: z.string().nullable(),
  status: z.enum(OIT_STATUSES),
  ownerUnitId: z.uuid().nullable(),
  ownerUnitNameTh: z.string().nullable(),
  ownerUnitNameEn: z.string().nullable(),
  notes: z.string(),
  /** 0 while the item has never been saved (nothing is stored until then). */
  rowVersion: z.int(),
  updatedByName: z.string().nullable(),
  updatedAt: z.string().nullable(),
  lastCheck: oitCheckSchema.nullable(),
});
export type OitRow = z.infer<typeof oitRowSchema>;

export const oitTrackerSchema = z.object({
  organizationId: z.uuid(),
  organizationNameTh: z.string(),
  organizationNameEn: z.string().nullable(),
  fiscalYear: z.int(),
  editionTitleTh: z.string(),
  editionTitleEn: z.string(),
  /** The caller may edit items and run the checker. */
  canEdit: z.boolean(),
  /** Units an item can be given to: the organisation and the active units below it, in tree order. */
  units: z.array(
    z.object({ id: z.uuid(), nameTh: z.string(), nameEn: z.string().nullable(), depth: z.int() }),
  ),
  rows: z.array(oitRowSchema),
  summary: z.object({
    total: z.int(),
    ready: z.int(),
    inProgress: z.int(),
    notStarted: z.int(),
    withUrl: z.int(),
    checked: z.int(),
    checkedOk: z.int(),
  }),
});
export type OitTracker = z.infer<typeof oitTrackerSchema>;

export const oitItemUpdateSchema = z.object({
  /** The version read; 0 for an item never saved. */
  rowVersion: z.int().min(0),
  /** Checked on the server: http(s) only, never a private, loopback or link-local address. */
  url: z
    .string()
    .trim()
    .max(2000)
    .nullable()
    .transform((u) => (u === '' ? null : u)),
  urlNote: z.string().trim().max(1000).default(''),
  status: z.enum(OIT_STATUSES),
  ownerUnitId: z.uuid().nullable().default(null),
  notes: z.string().trim().max(5000).default(''),
});
export type OitItemUpdate = z.infer<typeof oitItemUpdateSchema>;

export const oitCheckRunSchema = z.object({
  checked: z.int(),
  ok: z.int(),
  failed: z.int(),
  tracker: oitTrackerSchema,
});
