import type { PlanContent, PlanDiff } from '#shared/plans/contract.ts';

type Change = PlanDiff['changes'][number];

function changedFields<T extends object>(a: T, b: T, skip: (keyof T)[] = []): string[] {
  return (Object.keys({ ...a, ...b }) as (keyof T)[])
    .filter((k) => !skip.includes(k) && JSON.stringify(a[k]) !== JSON.stringify(b[k]))
    .map(String);
}

/** What changed between two versions of a plan, by issue and measure id. */
export function diffPlans(before: PlanContent, after: PlanContent): Change[] {
  const changes: Change[] = [];
  const planFields = changedFields(before, after, ['issues']);
  if (planFields.length)
    changes.push({ kind: 'changed', what: 'plan', path: '', label: after.title, fields: planFields });
  const oldIssues = new Map(before.issues.map((i) => [i.id, i]));
  const newIssues = new Map(after.issues.map((i) => [i.id, i]));
  for (const [id, issue] of newIssues) {
    const old = oldIssues.get(id);
    if (!old) {
      changes.push({ kind: 'added', what: 'issue', path: id, label: issue.title, fields: [] });
      continue;
    }
    const fields = changedFields(old, issue, ['measures']);
    if (fields.length) changes.push({ kind: 'changed', what: 'issue', path: id, label: issue.title, fields });
    const oldMeasures = new Map(old.measures.map((m) => [m.id, m]));
    for (const m of issue.measures) {
      const prev = oldMeasures.get(m.id);
      if (!prev)
        changes.push({ kind: 'added', what: 'measure', path: `${id}/${m.id}`, label: m.title, fields: [] });
      else {
        const mf = changedFields(prev, m);
        if (mf.length)
          changes.push({
            kind: 'changed',
            what: 'measure',
            path: `${id}/${m.id}`,
            label: m.title,
            fields: mf,
          });
      }
    }
    for (const m of old.measures) {
      if (!issue.measures.some((x) => x.id === m.id)) {
        changes.push({ kind: 'removed', what: 'measure', path: `${id}/${m.id}`, label: m.title, fields: [] });
      }
    }
  }
  for (const [id, issue] of oldIssues) {
    if (!newIssues.has(id))
      changes.push({ kind: 'removed', what: 'issue', path: id, label: issue.title, fields: [] });
  }
  return changes;
}
