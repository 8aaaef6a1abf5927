import { Group, List, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { Fragment, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Edition } from '#shared/catalogue/edition.schema.ts';
import { ConfidenceBadge } from '../../../components/ConfidenceBadge.tsx';
import { useFormat } from '../../../format.ts';
import { ResearchNote, SourceBadges } from './common.tsx';
import { isUncertainRow, PROVENANCE_KINDS, type ProvenanceRow, provenanceRows } from './provenance-rows.ts';
import { SourcesSection } from './SourcesSection.tsx';

/**
 * "ที่มาของข้อมูล", for admins: the edition's completeness, what is missing and its notes; the sources
 * with their reliability; every item with its confidence, sources and the compiler's notes. The notes
 * are the compiler's research text in English and are shown as such, in the normal text colour.
 */
export function ProvenanceSection({ edition }: { edition: Edition }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [onlyUncertain, setOnlyUncertain] = useState(false);
  const rows = useMemo(() => provenanceRows(edition), [edition]);
  const titles = useMemo(() => new Map(edition.sources.map((s) => [s.id, s.title])), [edition]);
  const shown = onlyUncertain ? rows.filter(isUncertainRow) : rows;
  const questions = edition.questions;

  return (
    <Stack gap="xl">
      <Text size="sm">{t('editionPage.provenance.intro')}</Text>

      <section>
        <Title order={3} size="h4" mb="xs">
          {t('editionPage.provenance.edition')}
        </Title>
        <Stack gap="sm">
          <Text size="sm">
            {t('editionPage.provenance.counts', {
              total: format.number(questions.length),
              high: format.number(questions.filter((q) => q.confidence === 'high').length),
              medium: format.number(questions.filter((q) => q.confidence === 'medium').length),
              low: format.number(questions.filter((q) => q.confidence === 'low').length),
              missing: format.number(questions.filter((q) => q.text_th === null).length),
            })}
          </Text>
          <Text size="xs" fw={700}>
            {t('editionPage.provenance.researchNote')}
          </Text>
          <div>
            <Text size="sm" fw={500}>
              {t('editionPage.provenance.completeness')}
            </Text>
            <Text size="sm" lang="en">
              {edition.completeness}
            </Text>
          </div>
          {edition.missing.length > 0 && (
            <div>
              <Text size="sm" fw={500}>
                {t('editionPage.provenance.missing')}
              </Text>
              <List size="sm" lang="en">
                {edition.missing.map((item) => (
                  <List.Item key={item}>{item}</List.Item>
                ))}
              </List>
            </div>
          )}
          {edition.notes.length > 0 && (
            <div>
              <Text size="sm" fw={500}>
                {t('editionPage.provenance.notes')}
              </Text>
              <List size="sm" lang="en">
                {edition.notes.map((item) => (
                  <List.Item key={item}>{item}</List.Item>
                ))}
              </List>
            </div>
          )}
        </Stack>
      </section>

      <section>
        <Title order={3} size="h4" mb="xs">
          {t('editionPage.provenance.sources')}
        </Title>
        <SourcesSection edition={edition} />
      </section>

      <section>
        <Group justify="space-between" mb="xs">
          <Title order={3} size="h4">
            {t('editionPage.provenance.items')}
          </Title>
          <Switch
            label={t('editionPage.provenance.onlyUncertain')}
            checked={onlyUncertain}
            onChange={(event) => setOnlyUncertain(event.currentTarget.checked)}
          />
        </Group>
        {shown.length === 0 ? (
          <Text size="sm">{t('editionPage.provenance.noneUncertain')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={860}>
            <Table aria-label={t('editionPage.provenance.items')} verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={110}>{t('editionPage.provenance.columns.item')}</Table.Th>
                  <Table.Th>{t('editionPage.provenance.columns.wording')}</Table.Th>
                  <Table.Th w={140}>{t('editionPage.provenance.columns.confidence')}</Table.Th>
                  <Table.Th w={200}>{t('editionPage.provenance.columns.sources')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {PROVENANCE_KINDS.map((kind) => {
                  const ofKind = shown.filter((row) => row.kind === kind);
                  if (ofKind.length === 0) return null;
                  return (
                    <Fragment key={kind}>
                      <Table.Tr bg="gray.0">
                        <Table.Td colSpan={4}>
                          <Text fw={700} size="sm">
                            {t(`editionPage.provenance.kinds.${kind}`)}
                          </Text>
                        </Table.Td>
                      </Table.Tr>
                      {ofKind.map((row) => (
                        <ItemRow key={row.key} edition={edition} row={row} titles={titles} />
                      ))}
                    </Fragment>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </section>
    </Stack>
  );
}

function ItemRow({
  edition,
  row,
  titles,
}: {
  edition: Edition;
  row: ProvenanceRow;
  titles: Map<string, string>;
}) {
  const { t } = useTranslation();
  const top = { verticalAlign: 'top' } as const;
  return (
    <Table.Tr>
      <Table.Td fw={700} style={top}>
        <Text
          size="sm"
          fw={700}
          ff={row.kind === 'grouping' || row.kind === 'calendar' ? 'monospace' : undefined}
        >
          {row.code}
        </Text>
      </Table.Td>
      <Table.Td>
        <Stack gap={4}>
          <Wording edition={edition} row={row} />
          {row.details.map((detail) => (
            <Group key={`${detail.kind}:${detail.text ?? ''}`} gap={6} wrap="nowrap" align="flex-start">
              <Text size="sm" style={{ flex: 1 }}>
                <Text span size="xs" fw={700} mr={6}>
                  {t(`editionPage.provenance.details.${detail.kind}`)}:
                </Text>
                {detail.text && <span lang={detail.lang}>{detail.text}</span>}
              </Text>
              {detail.confidence && <ConfidenceBadge confidence={detail.confidence} />}
              {detail.source && <SourceBadges ids={detail.source} titles={titles} />}
            </Group>
          ))}
          <ResearchNote text={row.note} />
        </Stack>
      </Table.Td>
      <Table.Td style={top}>
        <ConfidenceBadge confidence={row.confidence} />
      </Table.Td>
      <Table.Td style={top}>
        <SourceBadges ids={row.source} titles={titles} />
      </Table.Td>
    </Table.Tr>
  );
}

/** The item's name or wording, or what stands for it (a rule, the pass mark, an unknown weight). */
function Wording({ edition, row }: { edition: Edition; row: ProvenanceRow }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (row.key === 'scoring' && edition.scoring) {
    return (
      <Text size="sm">{t('editionPage.scoring', { decimals: format.number(edition.scoring.decimals) })}</Text>
    );
  }
  if (row.key === 'pass-threshold') {
    return (
      <Text size="sm">
        {t('editionPage.passThreshold', { score: format.number(edition.levels.pass_threshold.min_total) })}
      </Text>
    );
  }
  if (row.reusedFrom !== undefined) {
    return (
      <Text size="sm">
        {t('editionPage.sameGroupingAs')} {t('catalogue.fiscalYearLabel', { year: row.reusedFrom })}
      </Text>
    );
  }
  if (row.wording === null) {
    const text =
      row.kind === 'question' ? t('editionPage.provenance.noWording') : t('editionPage.weightUnknown');
    return (
      <Text size="sm" fs="italic">
        {text}
      </Text>
    );
  }
  return (
    <Text size="sm" lang={row.wordingLang}>
      {row.wording}
    </Text>
  );
}
