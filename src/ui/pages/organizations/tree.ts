import type { OrganizationRow } from '../../api.ts';

export type OrganizationTree = {
  /** Organisations whose parent is not in the list (the top of what the user may see). */
  roots: OrganizationRow[];
  childrenOf: Map<string, OrganizationRow[]>;
  byId: Map<string, OrganizationRow>;
};

/** Builds the tree from the server's list, which comes in tree order. */
export function buildTree(organizations: readonly OrganizationRow[]): OrganizationTree {
  const byId = new Map(organizations.map((o) => [o.id, o]));
  const childrenOf = new Map<string, OrganizationRow[]>();
  const roots: OrganizationRow[] = [];
  for (const org of organizations) {
    if (org.parentId && byId.has(org.parentId)) {
      const siblings = childrenOf.get(org.parentId) ?? [];
      siblings.push(org);
      childrenOf.set(org.parentId, siblings);
    } else {
      roots.push(org);
    }
  }
  return { roots, childrenOf, byId };
}

/** The organisation and everything below it (a move may not put it under any of these). */
export function subtreeIds(tree: OrganizationTree, id: string): Set<string> {
  const out = new Set<string>([id]);
  const stack = [id];
  while (stack.length > 0) {
    const current = stack.pop()!;
    for (const child of tree.childrenOf.get(current) ?? []) {
      out.add(child.id);
      stack.push(child.id);
    }
  }
  return out;
}

export type VisibleRow = { org: OrganizationRow; level: number; hasChildren: boolean; expanded: boolean };

/** The rows to show, depth first, skipping the children of collapsed nodes. */
export function visibleRows(tree: OrganizationTree, collapsed: ReadonlySet<string>): VisibleRow[] {
  const rows: VisibleRow[] = [];
  const walk = (org: OrganizationRow, level: number) => {
    const children = tree.childrenOf.get(org.id) ?? [];
    const expanded = !collapsed.has(org.id);
    rows.push({ org, level, hasChildren: children.length > 0, expanded });
    if (expanded) for (const child of children) walk(child, level + 1);
  };
  for (const root of tree.roots) walk(root, 0);
  return rows;
}
