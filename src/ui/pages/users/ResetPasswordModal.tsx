import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { changePasswordSchema } from '#shared/users/contract.ts';
import { api, queryKeys, type UserRow } from '../../api.ts';
import { FormError } from '../../components/FormError.tsx';
import { applyServerErrors, schemaResolver, useErrorText } from '../../forms.ts';
import { useSession } from '../../session.tsx';

const FIELDS = ['currentPassword', 'newPassword'] as const;

/** An admin sets a new password for a user; for one's own account the current password is asked too. */
export function ResetPasswordModal({ user, onClose }: { user: UserRow; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const me = useSession();
  const self = me.user.id === user.id;
  const queryClient = useQueryClient();
  const form = useForm({
    resolver: schemaResolver(changePasswordSchema),
    defaultValues: { currentPassword: '', newPassword: '' },
  });
  const change = useMutation({
    mutationFn: (values: { currentPassword?: string; newPassword: string }) =>
      api.users.setPassword(user.id, {
        newPassword: values.newPassword,
        ...(self ? { currentPassword: values.currentPassword } : {}),
      }),
    onSuccess: () => {
      // A new password bumps the user's version.
      void queryClient.invalidateQueries({ queryKey: queryKeys.users });
      notifications.show({ color: 'green', message: t('users.passwordChanged', { name: user.displayName }) });
      onClose();
    },
    onError: (error) => applyServerErrors(error, form.setError, FIELDS),
  });
  const { errors } = form.formState;

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('users.resetPasswordTitle', { name: user.displayName })}
      centered
    >
      <form
        onSubmit={form.handleSubmit(
          (values) => change.mutate(values),
          () => change.reset(),
        )}
        noValidate
      >
        <Stack>
          <Text size="sm">{t(self ? 'users.changeOwnPasswordIntro' : 'users.resetPasswordIntro')}</Text>
          <FormError error={change.error} fields={FIELDS} />
          {self && (
            <PasswordInput
              label={t('users.fields.currentPassword')}
              autoComplete="current-password"
              required
              {...form.register('currentPassword')}
              error={errorText(errors.currentPassword)}
            />
          )}
          <PasswordInput
            label={t('users.fields.newPassword')}
            description={t('users.passwordRule')}
            autoComplete="new-password"
            required
            {...form.register('newPassword')}
            error={errorText(errors.newPassword)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={change.isPending}>
              {t('users.setPassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
