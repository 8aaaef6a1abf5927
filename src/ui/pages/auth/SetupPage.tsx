import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { firstAdminRequestSchema } from '#shared/auth/contract.ts';
import { api, queryKeys } from '../../api.ts';
import { FormError } from '../../components/FormError.tsx';
import { applyServerErrors, schemaResolver, useErrorText } from '../../forms.ts';
import { Link, navigate } from '../../router.tsx';
import { AuthFrame } from './AuthFrame.tsx';

const FIELDS = ['email', 'displayName', 'password'] as const;

/** First run: while no user exists, anyone reaching the server creates the first administrator. */
export function SetupPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: queryKeys.setup, queryFn: api.auth.setupStatus });
  const form = useForm({
    resolver: schemaResolver(firstAdminRequestSchema),
    defaultValues: { email: '', displayName: '', password: '' },
  });
  const create = useMutation({
    mutationFn: api.auth.createFirstAdmin,
    onSuccess: (me) => {
      navigate('/organizations', { replace: true });
      queryClient.setQueryData(queryKeys.setup, { needsFirstAdmin: false });
      queryClient.setQueryData(queryKeys.me, me);
    },
    onError: (error) => applyServerErrors(error, form.setError, FIELDS),
  });
  const { errors } = form.formState;

  if (status.data && !status.data.needsFirstAdmin) {
    return (
      <AuthFrame title={t('setup.title')}>
        <Stack>
          <Alert color="blue">{t('setup.alreadyDone')}</Alert>
          <Anchor component={Link} to="/sign-in">
            {t('setup.toSignIn')}
          </Anchor>
        </Stack>
      </AuthFrame>
    );
  }

  return (
    <AuthFrame title={t('setup.title')}>
      <form
        onSubmit={form.handleSubmit(
          (values) => create.mutate(values),
          () => create.reset(),
        )}
        noValidate
      >
        <Stack>
          <Text size="sm">{t('setup.intro')}</Text>
          <FormError error={create.error} fields={FIELDS} />
          <TextInput
            label={t('users.fields.email')}
            type="email"
            autoComplete="username"
            required
            {...form.register('email')}
            error={errorText(errors.email)}
          />
          <TextInput
            label={t('users.fields.displayName')}
            autoComplete="name"
            required
            {...form.register('displayName')}
            error={errorText(errors.displayName)}
          />
          <PasswordInput
            label={t('users.fields.password')}
            description={t('users.passwordRule')}
            autoComplete="new-password"
            required
            {...form.register('password')}
            error={errorText(errors.password)}
          />
          <Button type="submit" loading={create.isPending}>
            {t('setup.submit')}
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  );
}
