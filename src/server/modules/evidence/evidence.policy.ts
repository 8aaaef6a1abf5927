import { type Actor, ALL_ROLES, hasRoleOn } from '../../http/actor.ts';
import { planPolicy } from '../plans/plans.policy.ts';

/** A report accepts and loses evidence only in these states (as its own fields: see progress reports). */
export const EDITABLE_SLOT_STATES = ['pending', 'draft', 'returned'];

/**
 * Evidence belongs to a report slot, so to its unit.
 * - upload or delete: a role held on the slot's unit itself or inside it, never from above (as
 *   acknowledging a plan), while the round is open and the report is not submitted or accepted
 * - list and download: those people, or any role covering the unit or the plan's organisation
 */
export const evidencePolicy = {
  edit: (actor: Actor, unitPath: string) => planPolicy.acknowledgeFor(actor, unitPath),
  read: (actor: Actor, unitPath: string, planOrgPath: string) =>
    planPolicy.acknowledgeFor(actor, unitPath) ||
    hasRoleOn(actor, ALL_ROLES, unitPath) ||
    hasRoleOn(actor, ALL_ROLES, planOrgPath),
};
