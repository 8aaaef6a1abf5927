import { createRoute, z } from '@hono/zod-openapi';
import { apiErrorSchema } from '#shared/http/api-error.ts';
import { decodeBase64 } from '../../http/base64.ts';
import { errorResponses, jsonBody, jsonResponse, newRouter, requireActor } from '../../http/router.ts';
import { evidenceFileSchema, uploadEvidenceSchema } from './evidence.contract.ts';
import {
  assertEvidenceSize,
  deleteEvidence,
  downloadEvidence,
  listEvidence,
  uploadEvidence,
} from './evidence.service.ts';
import { extensionOf } from './sniff-type.ts';

const tags = ['evidence'];

/** The request body limit for uploads of files up to `maxBytes`: base64 plus room for the JSON around it. */
export function evidenceBodyLimit(maxBytes: number): number {
  return Math.ceil(maxBytes / 3) * 4 + 64 * 1024;
}

/** The bytes of a base64 upload, refused for size before they are decoded. */
function decodeUpload(contentBase64: string, maxBytes: number): Uint8Array {
  const padding = contentBase64.endsWith('==') ? 2 : contentBase64.endsWith('=') ? 1 : 0;
  assertEvidenceSize(Math.floor((contentBase64.length * 3) / 4) - padding, maxBytes);
  return decodeBase64(contentBase64, 'contentBase64');
}

/**
 * `attachment` with the original name: an ASCII fallback for old clients and the UTF-8 name
 * (RFC 5987/6266) for every current browser, so Thai names arrive intact. The extension of the
 * stored type is added when the name has none.
 */
export function contentDisposition(originalName: string, extension: string): string {
  const name = extensionOf(originalName) === '' && extension ? `${originalName}${extension}` : originalName;
  const fallback = name.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

const slotParam = z.object({ slotId: z.uuid() });
const idParam = z.object({ id: z.uuid() });

/** Mounted at /api/evidence; needs the `fileStore` context variable. */
export const evidenceRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/slots/{slotId}',
      tags,
      summary: 'Attach a file to a report: PDF, PNG, JPEG, GIF, WEBP, DOCX or XLSX, checked by content',
      description:
        'Requires: a role on the report’s unit itself (or inside it), while the round is open and the report is not submitted or accepted. The file is refused when its content is not an accepted type, when its name’s extension disagrees with its content, or when it is larger than MAX_EVIDENCE_BYTES (413), or when the report already holds MAX_EVIDENCE_FILES (50) files (400 too_many_files). Identical bytes are stored once.',
      request: { params: slotParam, ...jsonBody(uploadEvidenceSchema) },
      responses: {
        201: jsonResponse(evidenceFileSchema, 'The attached file'),
        ...errorResponses,
        413: jsonResponse(apiErrorSchema, 'The file is too large / ไฟล์ใหญ่เกินกำหนด'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const maxBytes = c.get('config').maxEvidenceBytes;
      const bytes = decodeUpload(body.contentBase64, maxBytes);
      const file = await uploadEvidence(
        c.get('db'),
        c.get('fileStore'),
        requireActor(c),
        c.req.valid('param').slotId,
        { fileName: body.fileName, bytes },
        { maxBytes },
      );
      return c.json(file, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/slots/{slotId}',
      tags,
      summary: 'The files attached to a report, oldest first',
      description:
        'Requires: a role on the report’s unit (itself, inside it or above it) or on the plan’s organisation.',
      request: { params: slotParam },
      responses: { 200: jsonResponse(z.array(evidenceFileSchema), 'Files'), ...errorResponses },
    }),
    async (c) => c.json(await listEvidence(c.get('db'), requireActor(c), c.req.valid('param').slotId), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/download',
      tags,
      summary: 'A file’s bytes, as an attachment under its original name',
      description:
        'Requires: read access to the report (see list). Served with the media type found at upload and X-Content-Type-Options: nosniff.',
      request: { params: idParam },
      responses: {
        200: { description: 'The file', content: { 'application/octet-stream': { schema: z.any() } } },
        ...errorResponses,
      },
    }),
    async (c) => {
      const file = await downloadEvidence(
        c.get('db'),
        c.get('fileStore'),
        requireActor(c),
        c.req.valid('param').id,
      );
      return c.body(new Uint8Array(file.bytes), 200, {
        'content-type': file.mediaType,
        'content-length': String(file.bytes.byteLength),
        'content-disposition': contentDisposition(file.originalName, file.extension),
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
        'cache-control': 'private, no-cache',
        etag: `"${file.sha256}"`,
      });
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{id}',
      tags,
      summary: 'Remove a file from a report',
      description:
        'Requires: the same as attaching one (a role on the unit itself, round open, report not submitted or accepted). The stored bytes are removed when no other report uses them.',
      request: { params: idParam },
      responses: { 204: { description: 'Removed' }, ...errorResponses },
    }),
    async (c) => {
      await deleteEvidence(c.get('db'), c.get('fileStore'), requireActor(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
