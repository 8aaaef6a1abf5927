import type { OrganizationRow } from '../../api.ts';
import type { Lang } from '../../i18n/index.ts';
import type { Permissions } from '../../session.tsx';
import { orgName } from '../organizations/names.ts';
import { buildTree, visibleRows } from '../organizations/tree.ts';

/** Active organisations the user administers, indented in tree order, for a Select. */
export function adminOrganizationOptions(
  organizations: OrganizationRow[],
  permissions: Permissions,
  lang: Lang,
) {
  return visibleRows(buildTree(organizations), new Set())
    .filter(({ org }) => org.active && permissions.adminOn(org.id))
    .map(({ org, level }) => ({
      value: org.id,
      label: `${'\u2003'.repeat(level)}${orgName(org, lang)} (${org.code})`,
    }));
}
