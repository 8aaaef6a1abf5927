import { Button, Divider, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';

/** Where a provider's button starts the sign-in, returning to `returnTo` (the server keeps only a path of ours). */
export function oidcStartHref(providerId: string, returnTo: string): string {
  return `/api/auth/oidc/${encodeURIComponent(providerId)}/start?returnTo=${encodeURIComponent(returnTo)}`;
}

/** A button per enabled identity provider (ThaID, the agency's provider); nothing when there is none. */
export function OidcSignInButtons({ returnTo }: { returnTo: string }) {
  const { t } = useTranslation();
  const providers = useQuery({
    queryKey: ['auth', 'oidc-providers'],
    queryFn: api.identity.signInProviders,
    staleTime: 60_000,
  });
  const items = providers.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Stack gap="sm" mt="md">
      <Divider label={t('identity.orSignInWith')} labelPosition="center" />
      {items.map((provider) => (
        <Button
          key={provider.id}
          component="a"
          href={oidcStartHref(provider.id, returnTo)}
          variant="outline"
          fullWidth
          aria-label={t('identity.signInWith', { name: provider.name })}
        >
          {provider.name}
        </Button>
      ))}
    </Stack>
  );
}
