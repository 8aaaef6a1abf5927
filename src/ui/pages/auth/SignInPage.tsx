import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { signInRequestSchema } from '#shared/auth/contract.ts';
import { api, queryKeys } from '../../api.ts';
import { FormError } from '../../components/FormError.tsx';
import { applyServerErrors, schemaResolver, useErrorText } from '../../forms.ts';
import { navigate } from '../../router.tsx';
import { AuthFrame } from './AuthFrame.tsx';
import { OidcSignInButtons } from './OidcSignInButtons.tsx';

const FIELDS = ['email', 'password'] as const;

/** Where to go after signing in: the page asked for, if it is one of ours, else the home page (งานของฉัน). */
function nextPath(): string {
  const next = new URLSearchParams(window.location.search).get('next');
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : '/';
}

export function SignInPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const form = useForm({
    resolver: schemaResolver(signInRequestSchema),
    defaultValues: { email: '', password: '' },
  });
  const signIn = useMutation({
    mutationFn: api.auth.signIn,
    onSuccess: (me) => {
      navigate(nextPath(), { replace: true });
      queryClient.setQueryData(queryKeys.me, me);
    },
    onError: (error) => applyServerErrors(error, form.setError, FIELDS),
  });
  const { errors } = form.formState;

  return (
    <AuthFrame title={t('signIn.title')}>
      <form
        onSubmit={form.handleSubmit(
          (values) => signIn.mutate(values),
          () => signIn.reset(),
        )}
        noValidate
      >
        <Stack>
          <FormError error={signIn.error} fields={FIELDS} />
          <TextInput
            label={t('signIn.email')}
            type="email"
            autoComplete="username"
            required
            {...form.register('email')}
            error={errorText(errors.email)}
          />
          <PasswordInput
            label={t('signIn.password')}
            autoComplete="current-password"
            required
            {...form.register('password')}
            error={errorText(errors.password)}
          />
          <Button type="submit" loading={signIn.isPending}>
            {t('signIn.submit')}
          </Button>
        </Stack>
      </form>
      <OidcSignInButtons returnTo={nextPath()} />
    </AuthFrame>
  );
}
