import { createContext, type ReactNode, useContext } from 'react';
import type { Me, OrganizationRow } from './api.ts';

const SessionContext = createContext<Me | null>(null);

export function SessionProvider({ me, children }: { me: Me; children: ReactNode }) {
  return <SessionContext.Provider value={me}>{children}</SessionContext.Provider>;
}

export function useSession(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession outside a signed-in page');
  return me;
}

export type Permissions = {
  /** Admin on at least one organisation: sees users & roles and the audit trail. */
  isAdmin: boolean;
  /** Admin on the whole deployment: top-level organisations, catalogue imports, deployment-wide roles. */
  isDeploymentAdmin: boolean;
  /** Admin on this organisation or one of its ancestors (in the list the server gave). */
  adminOn: (organizationId: string | null) => boolean;
};

/**
 * What the signed-in user may do, to decide which actions to show. The server checks every request
 * again: this only hides what would be refused.
 */
export function usePermissions(organizations: readonly OrganizationRow[] = []): Permissions {
  const { user } = useSession();
  const adminGrants = user.roles.filter((r) => r.role === 'admin');
  const isDeploymentAdmin = adminGrants.some((r) => r.organizationId === null);
  const byId = new Map(organizations.map((o) => [o.id, o]));
  const adminIds = new Set(adminGrants.map((r) => r.organizationId));
  return {
    isAdmin: adminGrants.length > 0,
    isDeploymentAdmin,
    adminOn: (organizationId) => {
      if (isDeploymentAdmin) return true;
      let current = organizationId ? byId.get(organizationId) : undefined;
      if (organizationId && !current) return adminIds.has(organizationId);
      while (current) {
        if (adminIds.has(current.id)) return true;
        current = current.parentId ? byId.get(current.parentId) : undefined;
      }
      return false;
    },
  };
}
