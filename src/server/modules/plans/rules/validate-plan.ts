import type { ErrorDetail } from '#shared/http/api-error.ts';
import type { PlanContent, Responsible, Timeframe } from '#shared/plans/contract.ts';
import { monthIndex } from '#shared/plans/months.ts';

export type PlanContext = {
  /** Path of the plan's organisation: responsible units must lie in its subtree. */
  organizationPath: string;
  /** Paths of the units the plan names (unknown ids are absent). */
  unitPaths: ReadonlyMap<string, string>;
  /** Codes that exist in the edition: questions (i7), indicators (4), sub-indicators (9.1). */
  editionCodes: ReadonlySet<string>;
};

const d = (path: string, th: string, en: string): ErrorDetail => ({ path, message_th: th, message_en: en });

/** Hard errors that refuse a save (the completeness check is separate and only blocks submission). */
export function validatePlanContent(content: PlanContent, ctx: PlanContext): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const ids = new Set<string>();
  const uniqueId = (id: string, path: string) => {
    if (ids.has(id)) errors.push(d(`${path}.id`, `รหัส ${id} ซ้ำในแผน`, `id ${id} is used twice in the plan`));
    ids.add(id);
  };
  const checkTimeframe = (t: Timeframe | null, path: string) => {
    if (t && monthIndex(t.end) < monthIndex(t.start)) {
      errors.push(d(`${path}.end`, 'เดือนสิ้นสุดอยู่ก่อนเดือนเริ่มต้น', 'the end month is before the start month'));
    }
  };
  const checkResponsible = (r: Responsible | null, path: string) => {
    r?.unitIds.forEach((unitId, k) => {
      const unitPath = ctx.unitPaths.get(unitId);
      if (!unitPath) errors.push(d(`${path}.unitIds[${k}]`, 'ไม่พบหน่วยงานที่ระบุ', 'unknown unit'));
      else if (!unitPath.startsWith(ctx.organizationPath)) {
        errors.push(
          d(
            `${path}.unitIds[${k}]`,
            'หน่วยงานผู้รับผิดชอบอยู่นอกสังกัดของหน่วยงานเจ้าของแผน',
            'the responsible unit is outside the plan’s organisation',
          ),
        );
      }
    });
  };
  const checkCodes = (codes: readonly string[], path: string) => {
    codes.forEach((code, k) => {
      if (!ctx.editionCodes.has(code)) {
        errors.push(
          d(`${path}[${k}]`, `ไม่มีรหัส ${code} ในกรอบการประเมิน`, `${code} does not exist in the edition`),
        );
      }
    });
  };
  content.issues.forEach((iss, i) => {
    const ip = `issues[${i}]`;
    uniqueId(iss.id, ip);
    checkCodes(iss.codes, `${ip}.codes`);
    const pointIds = new Set(iss.points.map((p) => p.id));
    iss.points.forEach((p, k) => {
      uniqueId(p.id, `${ip}.points[${k}]`);
    });
    iss.measures.forEach((m, j) => {
      const mp = `${ip}.measures[${j}]`;
      uniqueId(m.id, mp);
      checkTimeframe(m.timeframe, `${mp}.timeframe`);
      checkResponsible(m.responsible, `${mp}.responsible`);
      checkCodes(m.codes, `${mp}.codes`);
      m.pointIds.forEach((pointId, k) => {
        if (!pointIds.has(pointId)) {
          errors.push(d(`${mp}.pointIds[${k}]`, 'ไม่พบประเด็นย่อยที่อ้างถึง', 'unknown point of this issue'));
        }
      });
      m.steps.forEach((s, k) => {
        const sp = `${mp}.steps[${k}]`;
        uniqueId(s.id, sp);
        checkTimeframe(s.timeframe, `${sp}.timeframe`);
        checkResponsible(s.responsible, `${sp}.responsible`);
      });
    });
  });
  return errors;
}

/** Every unit id a plan names, to load their paths in one query. */
export function unitIdsOf(content: PlanContent): string[] {
  const ids = new Set<string>();
  for (const iss of content.issues) {
    for (const m of iss.measures) {
      for (const u of m.responsible.unitIds) ids.add(u);
      for (const s of m.steps) for (const u of s.responsible?.unitIds ?? []) ids.add(u);
    }
  }
  return [...ids];
}
