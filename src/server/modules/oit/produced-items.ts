import type { OitProduced } from '#shared/oit/contract.ts';

/**
 * OIT items whose document Prongsai itself produces: the measures plan (มาตรการส่งเสริมคุณธรรมและความ
 * โปร่งใสภายในหน่วยงาน, from the plans module) and the follow-up report on it (from the progress module).
 *
 * Why a table here and not a field of the edition files: the editions have
 * `measures_document_required_parts_th.questions` and `follow_up_report_required_parts_th.questions`, but
 * they mean "items whose documents must contain these parts", not "items Prongsai produces": the
 * follow-up list of 2564–2567 also names the agency's other 6-month reports (o11/o19/o40, o12/o37) that
 * Prongsai does not write, and 2568 has neither list. `produced-items.test.ts` checks that every entry
 * below agrees with those lists wherever an edition has them.
 *
 * - 2564–2566: o42 = มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน, o43 = การดำเนินการตามมาตรการฯ
 *   (an agency's plan that failed o42/o43; ita-2564…2566.yaml).
 * - 2567: carried over under the 2566 numbering (the edition's own assumption, low confidence).
 * - 2568: unknown. The edition lists "the OIT item that carries the measures document" as missing; its
 *   o25/o26 are the anti-corruption action plan and its report, not the ITA measures. No automatic URL.
 * - 2569: o25 = การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร (the measures), o26 = รายงานผลการดำเนินการเพื่อ
 *   ส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน (the follow-up report); the edition takes them as the
 *   successors of o42/o43 (low confidence).
 *
 * A new edition needs a line here once its numbering is known.
 */
export const PRODUCED_ITEMS: Readonly<Record<number, Readonly<Record<string, OitProduced>>>> = {
  2564: { o42: 'measures_plan', o43: 'follow_up_report' },
  2565: { o42: 'measures_plan', o43: 'follow_up_report' },
  2566: { o42: 'measures_plan', o43: 'follow_up_report' },
  2567: { o42: 'measures_plan', o43: 'follow_up_report' },
  2569: { o25: 'measures_plan', o26: 'follow_up_report' },
};

/** What Prongsai produces for an item of an edition year, or null when the agency provides it. */
export function producedBy(editionYear: number, itemCode: string): OitProduced | null {
  return PRODUCED_ITEMS[editionYear]?.[itemCode] ?? null;
}
