import { Button, Group, Modal, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { type GrantRole, grantRoleSchema } from '#shared/users/contract.ts';
import { api, type OrganizationRow, queryKeys, type UserRow } from '../../api.ts';
import { FormError } from '../../components/FormError.tsx';
import { applyServerErrors, schemaResolver } from '../../forms.ts';
import { useLang } from '../../i18n/index.ts';
import type { Permissions } from '../../session.tsx';
import { adminOrganizationOptions } from './organizationOptions.ts';
import { OrganizationField, RoleField } from './RoleFields.tsx';

const WHOLE = '__deployment__';
const FIELDS = ['role', 'organizationId'] as const;

/** Grant a user a role on an organisation (or, for a deployment admin, on the whole deployment). */
export function GrantRoleModal({
  user,
  organizations,
  permissions,
  onClose,
}: {
  user: UserRow;
  organizations: OrganizationRow[];
  permissions: Permissions;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const queryClient = useQueryClient();
  const orgOptions = [
    ...(permissions.isDeploymentAdmin ? [{ value: WHOLE, label: t('users.wholeDeployment') }] : []),
    ...adminOrganizationOptions(organizations, permissions, lang),
  ];
  const form = useForm({
    resolver: schemaResolver(grantRoleSchema),
    defaultValues: {
      role: 'viewer' as const,
      organizationId: orgOptions.find((o) => o.value !== WHOLE)?.value ?? null,
    },
  });
  const grant = useMutation({
    mutationFn: (values: GrantRole) => api.users.grantRole(user.id, values),
    onSuccess: (updated) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.users });
      notifications.show({ color: 'green', message: t('users.granted', { name: updated.displayName }) });
      onClose();
    },
    onError: (error) => applyServerErrors(error, form.setError, FIELDS),
  });

  return (
    <Modal opened onClose={onClose} title={t('users.grantTitle', { name: user.displayName })} centered>
      <form
        onSubmit={form.handleSubmit(
          (values) => grant.mutate(values),
          () => grant.reset(),
        )}
        noValidate
      >
        <Stack>
          <FormError error={grant.error} fields={FIELDS} />
          <RoleField control={form.control} />
          <OrganizationField control={form.control} options={orgOptions} whole={WHOLE} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={grant.isPending}>
              {t('users.grant')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
