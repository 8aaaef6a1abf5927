import { createRoute, z } from '@hono/zod-openapi';
import {
  DOCUMENT_FORMATS,
  DOCUMENT_KINDS,
  documentOptionsSchema,
  documentProfileSchema,
  documentSettingsSchema,
  documentVersionSchema,
  draftResponseSchema,
  generateDocumentSchema,
  generateResultSchema,
  SUBJECT_TYPES,
  saveDraftSchema,
} from '#shared/documents/contract.ts';
import { detail, fail } from '../../http/app-error.ts';
import { decodeBase64 } from '../../http/base64.ts';
import { errorResponses, jsonBody, jsonResponse, newRouter, requireActor } from '../../http/router.ts';
import { getDraftText, saveDraftText } from './draft-text.service.ts';
import { fileDisposition } from './file-name.ts';
import { fontUploadSchema, uploadFont } from './fonts.service.ts';
import { generateDocument } from './generate-document.ts';
import {
  availableFonts,
  emblemBytes,
  getSettings,
  removeEmblem,
  saveOptions,
  saveProfile,
  setEmblem,
} from './settings.service.ts';
import { documentFile, listDocuments } from './versions.service.ts';

const tags = ['documents'];
const EMBLEM_BASE64_LIMIT = 2 * 1024 * 1024;
const fileParams = z.object({ id: z.uuid(), format: z.enum(DOCUMENT_FORMATS) });
const draftParams = z.object({
  kind: z.enum(['memo', 'circular']),
  subjectType: z.enum(SUBJECT_TYPES),
  subjectId: z.uuid(),
});
const orgParam = z.object({ organizationId: z.uuid() });
const binary = (description: string) => ({
  description,
  content: { 'application/octet-stream': { schema: z.any() } },
});

/** Refuses a font that is neither the bundled one nor in the fonts folder, naming those that are. */
export async function assertFontInstalled(font: string, fontsDir: string, path: string) {
  if (font === 'bundled') return;
  const { fonts } = await availableFonts(fontsDir);
  if (fonts.some((f) => f.source === 'folder' && f.family === font)) return;
  const names = ['bundled (Sarabun)', ...fonts.filter((f) => f.source === 'folder').map((f) => f.family)];
  throw fail.validation([
    detail(
      path,
      `ไม่พบแบบอักษร "${font}" ในเครื่องนี้ (ที่ใช้ได้: ${names.join(', ')})`,
      `The font "${font}" is not installed here (available: ${names.join(', ')})`,
    ),
  ]);
}

