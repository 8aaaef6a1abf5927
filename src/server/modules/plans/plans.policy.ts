import { type Actor, ALL_ROLES, hasRoleOn } from '../../http/actor.ts';

const PUBLISHED = new Set(['approved', 'circulated', 'superseded']);

/**
 * Plans belong to an organisation.
 * - read: any role on the organisation; once approved, also any role on one of its units
 * - edit, submit, circulate, start a new version: secretariat or admin on the organisation
 * - approve or return: an executive of the organisation
 * - submit despite a failed completeness check: admin on the organisation, with a recorded reason
 * - acknowledge for a unit: a role held on that unit itself (or inside it), never from above
 */
export const planPolicy = {
  read: (actor: Actor, orgPath: string, status: string) =>
    hasRoleOn(actor, ALL_ROLES, orgPath) ||
    (PUBLISHED.has(status) && actor.grants.some((g) => g.organizationPath?.startsWith(orgPath))),
  edit: (actor: Actor, orgPath: string) => hasRoleOn(actor, ['secretariat', 'admin'], orgPath),
  decide: (actor: Actor, orgPath: string) => hasRoleOn(actor, ['executive'], orgPath),
  overrideCompleteness: (actor: Actor, orgPath: string) => hasRoleOn(actor, ['admin'], orgPath),
  acknowledgeFor: (actor: Actor, unitPath: string) =>
    actor.grants.some((g) => g.organizationPath?.startsWith(unitPath) ?? false),
};
