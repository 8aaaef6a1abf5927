import { Center, Loader } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api, queryKeys } from './api.ts';
import { QueryState } from './components/QueryState.tsx';
import { AppLayout } from './layout/AppLayout.tsx';
import { SetupPage } from './pages/auth/SetupPage.tsx';
import { SignInPage } from './pages/auth/SignInPage.tsx';
import { HomePage } from './pages/home/HomePage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { navigate, type Route, useRoute } from './router.tsx';
import { SessionProvider } from './session.tsx';

/*
 * Each page but home is its own chunk, fetched when first opened: the first screen (sign-in, home)
 * does not wait for the charts, the plan editor or the spreadsheet import.
 */
const AuditPage = lazy(() => import('./pages/audit/AuditPage.tsx').then((m) => ({ default: m.AuditPage })));
const EditionPage = lazy(() =>
  import('./pages/catalogue/EditionPage.tsx').then((m) => ({ default: m.EditionPage })),
);
const EditionsPage = lazy(() =>
  import('./pages/catalogue/EditionsPage.tsx').then((m) => ({ default: m.EditionsPage })),
);
const ReportPage = lazy(() =>
  import('./pages/followup/ReportPage.tsx').then((m) => ({ default: m.ReportPage })),
);
const RoundPage = lazy(() =>
  import('./pages/followup/RoundPage.tsx').then((m) => ({ default: m.RoundPage })),
);
const OitPage = lazy(() => import('./pages/oit/OitPage.tsx').then((m) => ({ default: m.OitPage })));
const NationalPage = lazy(() =>
  import('./pages/national/NationalPage.tsx').then((m) => ({ default: m.NationalPage })),
);
const OrganizationsPage = lazy(() =>
  import('./pages/organizations/OrganizationsPage.tsx').then((m) => ({ default: m.OrganizationsPage })),
);
const PlanPage = lazy(() => import('./pages/plans/PlanPage.tsx').then((m) => ({ default: m.PlanPage })));
const PlansPage = lazy(() => import('./pages/plans/PlansPage.tsx').then((m) => ({ default: m.PlansPage })));
const TasksPage = lazy(() => import('./pages/plans/TasksPage.tsx').then((m) => ({ default: m.TasksPage })));
const AnalysisPage = lazy(() =>
  import('./pages/results/analysis/AnalysisPage.tsx').then((m) => ({ default: m.AnalysisPage })),
);
const ResultEntryPage = lazy(() =>
  import('./pages/results/entry/EntryPage.tsx').then((m) => ({ default: m.ResultEntryPage })),
);
const ResultImportPage = lazy(() =>
  import('./pages/results/import/ImportPage.tsx').then((m) => ({ default: m.ResultImportPage })),
);
const ResultsPage = lazy(() =>
  import('./pages/results/ResultsPage.tsx').then((m) => ({ default: m.ResultsPage })),
);
const UsersPage = lazy(() => import('./pages/users/UsersPage.tsx').then((m) => ({ default: m.UsersPage })));
const IdentityProvidersPage = lazy(() =>
  import('./pages/identity/IdentityProvidersPage.tsx').then((m) => ({ default: m.IdentityProvidersPage })),
);
const AccountPage = lazy(() =>
  import('./pages/line/AccountPage.tsx').then((m) => ({ default: m.AccountPage })),
);
const LineSettingsPage = lazy(() =>
  import('./pages/line/LineSettingsPage.tsx').then((m) => ({ default: m.LineSettingsPage })),
);

const HOME = '/';

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return <Loading />;
}

function Loading() {
  const { t } = useTranslation();
  return (
    <Center h="100vh">
      <Loader aria-label={t('common.loading')} />
    </Center>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.name) {
    case 'home':
      return <HomePage />;
    case 'organizations':
      return <OrganizationsPage />;
    case 'users':
      return <UsersPage />;
    case 'identity-providers':
      return <IdentityProvidersPage />;
    case 'catalogue':
      return <EditionsPage />;
    case 'edition':
      return <EditionPage fiscalYear={route.fiscalYear} />;
    case 'audit':
      return <AuditPage />;
    case 'account':
      return <AccountPage />;
    case 'line-settings':
      return <LineSettingsPage />;
    case 'results':
      return <ResultsPage />;
    case 'result-entry':
      return (
        <ResultEntryPage
          key={`${route.organizationId}/${route.fiscalYear}`}
          organizationId={route.organizationId}
          fiscalYear={route.fiscalYear}
        />
      );
    case 'result-import':
      return (
        <ResultImportPage
          key={`${route.organizationId}/${route.fiscalYear}`}
          organizationId={route.organizationId}
          fiscalYear={route.fiscalYear}
        />
      );
    case 'analysis':
      return <AnalysisPage key={route.id} id={route.id} />;
    case 'plans':
      return <PlansPage />;
    case 'plan':
      return <PlanPage key={route.id} id={route.id} />;
    case 'tasks':
      return <TasksPage />;
    case 'oit':
      return <OitPage />;
    case 'national':
      return <NationalPage />;
    case 'round':
      return <RoundPage key={route.id} id={route.id} />;
    case 'report':
      return <ReportPage key={route.id} id={route.id} />;
    default:
      return <NotFoundPage />;
  }
}

/** Chooses between first-run setup, sign-in and the signed-in application. */
export function Root() {
  const route = useRoute();
  const setup = useQuery({ queryKey: queryKeys.setup, queryFn: api.auth.setupStatus, staleTime: Infinity });
  const me = useQuery({ queryKey: queryKeys.me, queryFn: api.auth.me, staleTime: Infinity });

  return (
    <QueryState query={setup}>
      {({ needsFirstAdmin }) => {
        if (needsFirstAdmin) return route.name === 'setup' ? <SetupPage /> : <Redirect to="/setup" />;
        return (
          <QueryState query={me}>
            {(session) => {
              if (!session) {
                if (route.name === 'setup') return <SetupPage />;
                if (route.name === 'sign-in') return <SignInPage />;
                const next = window.location.pathname;
                return (
                  <Redirect to={next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`} />
                );
              }
              if (route.name === 'sign-in' || route.name === 'setup') {
                return <Redirect to={HOME} />;
              }
              return (
                <SessionProvider me={session}>
                  <AppLayout>
                    <Suspense fallback={<Loading />}>
                      <Page route={route} />
                    </Suspense>
                  </AppLayout>
                </SessionProvider>
              );
            }}
          </QueryState>
        );
      }}
    </QueryState>
  );
}
