import { Anchor, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Edition } from '#shared/catalogue/edition.schema.ts';
import { api, type EditionDetailBody, queryKeys } from '../../api.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { useFormat } from '../../format.ts';
import { Link } from '../../router.tsx';
import { usePermissions } from '../../session.tsx';
import { GroupingsSection } from './sections/GroupingsSection.tsx';
import { IndicatorsSection } from './sections/IndicatorsSection.tsx';
import { InstrumentsSection } from './sections/InstrumentsSection.tsx';
import { LevelsSection } from './sections/LevelsSection.tsx';
import { ProvenanceSection } from './sections/ProvenanceSection.tsx';
import { QuestionsSection } from './sections/QuestionsSection.tsx';
import { SuppliedQuestionsSection } from './sections/SuppliedQuestionsSection.tsx';

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

/**
 * One edition as its users read it: names and wording only (a question without known wording shows
 * its code and where it belongs). Admins also get "ที่มาของข้อมูล": sources, confidence and the
 * compiler's notes.
 */
function EditionView({ detail }: { detail: EditionDetailBody }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { isAdmin } = usePermissions();
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

      <SuppliedQuestionsSection fiscalYear={summary.fiscalYear} />
      <Tabs defaultValue="questions" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="questions">{t('editionPage.tabs.questions')}</Tabs.Tab>
          <Tabs.Tab value="indicators">{t('editionPage.tabs.indicators')}</Tabs.Tab>
          <Tabs.Tab value="instruments">{t('editionPage.tabs.instruments')}</Tabs.Tab>
          <Tabs.Tab value="levels">{t('editionPage.tabs.levels')}</Tabs.Tab>
          <Tabs.Tab value="groupings">{t('editionPage.tabs.groupings')}</Tabs.Tab>
          {isAdmin && <Tabs.Tab value="provenance">{t('editionPage.tabs.provenance')}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="questions" pt="md">
          <QuestionsSection edition={edition} />
        </Tabs.Panel>
        <Tabs.Panel value="indicators" pt="md">
          <IndicatorsSection edition={edition} />
        </Tabs.Panel>
        <Tabs.Panel value="instruments" pt="md">
          <InstrumentsSection edition={edition} />
        </Tabs.Panel>
        <Tabs.Panel value="levels" pt="md">
          <LevelsSection edition={edition} />
        </Tabs.Panel>
        <Tabs.Panel value="groupings" pt="md">
          <GroupingsSection edition={edition} groupings={detail.groupings} />
        </Tabs.Panel>
        {isAdmin && (
          <Tabs.Panel value="provenance" pt="md">
            <ProvenanceSection edition={edition} />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}
