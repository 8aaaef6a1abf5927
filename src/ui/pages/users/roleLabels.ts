import { ROLE_LABELS, ROLES, type Role } from '#shared/auth/roles.ts';
import type { Lang } from '../../i18n/index.ts';

export function roleLabel(role: Role, lang: Lang): string {
  return ROLE_LABELS[role][lang];
}

export function roleOptions(lang: Lang) {
  return ROLES.map((role) => ({ value: role, label: roleLabel(role, lang) }));
}
