import type { Role } from '#shared/auth/roles.ts';

/** One role a user holds; organizationPath null means the whole deployment. */
export type Grant = {
  id: string;
  role: Role;
  organizationId: string | null;
  organizationPath: string | null;
  organizationNameTh: string | null;
};

export type Actor = {
  userId: string;
  email: string;
  displayName: string;
  locale: 'th' | 'en';
  grants: Grant[];
};

export const ALL_ROLES: readonly Role[] = ['admin', 'secretariat', 'unit_reporter', 'executive', 'viewer'];

/** A grant covers an organisation when it is held on it or on one of its ancestors. */
export function grantCovers(grant: Grant, organizationPath: string): boolean {
  return grant.organizationPath === null || organizationPath.startsWith(grant.organizationPath);
}

export function hasRoleOn(actor: Actor, roles: readonly Role[], organizationPath: string): boolean {
  return actor.grants.some((g) => roles.includes(g.role) && grantCovers(g, organizationPath));
}

export function isDeploymentAdmin(actor: Actor): boolean {
  return actor.grants.some((g) => g.role === 'admin' && g.organizationPath === null);
}

/** The subtree roots an actor reaches with any of the roles (null in the list: everything). */
export function scopeRoots(actor: Actor, roles: readonly Role[] = ALL_ROLES): (string | null)[] {
  return actor.grants.filter((g) => roles.includes(g.role)).map((g) => g.organizationPath);
}
