import { Badge, Group, List, Paper, Stack, Table, Text, Title, Tooltip, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type OrganizationRow, type ProvinceViewBody, queryKeys } from '../../api.ts';
import { NumberField } from '../../components/DigitInput.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useLang } from '../../i18n/index.ts';
import { orgName } from '../organizations/names.ts';
import { useScoreText } from './common.ts';

const DEFAULT_THRESHOLD = 85;
const DEFAULT_STRENGTH = 95;

type Band = 'urgent' | 'ok' | 'strength' | 'none';

const BAND_STYLE: Record<Band, { bg?: string; c?: string }> = {
  urgent: { bg: 'red.1', c: 'red.9' },
  ok: {},
  strength: { bg: 'green.1', c: 'green.9' },
  none: { c: 'dimmed' },
};

/** Units × indicators of a province (or any parent) for one year, coloured by one threshold. */
export function ProvinceView({
  organization,
  organizations,
  fiscalYear,
}: {
  organization: OrganizationRow;
  organizations: OrganizationRow[];
  fiscalYear: number;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [threshold, setThreshold] = useState<number | string>(DEFAULT_THRESHOLD);
  const [strength, setStrength] = useState<number | string>(DEFAULT_STRENGTH);
  const valid = (value: number | string, fallback: number) =>
    typeof value === 'number' && value >= 0 && value <= 100 ? value : fallback;
  const [urgentBelow] = useDebouncedValue(valid(threshold, DEFAULT_THRESHOLD), 400);
  const strengthAt = valid(strength, DEFAULT_STRENGTH);
  const query = useQuery({
    queryKey: queryKeys.province(organization.id, fiscalYear, urgentBelow),
    queryFn: () => api.assessments.province(organization.id, fiscalYear, urgentBelow),
    placeholderData: keepPreviousData,
  });

  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="province-view-title">
      <Stack>
        <div>
          <Title order={3} size="h4" id="province-view-title">
            {t('province.title', { name: orgName(organization, lang) })}
          </Title>
          <Text size="sm" c="dimmed">
            {t('province.intro')}
          </Text>
        </div>
        <Group align="flex-end" wrap="wrap">
          <NumberField
            label={t('province.threshold')}
            value={typeof threshold === 'number' ? threshold : null}
            onChange={(value) => setThreshold(value ?? '')}
            min={0}
            max={100}
            w={200}
          />
          <NumberField
            label={t('province.strength')}
            value={typeof strength === 'number' ? strength : null}
            onChange={(value) => setStrength(value ?? '')}
            min={0}
            max={100}
            w={200}
          />
          <Group gap="xs" pb={6}>
            <Badge color="red" variant="light">
              {t('province.legendUrgent', { threshold: urgentBelow })}
            </Badge>
            <Badge color="gray" variant="outline">
              {t('province.legendOk')}
            </Badge>
            <Badge color="green" variant="light">
              {t('province.legendStrength', { threshold: strengthAt })}
            </Badge>
          </Group>
        </Group>
        <QueryState query={query}>
          {(view) =>
            view.units.length === 0 ? (
              <Text size="sm">{t('province.noUnits', { year: fiscalYear })}</Text>
            ) : (
              <ProvinceTable view={view} organizations={organizations} strengthAt={strengthAt} />
            )
          }
        </QueryState>
      </Stack>
    </Paper>
  );
}

function ProvinceTable({
  view,
  organizations,
  strengthAt,
}: {
  view: ProvinceViewBody;
  organizations: OrganizationRow[];
  strengthAt: number;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const score = useScoreText();
  const byId = new Map(organizations.map((o) => [o.id, o]));
  const indicatorName = (i: { name_th: string; name_en: string }) => (lang === 'en' ? i.name_en : i.name_th);
  const band = (value: number | null | undefined): Band =>
    value === null || value === undefined
      ? 'none'
      : value < view.urgentBelow
        ? 'urgent'
        : value >= strengthAt
          ? 'strength'
          : 'ok';
  const bandText: Record<Band, string> = {
    urgent: t('province.belowThreshold'),
    strength: t('province.strengthCell'),
    ok: '',
    none: t('province.notScored'),
  };
  const weakest = view.weakest.filter((w) => w.unitsScored > 0).slice(0, 5);

  return (
    <Stack>
      <Table.ScrollContainer minWidth={300 + view.indicators.length * 72}>
        <Table withTableBorder withColumnBorders verticalSpacing={6} aria-label={t('province.tableLabel')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('province.unit')}</Table.Th>
              <Table.Th ta="right">{t('results.columns.total')}</Table.Th>
              {view.indicators.map((i) => (
                <Table.Th key={i.number} ta="right">
                  <Tooltip label={`${i.instrument} · ${indicatorName(i)}`} withArrow>
                    <span>
                      <span aria-hidden>{i.number}</span>
                      <VisuallyHidden>
                        {t('province.indicatorHeader', { number: i.number, name: indicatorName(i) })}
                      </VisuallyHidden>
                    </span>
                  </Tooltip>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {view.units.map((unit) => {
              const org = byId.get(unit.organizationId);
              return (
                <Table.Tr key={unit.resultId}>
                  <Table.Td>
                    <Text size="sm">{org ? orgName(org, lang) : unit.nameTh}</Text>
                  </Table.Td>
                  <Table.Td ta="right" fw={700} {...BAND_STYLE[band(unit.total)]}>
                    {score(unit.total)}
                  </Table.Td>
                  {view.indicators.map((indicator, column) => {
                    const value = unit.scores[column];
                    const b = band(value);
                    return (
                      <Table.Td
                        key={indicator.number}
                        ta="right"
                        fw={b === 'urgent' ? 700 : 400}
                        {...BAND_STYLE[b]}
                      >
                        {score(value)}
                        {bandText[b] && <VisuallyHidden> ({bandText[b]})</VisuallyHidden>}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <section aria-labelledby="province-weakest">
        <Title order={4} size="h5" id="province-weakest">
          {t('province.weakest')}
        </Title>
        {weakest.length === 0 ? (
          <Text size="sm">{t('province.noWeakest')}</Text>
        ) : (
          <List type="ordered" size="sm" spacing={4}>
            {weakest.map((w) => {
              const indicator = view.indicators.find((i) => i.number === w.number);
              return (
                <List.Item key={w.number}>
                  {t('province.weakestItem', {
                    number: w.number,
                    name: indicator ? indicatorName(indicator) : '',
                    mean: score(w.mean),
                    below: w.unitsBelow,
                    scored: w.unitsScored,
                  })}
                </List.Item>
              );
            })}
          </List>
        )}
      </section>
    </Stack>
  );
}
