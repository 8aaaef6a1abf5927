import type { Draft, SubjectType } from '#shared/documents/contract.ts';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import { fail } from '../../http/app-error.ts';
import { findOrganizationRow } from '../organizations/organizations.service.ts';
import { documentPolicy } from './documents.policy.ts';
import { storedDraft, writeDraft } from './drafts.service.ts';
import { profileFor } from './options.service.ts';
import { assertKindFitsSubject, draftFromData, loadBasis } from './subjects.ts';

/** The memo or circular text of a subject: as saved, else drafted from the data (rowVersion 0). */
export async function getDraftText(
  db: Db,
  actor: Actor,
  kind: 'memo' | 'circular',
  subjectType: SubjectType,
  subjectId: string,
) {
  assertKindFitsSubject(kind, subjectType);
  const basis = await loadBasis(db, actor, subjectType, subjectId, '');
  const saved = await storedDraft(db, subjectId, kind);
  const content =
    saved?.content ??
    (await draftFromData(db, kind, basis, await profileFor(db, basis.organizationId), subjectId));
  const draft = { kind, content } as Draft;
  return { subjectType, subjectId, draft, rowVersion: saved?.rowVersion ?? 0 };
}

export async function saveDraftText(
  db: Db,
  actor: Actor,
  subjectType: SubjectType,
  subjectId: string,
  draft: Draft,
  rowVersion: number,
) {
  assertKindFitsSubject(draft.kind, subjectType);
  const basis = await loadBasis(db, actor, subjectType, subjectId, '');
  const org = await findOrganizationRow(db, basis.organizationId);
  if (!org || !documentPolicy.edit(actor, org.path)) throw fail.forbidden();
  const next = await writeDraft(db, actor, org.id, subjectId, draft, rowVersion);
  return { subjectType, subjectId, draft, rowVersion: next };
}
