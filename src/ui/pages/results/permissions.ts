import { useMemo } from 'react';
import type { OrganizationRow } from '../../api.ts';
import { useSession } from '../../session.tsx';

/**
 * Whether the signed-in user may enter, import and analyse results of an organisation: secretariat or
 * admin on it or on one of its ancestors (the server checks every request again).
 */
export function useResultWriter(organizations: readonly OrganizationRow[]) {
  const { user } = useSession();
  return useMemo(() => {
    const byId = new Map(organizations.map((o) => [o.id, o]));
    const grants = user.roles.filter((r) => r.role === 'secretariat' || r.role === 'admin');
    const deploymentWide = grants.some((r) => r.organizationId === null);
    const grantIds = new Set(grants.map((r) => r.organizationId));
    return (organizationId: string | null | undefined): boolean => {
      if (!organizationId) return false;
      if (deploymentWide) return true;
      let current = byId.get(organizationId);
      if (!current) return grantIds.has(organizationId);
      while (current) {
        if (grantIds.has(current.id)) return true;
        current = current.parentId ? byId.get(current.parentId) : undefined;
      }
      return false;
    };
  }, [organizations, user.roles]);
}
