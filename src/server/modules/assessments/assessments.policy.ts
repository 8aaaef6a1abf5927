import { type Actor, ALL_ROLES, hasRoleOn } from '../../http/actor.ts';

/**
 * Results and analyses belong to an organisation.
 * - read: any role on the organisation (executives, viewers and unit reporters read them)
 * - write (enter, import, analyse, edit narratives): secretariat or admin on the organisation
 */
export const assessmentPolicy = {
  read: (actor: Actor, orgPath: string) => hasRoleOn(actor, ALL_ROLES, orgPath),
  write: (actor: Actor, orgPath: string) => hasRoleOn(actor, ['secretariat', 'admin'], orgPath),
};
