import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '../api.ts';
import { useLang } from '../i18n/index.ts';

/** Loading and error states of a query; renders children with the data once it is there. */
export function QueryState<T>({
  query,
  children,
}: {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  if (query.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (query.isError) {
    const message =
      query.error instanceof ApiRequestError ? query.error.message_in(lang) : t('errors.unexpected');
    return (
      <Alert color="red" role="alert" title={t('errors.loadFailed')}>
        <Stack gap="xs" align="flex-start">
          {message}
          <Button size="xs" variant="light" onClick={() => void query.refetch()}>
            {t('common.retry')}
          </Button>
        </Stack>
      </Alert>
    );
  }
  return <>{children(query.data)}</>;
}
