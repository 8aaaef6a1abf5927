import { Button, Group, Modal, PasswordInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { createUserSchema } from '#shared/users/contract.ts';
import { api, type OrganizationRow, queryKeys } from '../../api.ts';
import { FormError } from '../../components/FormError.tsx';
import { closeAsking } from '../../drafts.ts';
import { applyServerErrors, schemaResolver, useErrorText } from '../../forms.ts';
import { useLang } from '../../i18n/index.ts';
import { useLeaveGuard } from '../../router.tsx';
import type { Permissions } from '../../session.tsx';
import { adminOrganizationOptions } from './organizationOptions.ts';
import { OrganizationField, RoleField } from './RoleFields.tsx';

const FIELDS = ['email', 'displayName', 'password', 'role', 'organizationId'] as const;

/** A new account with its first role on one organisation. */
export function CreateUserModal({
  organizations,
  permissions,
  onClose,
}: {
  organizations: OrganizationRow[];
  permissions: Permissions;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const orgOptions = adminOrganizationOptions(organizations, permissions, lang);
  const form = useForm({
    resolver: schemaResolver(createUserSchema),
    defaultValues: {
      email: '',
      displayName: '',
      password: '',
      role: 'unit_reporter' as const,
      organizationId: orgOptions[0]?.value ?? '',
    },
  });
  const create = useMutation({
    mutationFn: api.users.create,
    onSuccess: (user) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.users });
      notifications.show({ color: 'green', message: t('users.created', { name: user.displayName }) });
      onClose();
    },
    onError: (error) => applyServerErrors(error, form.setError, FIELDS),
  });
  const { errors, isDirty } = form.formState;
  useLeaveGuard(isDirty, t('drafts.leave'));
  const close = () => closeAsking(isDirty, onClose, t('drafts.closeDirty'));

  return (
    <Modal opened onClose={close} title={t('users.createTitle')} size="lg" centered>
      <form
        onSubmit={form.handleSubmit(
          (values) => create.mutate(values),
          () => create.reset(),
        )}
        noValidate
      >
        <Stack>
          <FormError error={create.error} fields={FIELDS} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('users.fields.email')}
              type="email"
              required
              autoComplete="off"
              {...form.register('email')}
              error={errorText(errors.email)}
            />
            <TextInput
              label={t('users.fields.displayName')}
              required
              {...form.register('displayName')}
              error={errorText(errors.displayName)}
            />
          </SimpleGrid>
          <PasswordInput
            label={t('users.fields.password')}
            description={t('users.passwordRule')}
            required
            autoComplete="new-password"
            {...form.register('password')}
            error={errorText(errors.password)}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <RoleField control={form.control} />
            <OrganizationField control={form.control} options={orgOptions} />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('users.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
