import type { Dispatch, SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../session.tsx';
import { useKeptDraft } from '../../../useDrafts.ts';
import type { PlanContent } from './draft.ts';

/**
 * A kept copy must have the plan's shape (an unfinished plan is fine: titles may be empty), or it is
 * dropped: a copy from an older build of the editor never breaks the page.
 */
export function isPlanContent(value: unknown): value is PlanContent {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.title === 'string' &&
    typeof v.introduction === 'string' &&
    typeof v.layout === 'string' &&
    Array.isArray(v.issues) &&
    v.issues.every(
      (issue: unknown) =>
        typeof issue === 'object' &&
        issue !== null &&
        typeof (issue as Record<string, unknown>).id === 'string' &&
        Array.isArray((issue as Record<string, unknown>).measures),
    )
  );
}

/**
 * The plan editor's unsaved work, through the shared mechanism (src/ui/useDrafts.ts): kept in this
 * browser per user, plan and version, restored on return or reload, a warning before leaving.
 */
export function usePlanDraft({
  base,
  draft,
  setDraft,
  editable,
}: {
  base: { id: string; rowVersion: number; content: PlanContent };
  draft: PlanContent;
  setDraft: Dispatch<SetStateAction<PlanContent>>;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const { user } = useSession();
  return useKeptDraft<PlanContent>({
    scope: { userId: user.id, kind: 'plan', id: base.id },
    version: base.rowVersion,
    saved: base.content,
    values: draft,
    accept: isPlanContent,
    onRestore: setDraft,
    enabled: editable,
    leaveMessage: t('plans.editor.leaveWarning'),
  });
}
