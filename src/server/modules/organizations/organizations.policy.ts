import { type Actor, ALL_ROLES, hasRoleOn, isDeploymentAdmin } from '../../http/actor.ts';

/**
 * Who may do what to organisations. Every organisation route calls exactly one of these.
 * - read / list: any role on the organisation (roles cover the subtree)
 * - create: admin on the parent; a top-level organisation needs a deployment-wide admin
 * - update / deactivate / reactivate: admin on the organisation
 * - move: admin on the organisation and on the new parent (deployment admin for top level)
 */
export const organizationPolicy = {
  read: (actor: Actor, orgPath: string) => hasRoleOn(actor, ALL_ROLES, orgPath),
  create: (actor: Actor, parentPath: string | null) =>
    parentPath === null ? isDeploymentAdmin(actor) : hasRoleOn(actor, ['admin'], parentPath),
  update: (actor: Actor, orgPath: string) => hasRoleOn(actor, ['admin'], orgPath),
  move: (actor: Actor, orgPath: string, newParentPath: string | null) =>
    hasRoleOn(actor, ['admin'], orgPath) &&
    (newParentPath === null ? isDeploymentAdmin(actor) : hasRoleOn(actor, ['admin'], newParentPath)),
};
