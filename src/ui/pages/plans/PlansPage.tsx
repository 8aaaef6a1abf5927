import { Alert, Anchor, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type OrganizationRow, type PlanSummaryRow, queryKeys } from '../../api.ts';
import {
  chosenOrganization,
  OrgYearChooser,
  OrgYearPage,
  type OrgYearViewProps,
} from '../../components/OrgYearChooser.tsx';
import { pagedItems, ShowMore, usePagedList } from '../../components/PagedList.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useFormat } from '../../format.ts';
import { useLang } from '../../i18n/index.ts';
import { Link, navigate, useSearchParams } from '../../router.tsx';
import { orgName } from '../organizations/names.ts';
import { CreatePlanModal } from './CreatePlanModal.tsx';
import { planPaths, planYears, STATUS_COLORS, useRoleOn } from './common.ts';

/** Plans of an organisation (and those below it), by fiscal year, with "create plan". */
export function PlansPage() {
  return <OrgYearPage scope="plans" view={PlansView} />;
}

function PlansView({ organizations, editions }: OrgYearViewProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const params = useSearchParams();
  const roleOn = useRoleOn(organizations);
  const canEdit = (orgId: string) => roleOn(['secretariat', 'admin'], orgId);
  const org = chosenOrganization(organizations, params.get('org'), canEdit);
  const years = planYears(editions);
  const requestedYear = Number(params.get('year'));
  const fiscalYear = years.includes(requestedYear) ? requestedYear : undefined;
  const fromAnalysis = params.get('from');
  const [creating, setCreating] = useState(fromAnalysis !== null);
  const choose = (next: { organizationId?: string; fiscalYear?: number | undefined }) =>
    navigate(planPaths.list({ organizationId: org.id, fiscalYear, ...next }), { replace: true });

  // A page at a time (the server's keyset cursor): a national parent may hold thousands of plans.
  const plans = usePagedList({
    queryKey: queryKeys.plans({ organizationId: org.id, fiscalYear }),
    page: (cursor) => api.plans.list({ organizationId: org.id, fiscalYear }, cursor),
  });
  const editor = canEdit(org.id);
  const name = orgName(org, lang);

  return (
    <Stack>
      <OrgYearChooser
        scope="plans"
        organizations={organizations}
        organizationId={org.id}
        onOrganization={(organizationId) => choose({ organizationId })}
        years={years}
        fiscalYear={fiscalYear}
        onFiscalYear={(year: number | undefined) => choose({ fiscalYear: year })}
        allYears={t('plans.allYears')}
      />
      {editor && (
        <Group>
          <Button onClick={() => setCreating(true)}>{t('plans.createButton')}</Button>
        </Group>
      )}
      <QueryState query={plans}>
        {(data) =>
          pagedItems(data).length === 0 ? (
            <Stack gap="xs">
              <Alert color="gray" variant="light">
                {fiscalYear ? t('plans.noneForYear', { name, year: fiscalYear }) : t('plans.none', { name })}
              </Alert>
              {!editor && (
                <Text size="sm">
                  {t('plans.unitHint')}{' '}
                  <Anchor component={Link} to={planPaths.tasks}>
                    {t('nav.tasks')}
                  </Anchor>
                </Text>
              )}
            </Stack>
          ) : (
            <Stack>
              <PlansTable rows={pagedItems(data)} organizations={organizations} />
              <ShowMore query={plans} label={t('plansPages.more')} />
            </Stack>
          )
        }
      </QueryState>
      {editor && creating && (
        <CreatePlanModal
          organization={org}
          years={years}
          fiscalYear={fiscalYear}
          analysisId={fromAnalysis}
          onClose={() => {
            setCreating(false);
            if (fromAnalysis) choose({});
          }}
        />
      )}
    </Stack>
  );
}

function PlansTable({ rows, organizations }: { rows: PlanSummaryRow[]; organizations: OrganizationRow[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const format = useFormat();
  const byId = new Map(organizations.map((o) => [o.id, o]));
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover verticalSpacing="xs" aria-label={t('plans.tableLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('plans.columns.fiscalYear')}</Table.Th>
            <Table.Th>{t('plans.columns.title')}</Table.Th>
            <Table.Th>{t('plans.columns.version')}</Table.Th>
            <Table.Th>{t('plans.columns.status')}</Table.Th>
            <Table.Th ta="right">{t('plans.columns.issues')}</Table.Th>
            <Table.Th ta="right">{t('plans.columns.measures')}</Table.Th>
            <Table.Th>{t('plans.columns.updated')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            const org = byId.get(row.organizationId);
            return (
              <Table.Tr key={row.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{row.fiscalYear}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={planPaths.plan(row.id)} size="sm" fw={500}>
                    {row.title}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {org ? orgName(org, lang) : row.organizationNameTh}
                  </Text>
                </Table.Td>
                <Table.Td>{t('plans.versionNo', { n: row.versionNo })}</Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLORS[row.status]} variant="light" tt="none">
                    {t(`plans.status.${row.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td ta="right">{row.issueCount}</Table.Td>
                <Table.Td ta="right">{row.measureCount}</Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {format.dateTime(row.updatedAt)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
