import { type Actor, isDeploymentAdmin } from '../../http/actor.ts';

/**
 * - read: any signed-in user (the framework is public knowledge)
 * - import a new or corrected edition: deployment-wide admin (every agency depends on it)
 */
export const cataloguePolicy = {
  read: (actor: Actor) => actor.grants.length > 0,
  import: (actor: Actor) => isDeploymentAdmin(actor),
};
