import type { TFunction } from 'i18next';
import { measureNumber } from '#shared/plans/numbering.ts';

/**
 * "ประเด็นที่ 2 · มาตรการ 2.1": a measure named by its place in the plan, with the number the plan's
 * documents print ("(2.1)", without its brackets here), so measures with the same title differ.
 */
export function measureLabel(t: TFunction, position: { issueIndex: number; measureIndex: number }): string {
  return t('drafts.numbering', {
    issue: position.issueIndex + 1,
    measure: measureNumber(position.issueIndex, position.measureIndex).slice(1, -1),
  });
}
