import { useQuery } from '@tanstack/react-query';
import type {
  DocumentFormat,
  DocumentKindName,
  DocumentOptions,
  SubjectType,
} from '#shared/documents/contract.ts';

export { USES_NUMBER, USES_SIGNER } from '#shared/documents/contract.ts';

import { api, queryKeys } from '../../api.ts';
import { useRoleOn } from '../plans/common.ts';

export type DocumentVersionRow = Awaited<ReturnType<typeof api.documents.versions>>[number];
export type DocumentSettingsBody = Awaited<ReturnType<typeof api.documents.settings>>;
export type GenerateResultBody = Awaited<ReturnType<typeof api.documents.generate>>;
export type DraftBody = Awaited<ReturnType<typeof api.documents.draft>>;
export type TextKind = 'memo' | 'circular';

/** Query keys of the documents panel, so that its parts invalidate the same caches. */
export const documentKeys = {
  versions: (subjectId: string) => ['documents', 'versions', subjectId] as const,
  settings: (organizationId: string) => ['documents', 'settings', organizationId] as const,
  draft: (kind: TextKind, subjectType: SubjectType, subjectId: string) =>
    ['documents', 'draft', kind, subjectType, subjectId] as const,
};

/** The editable text a kind is made from: the circular's memo and letter share one text. */
export const textKindOf = (kind: DocumentKindName): TextKind | null =>
  kind === 'memo' ? 'memo' : kind === 'circular' || kind === 'circular-letter' ? 'circular' : null;

export const FORMAT_LABELS: Record<DocumentFormat, string> = { docx: 'DOCX', pdf: 'PDF', xlsx: 'XLSX' };

export const DEFAULT_OPTIONS: DocumentOptions = {
  digits: 'thai',
  font: 'bundled',
  useEmblem: true,
  indicatorOrder: 'number',
  signer: { name: '', positions: [] },
  documentNumber: '',
  documentDate: '',
};

/** Lines of a textarea as a list (blank lines dropped), and back. */
export const toLines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
export const fromLines = (lines: readonly string[]) => lines.join('\n');

/** Whether the signed-in user may make documents of an organisation: secretariat or admin there or above. */
export function useCanEditDocuments(organizationId: string | null | undefined): boolean {
  const organizations = useQuery({ queryKey: queryKeys.organizations, queryFn: api.organizations.list });
  const roleOn = useRoleOn(organizations.data ?? []);
  return roleOn(['secretariat', 'admin'], organizationId);
}
