import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useMemo } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { ApiRequestError, queryKeys } from './api.ts';
import { BeDatesProvider } from './components/BeDateInput.tsx';
import { i18n } from './i18n/index.ts';
import { Root } from './Root.tsx';
import { themeIn } from './theme.ts';

/**
 * A 401 anywhere means the session ended: forget the user, which shows the sign-in page.
 * A stale version means someone else changed the record: reload what is shown.
 */
function onApiError(error: unknown) {
  if (!(error instanceof ApiRequestError)) return;
  if (error.status === 401) queryClient.setQueryData(queryKeys.me, null);
  if (error.code === 'stale_version') void queryClient.invalidateQueries();
}

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  mutationCache: new MutationCache({ onError: onApiError }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (count, error) =>
        count < 2 && !(error instanceof ApiRequestError && error.status >= 400 && error.status < 500),
    },
  },
});

export function App() {
  return (
    <I18nextProvider i18n={i18n}>
      <Themed />
    </I18nextProvider>
  );
}

/** Mantine with the theme in the UI language (dialogs' close buttons named in it). */
function Themed() {
  const { t } = useTranslation();
  const closeLabel = t('common.close');
  const theme = useMemo(() => themeIn(closeLabel), [closeLabel]);
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <BeDatesProvider>
        <Notifications position="top-right" />
        <QueryClientProvider client={queryClient}>
          <Root />
        </QueryClientProvider>
      </BeDatesProvider>
    </MantineProvider>
  );
}
