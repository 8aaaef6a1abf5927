import { type Actor, ALL_ROLES, hasRoleOn } from '../../http/actor.ts';

/**
 * Publications belong to an organisation.
 * - see what is published (internal list): any role on the organisation
 * - publish, withdraw, choose the public address name: secretariat or admin on the organisation
 * - read public pages: anyone, without signing in (only published, not withdrawn content)
 */
export const publicationPolicy = {
  read: (actor: Actor, orgPath: string) => hasRoleOn(actor, ALL_ROLES, orgPath),
  publish: (actor: Actor, orgPath: string) => hasRoleOn(actor, ['secretariat', 'admin'], orgPath),
};
