import { type Actor, ALL_ROLES, hasRoleOn } from '../../http/actor.ts';
import { planPolicy } from '../plans/plans.policy.ts';

/**
 * Follow-up rounds belong to the plan's organisation; reports belong to a unit.
 * - open, close, reopen rounds and review reports: secretariat or admin on the plan's organisation
 * - read a round and its roll-up: any role on the plan's organisation
 * - write and submit a report: a role held on the report's unit itself (never from above)
 * - read a report: its unit's people, or anyone who reads the round
 */
export const progressPolicy = {
  manage: (actor: Actor, planOrgPath: string) => hasRoleOn(actor, ['secretariat', 'admin'], planOrgPath),
  read: (actor: Actor, planOrgPath: string) => hasRoleOn(actor, ALL_ROLES, planOrgPath),
  report: (actor: Actor, unitPath: string) => planPolicy.acknowledgeFor(actor, unitPath),
};
