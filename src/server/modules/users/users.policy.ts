import { type Actor, type Grant, grantCovers, hasRoleOn, isDeploymentAdmin } from '../../http/actor.ts';

/** An admin manages a user when the admin covers at least one organisation the user holds a role on. */
function managesUser(actor: Actor, targetGrants: Grant[]): boolean {
  if (isDeploymentAdmin(actor)) return true;
  return targetGrants.some(
    (target) =>
      target.organizationPath !== null &&
      actor.grants.some((g) => g.role === 'admin' && grantCovers(g, target.organizationPath!)),
  );
}

/**
 * Who may do what to users and roles. Every user route calls exactly one of these.
 * - list: admin on any organisation (sees the users holding roles in that subtree)
 * - read / update / reset password: the user themself, or an admin managing them
 * - create: admin on the organisation of the first role
 * - grant / revoke: admin on the organisation of the role; a deployment-wide role needs a deployment admin
 */
export const userPolicy = {
  list: (actor: Actor) => actor.grants.some((g) => g.role === 'admin'),
  read: (actor: Actor, userId: string, targetGrants: Grant[]) =>
    actor.userId === userId || managesUser(actor, targetGrants),
  manage: (actor: Actor, targetGrants: Grant[]) => managesUser(actor, targetGrants),
  grantOn: (actor: Actor, organizationPath: string | null) =>
    organizationPath === null ? isDeploymentAdmin(actor) : hasRoleOn(actor, ['admin'], organizationPath),
};
