import { Alert, Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SCORE_SCOPE_LABELS, type ScoreScope } from '#shared/assessments/scores.ts';
import type { ImportPreviewBody, OrganizationRow } from '../../../api.ts';
import { useLang } from '../../../i18n/index.ts';
import { orgName } from '../../organizations/names.ts';
import { printedCode, useScoreText } from '../common.ts';

type Issue = ImportPreviewBody['errors'][number];
type Supplied = ImportPreviewBody['supplied'][number];
type Change = ImportPreviewBody['organizations'][number]['changes'][number];

const KIND_COLOR: Record<Change['kind'], string> = { added: 'green', changed: 'blue', removed: 'red' };

/** What the file would change, per organisation, with every error and warning; nothing is written yet. */
export function ImportPreviewView({
  preview,
  organizations,
}: {
  preview: ImportPreviewBody;
  organizations: OrganizationRow[];
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const byId = new Map(organizations.map((o) => [o.id, o]));
  return (
    <Stack component="section" aria-labelledby="import-preview-title">
      <div>
        <Title order={3} size="h4" id="import-preview-title">
          {t('import.previewTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {[
            preview.format ? t(`import.format.${preview.format}`) : t('import.format.unknown'),
            t('import.editionOf', { year: preview.editionYear }),
            t('import.orgCount', { n: preview.organizations.length }),
          ].join(' · ')}
        </Text>
      </div>

      {preview.errors.length > 0 ? (
        <Alert color="red" role="alert" title={t('import.errorsTitle', { n: preview.errors.length })}>
          <IssueTable issues={preview.errors} label={t('import.errorsLabel')} />
        </Alert>
      ) : (
        <Alert color="green" title={t('import.noErrors')}>
          {t('import.readyToCommit')}
        </Alert>
      )}
      {preview.warnings.length > 0 && (
        <Alert color="yellow" title={t('import.warningsTitle', { n: preview.warnings.length })}>
          <IssueTable issues={preview.warnings} label={t('import.warningsLabel')} />
        </Alert>
      )}

      {preview.supplied.length > 0 && (
        <SuppliedTable supplied={preview.supplied} editionYear={preview.editionYear} />
      )}

      {preview.organizations.map((o) => {
        const org = byId.get(o.organizationId);
        const name = org ? orgName(org, lang) : o.nameTh;
        const count = (kind: Change['kind']) => o.changes.filter((c) => c.kind === kind).length;
        return (
          <Paper
            key={o.organizationId}
            withBorder
            p={{ base: 'sm', sm: 'md' }}
            component="section"
            aria-label={name}
          >
            <Stack gap="xs">
              <Group justify="space-between" wrap="wrap">
                <div>
                  <Title order={4} size="h5">
                    {name}
                  </Title>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {o.code}
                  </Text>
                </div>
                <Group gap={6}>
                  <Badge color="green" variant="light">
                    {t('import.countAdded', { n: count('added') })}
                  </Badge>
                  <Badge color="blue" variant="light">
                    {t('import.countChanged', { n: count('changed') })}
                  </Badge>
                  <Badge color="red" variant="light">
                    {t('import.countRemoved', { n: count('removed') })}
                  </Badge>
                  <Badge color="gray" variant="light">
                    {t('import.countUnchanged', { n: o.unchanged })}
                  </Badge>
                </Group>
              </Group>
              {o.statedLevel && (
                <Text size="sm">
                  {t('entry.statedLevel')}: {o.statedLevel}
                </Text>
              )}
              {o.changes.length === 0 ? (
                <Text size="sm">{t('import.noChanges')}</Text>
              ) : (
                <ChangesTable changes={o.changes} label={t('import.changesOf', { name })} />
              )}
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}

function ChangesTable({ changes, label }: { changes: Change[]; label: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const score = useScoreText();
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table verticalSpacing={4} striped aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('import.columns.change')}</Table.Th>
            <Table.Th>{t('import.columns.scope')}</Table.Th>
            <Table.Th>{t('import.columns.code')}</Table.Th>
            <Table.Th ta="right">{t('import.columns.before')}</Table.Th>
            <Table.Th aria-hidden />
            <Table.Th ta="right">{t('import.columns.after')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {changes.map((c) => {
            const scopeLabel = SCORE_SCOPE_LABELS[c.scope as ScoreScope];
            return (
              <Table.Tr key={`${c.scope}:${c.code}`}>
                <Table.Td>
                  <Badge color={KIND_COLOR[c.kind]} variant="light">
                    {t(`import.kind.${c.kind}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{scopeLabel ? scopeLabel[lang] : c.scope}</Table.Td>
                <Table.Td ff="monospace">{printedCode(c.scope, c.code)}</Table.Td>
                <Table.Td ta="right">{c.kind === 'added' ? '' : score(c.before)}</Table.Td>
                <Table.Td aria-hidden c="dimmed">
                  →
                </Table.Td>
                <Table.Td ta="right" fw={600}>
                  {c.kind === 'removed' ? '' : score(c.after)}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function IssueTable({ issues, label }: { issues: Issue[]; label: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table verticalSpacing={4} aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('import.columns.row')}</Table.Th>
            <Table.Th>{t('import.columns.column')}</Table.Th>
            <Table.Th>{t('import.columns.message')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {issues.map((issue, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: one cell may carry several issues
            <Table.Tr key={`${issue.row}-${issue.column}-${index}`}>
              <Table.Td>{issue.row ?? '—'}</Table.Td>
              <Table.Td>{issue.column ?? '—'}</Table.Td>
              <Table.Td>{lang === 'th' ? issue.message_th : issue.message_en}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The questions and wording the file supplies for the edition, kept for every agency on confirming. */
function SuppliedTable({ supplied, editionYear }: { supplied: Supplied[]; editionYear: number }) {
  const { t } = useTranslation();
  const kind = (s: Supplied) =>
    s.newQuestion ? 'new' : s.catalogueDiffers ? 'differs' : ('wording' as const);
  return (
    <Paper
      withBorder
      p={{ base: 'sm', sm: 'md' }}
      component="section"
      aria-labelledby="import-supplied-title"
    >
      <Stack gap="xs">
        <Title order={4} size="h5" id="import-supplied-title">
          {t('suppliedQuestions.previewTitle', { year: editionYear })}
        </Title>
        <Text size="sm" c="dimmed">
          {t('suppliedQuestions.previewHelp')}
        </Text>
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing={4} striped aria-label={t('suppliedQuestions.tableLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('suppliedQuestions.columns.code')}</Table.Th>
                <Table.Th>{t('suppliedQuestions.columns.indicator')}</Table.Th>
                <Table.Th>{t('suppliedQuestions.columns.wording')}</Table.Th>
                <Table.Th>{t('suppliedQuestions.columns.kind')}</Table.Th>
                <Table.Th>{t('suppliedQuestions.columns.organization')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {supplied.map((s) => (
                <Table.Tr key={s.code}>
                  <Table.Td ff="monospace">{s.display_code}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {t('suppliedQuestions.indicator', { n: s.indicator })}
                  </Table.Td>
                  <Table.Td c={s.text_th ? undefined : 'dimmed'}>
                    {s.text_th ?? t('suppliedQuestions.noWording')}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={kind(s) === 'differs' ? 'yellow' : 'blue'} variant="light" tt="none">
                      {t(`suppliedQuestions.kind.${kind(s)}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td ff="monospace">{s.organizationCode}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Paper>
  );
}
