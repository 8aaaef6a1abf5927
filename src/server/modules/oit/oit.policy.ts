import { type Actor, ALL_ROLES, hasRoleOn } from '../../http/actor.ts';

/**
 * The OIT tracker of an organisation and fiscal year, decided like plans:
 * - read (the tracker, the XLSX): any role on the organisation or an ancestor (executives and viewers
 *   included), and any role on a unit inside it, since units are given items to prepare and the
 *   addresses are meant for the public anyway
 * - edit an item, run the link checker: secretariat or admin on the organisation or an ancestor
 */
export const oitPolicy = {
  read: (actor: Actor, orgPath: string) =>
    hasRoleOn(actor, ALL_ROLES, orgPath) ||
    actor.grants.some((g) => g.organizationPath?.startsWith(orgPath) ?? false),
  edit: (actor: Actor, orgPath: string) => hasRoleOn(actor, ['secretariat', 'admin'], orgPath),
};
