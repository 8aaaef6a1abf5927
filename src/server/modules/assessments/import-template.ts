import { like } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { organizations } from '../../db/schema/index.ts';
import type { Actor } from '../../http/actor.ts';
import { fail } from '../../http/app-error.ts';
import { editionWithSupplied } from '../catalogue/supplied-questions.service.ts';
import { readableOrganizationRow } from '../organizations/organizations.service.ts';
import { assessmentPolicy } from './assessments.policy.ts';
import { editionForYear } from './assessments.service.ts';
import { buildLongTemplate, buildWideTemplate } from './import/templates.ts';

/**
 * A blank import file made from an edition: long (one row per code, for one organisation) or wide
 * (one row per organisation of the subtree, one column per code), listing the questions agencies
 * supplied for an edition without a list.
 */
export async function importTemplate(
  db: Db,
  actor: Actor,
  input: {
    editionYear: number;
    layout: 'long' | 'wide';
    format: 'csv' | 'xlsx';
    organizationId?: string | undefined;
  },
) {
  if (actor.grants.length === 0) throw fail.forbidden();
  // With the questions and wording agencies supplied for the edition (2569 IIT/EIT once one did).
  const edition = await editionWithSupplied(db, await editionForYear(db, input.editionYear));
  const org = input.organizationId ? await readableOrganizationRow(db, actor, input.organizationId) : null;
  if (org && !assessmentPolicy.read(actor, org.path)) throw fail.forbidden();
  if (input.layout === 'long') {
    return buildLongTemplate(edition, input.format, org ? { organizationCode: org.code } : undefined);
  }
  const codes = org
    ? (
        await db
          .select({ code: organizations.code, path: organizations.path, active: organizations.active })
          .from(organizations)
          .where(like(organizations.path, `${org.path}%`))
      )
        .filter((o) => o.active)
        .sort((a, b) => a.path.length - b.path.length || a.code.localeCompare(b.code))
        .map((o) => o.code)
    : [];
  return buildWideTemplate(edition, codes, input.format);
}
