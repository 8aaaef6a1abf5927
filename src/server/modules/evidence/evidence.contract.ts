import { z } from 'zod';

/**
 * The evidence API's shapes. They sit with the module for now; when the UI needs them they move to
 * src/shared/evidence/contract.ts unchanged.
 */
export const evidenceFileSchema = z.object({
  id: z.uuid(),
  slotId: z.uuid(),
  originalName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.int(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  uploadedBy: z.object({ id: z.uuid(), displayName: z.string() }),
  uploadedAt: z.string(),
});

export const uploadEvidenceSchema = z.object({
  /** The name on the uploader's computer; a path before it is dropped. */
  fileName: z.string().min(1).max(255),
  /** The file's bytes, base64 (no data: prefix). Its size limit is MAX_EVIDENCE_BYTES. */
  contentBase64: z.string().min(1),
});

export const cleanOrphansResultSchema = z.object({
  scanned: z.int(),
  deleted: z.int(),
  keptReferenced: z.int(),
  keptRecent: z.int(),
  incompleteRemoved: z.int(),
  /** Keys that rows name but the store does not hold (should stay empty). */
  missing: z.array(z.string()),
});

export type EvidenceFile = z.infer<typeof evidenceFileSchema>;
export type CleanOrphansResult = z.infer<typeof cleanOrphansResultSchema>;
