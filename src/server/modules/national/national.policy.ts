import type { Role } from '#shared/auth/roles.ts';
import { type Actor, hasRoleOn, scopeRoots } from '../../http/actor.ts';

/**
 * Who sees the national view of a node: the roles that read an agency's whole cycle (admin,
 * secretariat, executive, viewer) held on the node or above it, so a province's secretariat sees its
 * province and what is under it, and an agency's people see their own agency only. A unit reporter
 * answers for a unit's reports and sees no national view.
 */
export const NATIONAL_ROLES: readonly Role[] = ['admin', 'secretariat', 'executive', 'viewer'];

export const nationalPolicy = {
  read: (actor: Actor, nodePath: string) => hasRoleOn(actor, NATIONAL_ROLES, nodePath),
  /** The subtree roots the caller may open (null: the whole deployment). */
  roots: (actor: Actor) => scopeRoots(actor, NATIONAL_ROLES),
};
