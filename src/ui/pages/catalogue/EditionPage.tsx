import { Alert, Anchor, Badge, Group, List, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Edition } from '#shared/catalogue/edition.schema.ts';
import { api, type EditionDetailBody, queryKeys } from '../../api.ts';
import { ConfidenceBadge, MissingWordingBadge } from '../../components/ConfidenceBadge.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useFormat } from '../../format.ts';
import { Link } from '../../router.tsx';
import { GroupingsSection } from './sections/GroupingsSection.tsx';
import { IndicatorsSection } from './sections/IndicatorsSection.tsx';
import { InstrumentsSection } from './sections/InstrumentsSection.tsx';
import { LevelsSection } from './sections/LevelsSection.tsx';
import { QuestionsSection } from './sections/QuestionsSection.tsx';
import { SourcesSection } from './sections/SourcesSection.tsx';

export function EditionPage({ fiscalYear }: { fiscalYear: number }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: queryKeys.edition(fiscalYear),
    queryFn: () => api.catalogue.edition(fiscalYear),
  });
  return (
    <Stack>
      <Anchor component={Link} to="/catalogue" size="sm">
        ← {t('catalogue.backToList')}
      </Anchor>
      <QueryState query={query}>{(detail) => <EditionView detail={detail} />}</QueryState>
    </Stack>
  );
}

function EditionView({ detail }: { detail: EditionDetailBody }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { summary } = detail;
  const edition: Edition = detail.edition;
  return (
    <Stack>
      <div>
        <Title order={2}>{t('catalogue.fiscalYearLabel', { year: summary.fiscalYear })}</Title>
        <Text>{format.lang === 'en' ? edition.title_en : edition.title_th}</Text>
        <Text size="sm" c="dimmed">
          {t('catalogue.revisionLabel', { revision: summary.revision })} ·{' '}
          {t(summary.origin === 'bundled' ? 'catalogue.originBundled' : 'catalogue.originUpload')} ·{' '}
          {format.dateTime(summary.importedAt)}
        </Text>
      </div>

      {summary.counts.uncertain > 0 && (
        <Alert color="orange" title={t('catalogue.uncertainTitle', { n: summary.counts.uncertain })}>
          <Stack gap="xs">
            <Text size="sm">{t('catalogue.uncertainBody')}</Text>
            <Group gap="xs">
              <ConfidenceBadge confidence="high" />
              <ConfidenceBadge confidence="medium" />
              <ConfidenceBadge confidence="low" />
              <MissingWordingBadge />
            </Group>
            <Text size="xs" c="dimmed">
              {t('catalogue.badgeHelp')}
            </Text>
          </Stack>
        </Alert>
      )}

      <Tabs defaultValue="questions" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="overview">{t('catalogue.tabs.overview')}</Tabs.Tab>
          <Tabs.Tab value="instruments">{t('catalogue.tabs.instruments')}</Tabs.Tab>
          <Tabs.Tab value="indicators">{t('catalogue.tabs.indicators')}</Tabs.Tab>
          <Tabs.Tab value="questions">{t('catalogue.tabs.questions')}</Tabs.Tab>
          <Tabs.Tab value="groupings">{t('catalogue.tabs.groupings')}</Tabs.Tab>
          <Tabs.Tab value="levels">{t('catalogue.tabs.levels')}</Tabs.Tab>
          <Tabs.Tab value="sources">{t('catalogue.tabs.sources')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md">
          <Overview edition={edition} />
        </Tabs.Panel>
        <Tabs.Panel value="instruments" pt="md">
          <InstrumentsSection edition={edition} />
        </Tabs.Panel>
        <Tabs.Panel value="indicators" pt="md">
          <IndicatorsSection edition={edition} />
        </Tabs.Panel>
        <Tabs.Panel value="questions" pt="md">
          <QuestionsSection edition={edition} />
        </Tabs.Panel>
        <Tabs.Panel value="groupings" pt="md">
          <GroupingsSection edition={edition} />
        </Tabs.Panel>
        <Tabs.Panel value="levels" pt="md">
          <LevelsSection edition={edition} />
        </Tabs.Panel>
        <Tabs.Panel value="sources" pt="md">
          <SourcesSection edition={edition} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function Overview({ edition }: { edition: Edition }) {
  const { t } = useTranslation();
  return (
    <Stack>
      <section>
        <Title order={3} size="h4">
          {t('catalogue.completeness')}
        </Title>
        <Text size="sm" lang="en">
          {edition.completeness}
        </Text>
      </section>
      {edition.missing.length > 0 && (
        <section>
          <Title order={3} size="h4">
            {t('catalogue.missingInfo')}{' '}
            <Badge color="orange" variant="light">
              {edition.missing.length}
            </Badge>
          </Title>
          <List size="sm" lang="en">
            {edition.missing.map((item) => (
              <List.Item key={item}>{item}</List.Item>
            ))}
          </List>
        </section>
      )}
      {edition.notes.length > 0 && (
        <section>
          <Title order={3} size="h4">
            {t('catalogue.notes')}
          </Title>
          <List size="sm" lang="en">
            {edition.notes.map((item) => (
              <List.Item key={item}>{item}</List.Item>
            ))}
          </List>
        </section>
      )}
      <Text size="xs" c="dimmed">
        {t('catalogue.notesLanguage')}
      </Text>
    </Stack>
  );
}