/** Mounted at /api/documents. */
export const documentRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags,
      summary: 'Generate a document (DOCX, PDF, XLSX) about an analysis, a plan or a round',
      description:
        'Requires: secretariat or admin on the subject’s organisation. The same inputs return the version already made (created=false); otherwise a new version. A format that cannot be made (PDF without Chromium) is listed in `missing`, the others are stored. Options given are remembered for the organisation and kind.',
      request: jsonBody(generateDocumentSchema),
      responses: { 200: jsonResponse(generateResultSchema, 'The document version'), ...errorResponses },
    }),
    async (c) => {
      const body = c.req.valid('json');
      if (body.options)
        await assertFontInstalled(body.options.font, c.get('config').fontsDir, 'options.font');
      const config = c.get('config');
      const { model: _model, ...result } = await generateDocument(
        c.get('db'),
        c.get('fileStore'),
        c.get('documentRenderers'),
        requireActor(c),
        {
          ...body,
          publicBaseUrl: config.publicUrl ?? `http://localhost:${config.port}`,
          verifyBaseUrl: config.publicUrl ?? null,
        },
      );
      return c.json(result, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'Every generated version of the documents about a subject, newest first',
      description:
        'Requires: any role on the subject’s organisation; versions of other organisations are not listed.',
      request: { query: z.object({ subjectId: z.uuid() }) },
      responses: { 200: jsonResponse(z.array(documentVersionSchema), 'Versions'), ...errorResponses },
    }),
    async (c) =>
      c.json(await listDocuments(c.get('db'), requireActor(c), c.req.valid('query').subjectId), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/drafts/{kind}/{subjectType}/{subjectId}',
      tags,
      summary: 'The memo or circular text about a plan or round: as saved, else drafted from the data',
      description: 'Requires: read access to the plan or round.',
      request: { params: draftParams },
      responses: { 200: jsonResponse(draftResponseSchema, 'The text'), ...errorResponses },
    }),
    async (c) => {
      const p = c.req.valid('param');
      return c.json(
        await getDraftText(c.get('db'), requireActor(c), p.kind, p.subjectType, p.subjectId),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/drafts/{kind}/{subjectType}/{subjectId}',
      tags,
      summary: 'Save the edited memo or circular text (against the version it was read at)',
      description: 'Requires: secretariat or admin on the organisation. A stale rowVersion is refused (409).',
      request: { params: draftParams, ...jsonBody(saveDraftSchema) },
      responses: { 200: jsonResponse(draftResponseSchema, 'The saved text'), ...errorResponses },
    }),
    async (c) => {
      const p = c.req.valid('param');
      const body = c.req.valid('json');
      if (body.draft.kind !== p.kind) {
        throw fail.badRequest('ประเภทของข้อความไม่ตรงกับที่อยู่', 'The text’s kind does not match the address');
      }
      const saved = await saveDraftText(
        c.get('db'),
        requireActor(c),
        p.subjectType,
        p.subjectId,
        body.draft,
        body.rowVersion,
      );
      return c.json(saved, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/settings/{organizationId}',
      tags,
      summary: 'Document options per kind, the emblem and the fonts available',
      description: 'Requires: any role on the organisation.',
      request: { params: orgParam },
      responses: { 200: jsonResponse(documentSettingsSchema, 'Settings'), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await getSettings(
          c.get('db'),
          requireActor(c),
          c.req.valid('param').organizationId,
          c.get('config').fontsDir,
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/settings/{organizationId}/options/{kind}',
      tags,
      summary: 'Remember the options for one kind of document',
      description:
        'Requires: secretariat or admin on the organisation. The font must be bundled or in the fonts folder.',
      request: {
        params: orgParam.extend({ kind: z.enum(DOCUMENT_KINDS) }),
        ...jsonBody(documentOptionsSchema),
      },
      responses: { 204: { description: 'Saved' }, ...errorResponses },
    }),
    async (c) => {
      const p = c.req.valid('param');
      await saveOptions(
        c.get('db'),
        requireActor(c),
        p.organizationId,
        p.kind,
        c.req.valid('json'),
        c.get('config').fontsDir,
      );
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/settings/{organizationId}/profile',
      tags,
      summary: 'Remember what the organisation’s documents say about it',
      description:
        'Requires: secretariat or admin on the organisation. ส่วนราชการ and telephone, address, number prefix, เรียน, the signer and the head; used by every document from then on.',
      request: { params: orgParam, ...jsonBody(documentProfileSchema) },
      responses: { 200: jsonResponse(documentProfileSchema, 'The profile as saved'), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await saveProfile(
          c.get('db'),
          requireActor(c),
          c.req.valid('param').organizationId,
          c.req.valid('json'),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/settings/{organizationId}/emblem',
      tags,
      summary: 'Set the emblem or logo printed on the organisation’s documents (PNG or JPEG, at most 1 MiB)',
      description:
        'Requires: secretariat or admin on the organisation. The content is checked, not the name.',
      request: {
        params: orgParam,
        ...jsonBody(z.object({ contentBase64: z.string().min(1).max(EMBLEM_BASE64_LIMIT) })),
      },
      responses: { 204: { description: 'Saved' }, ...errorResponses },
    }),
    async (c) => {
      const bytes = decodeBase64(c.req.valid('json').contentBase64, 'contentBase64');
      await setEmblem(
        c.get('db'),
        c.get('fileStore'),
        requireActor(c),
        c.req.valid('param').organizationId,
        bytes,
      );
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/settings/{organizationId}/emblem',
      tags,
      summary: 'Stop printing an emblem',
      description: 'Requires: secretariat or admin on the organisation.',
      request: { params: orgParam },
      responses: { 204: { description: 'Removed' }, ...errorResponses },
    }),
    async (c) => {
      await removeEmblem(c.get('db'), requireActor(c), c.req.valid('param').organizationId);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/settings/{organizationId}/emblem',
      tags,
      summary: 'The emblem image',
      description: 'Requires: any role on the organisation.',
      request: { params: orgParam },
      responses: { 200: binary('The image'), ...errorResponses },
    }),
    async (c) => {
      const e = await emblemBytes(
        c.get('db'),
        c.get('fileStore'),
        requireActor(c),
        c.req.valid('param').organizationId,
      );
      return c.body(new Uint8Array(e.bytes), 200, {
        'content-type': e.mime,
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-cache',
      });
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/fonts',
      tags,
      summary: 'Add a TTF/OTF font to the fonts folder (e.g. TH Sarabun New)',
      description:
        'Requires: a deployment-wide admin. Refused with the reason when the file is not a TTF/OTF, lacks Thai letters or its licence forbids embedding.',
      request: jsonBody(fontUploadSchema),
      responses: {
        201: jsonResponse(z.object({ family: z.string(), bold: z.boolean() }), 'The font added'),
        ...errorResponses,
      },
    }),
    async (c) =>
      c.json(await uploadFont(requireActor(c), c.get('config').fontsDir, c.req.valid('json')), 201),
  )
  // Last: '/{id}/{format}' would otherwise also match '/settings/{organizationId}'.
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/{format}',
      tags,
      summary: 'One format of one document version (a stable address)',
      description:
        'Requires: any role on the document’s organisation. `?inline=1` shows a PDF in the page (the preview) instead of downloading it.',
      request: { params: fileParams, query: z.object({ inline: z.enum(['1']).optional() }) },
      responses: { 200: binary('The file'), ...errorResponses },
    }),
    async (c) => {
      const { id, format } = c.req.valid('param');
      const file = await documentFile(c.get('db'), c.get('fileStore'), requireActor(c), id, format);
      const inline = c.req.valid('query').inline === '1' && format === 'pdf';
      return c.body(new Uint8Array(file.bytes), 200, {
        'content-type': file.mediaType,
        'content-length': String(file.bytes.byteLength),
        'content-disposition': fileDisposition(file.fileNames, inline ? 'inline' : 'attachment'),
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, max-age=31536000, immutable',
        etag: `"${file.sha256}"`,
      });
    },
  );
