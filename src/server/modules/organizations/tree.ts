/** Materialised paths: '/<root id>/<child id>/'. Pure functions, so the tree rules test without a DB. */
export const ROOT_PATH = '/';

export function childPath(parentPath: string | null, id: string): string {
  return `${parentPath ?? ROOT_PATH}${id}/`;
}

export function isWithin(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}

export function depthOf(path: string): number {
  return path.split('/').filter(Boolean).length - 1;
}

/** Moving under itself or one of its own descendants would cut the subtree off the tree. */
export function wouldCreateCycle(movingPath: string, newParentPath: string | null): boolean {
  return newParentPath !== null && isWithin(newParentPath, movingPath);
}

/** The path a descendant gets when its ancestor moves from oldPrefix to newPrefix. */
export function rebase(path: string, oldPrefix: string, newPrefix: string): string {
  return newPrefix + path.slice(oldPrefix.length);
}
