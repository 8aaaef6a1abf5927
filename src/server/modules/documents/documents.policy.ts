import { type Actor, ALL_ROLES, hasRoleOn } from '../../http/actor.ts';

/**
 * Documents belong to the organisation of their subject.
 * - read (list versions, download, preview options and drafts): any role on the organisation
 * - generate, edit memo and circular text, remember options, set the emblem: secretariat or admin there
 * - add a font to the fonts folder (shared by the whole deployment): a deployment-wide admin
 */
export const documentPolicy = {
  read: (actor: Actor, orgPath: string) => hasRoleOn(actor, ALL_ROLES, orgPath),
  edit: (actor: Actor, orgPath: string) => hasRoleOn(actor, ['secretariat', 'admin'], orgPath),
  manageFonts: (actor: Actor) => actor.grants.some((g) => g.role === 'admin' && g.organizationPath === null),
};
