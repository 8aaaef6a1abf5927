import { Center, Loader } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api, queryKeys } from './api.ts';
import { QueryState } from './components/QueryState.tsx';
import { AppLayout } from './layout/AppLayout.tsx';
import { AuditPage } from './pages/audit/AuditPage.tsx';
import { SetupPage } from './pages/auth/SetupPage.tsx';
import { SignInPage } from './pages/auth/SignInPage.tsx';
import { EditionPage } from './pages/catalogue/EditionPage.tsx';
import { EditionsPage } from './pages/catalogue/EditionsPage.tsx';
import { ReportPage } from './pages/followup/ReportPage.tsx';
import { RoundPage } from './pages/followup/RoundPage.tsx';
import { HomePage } from './pages/home/HomePage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { OitPage } from './pages/oit/OitPage.tsx';
import { OrganizationsPage } from './pages/organizations/OrganizationsPage.tsx';
import { PlanPage } from './pages/plans/PlanPage.tsx';
import { PlansPage } from './pages/plans/PlansPage.tsx';
import { TasksPage } from './pages/plans/TasksPage.tsx';
import { AnalysisPage } from './pages/results/analysis/AnalysisPage.tsx';
import { ResultEntryPage } from './pages/results/entry/EntryPage.tsx';
import { ResultImportPage } from './pages/results/import/ImportPage.tsx';
import { ResultsPage } from './pages/results/ResultsPage.tsx';
import { UsersPage } from './pages/users/UsersPage.tsx';
import { navigate, type Route, useRoute } from './router.tsx';
import { SessionProvider } from './session.tsx';

const HOME = '/';

function Redirect({ to }: { to: string }) {
  const { t } = useTranslation();
  useEffect(() => navigate(to, { replace: true }), [to]);
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
    case 'catalogue':
      return <EditionsPage />;
    case 'edition':
      return <EditionPage fiscalYear={route.fiscalYear} />;
    case 'audit':
      return <AuditPage />;
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
                    <Page route={route} />
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
