import { Anchor, Button, Divider, Group, Modal, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type OrganizationRow, queryKeys, type ResultSummaryRow } from '../../api.ts';
import { NumberField } from '../../components/DigitInput.tsx';
import { FormError } from '../../components/FormError.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useFormat } from '../../format.ts';
import { useLang } from '../../i18n/index.ts';
import { Link, navigate } from '../../router.tsx';
import { orgName } from '../organizations/names.ts';
import { useScoreText } from './common.ts';
import { resultPaths } from './paths.ts';

export const DEFAULT_URGENT_BELOW = 85;

/** The analyses of one result, and (for writers) a new one from a threshold. */
export function AnalysesModal({
  result,
  organizations,
  canWrite,
  onClose,
}: {
  result: ResultSummaryRow;
  organizations: OrganizationRow[];
  canWrite: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const format = useFormat();
  const score = useScoreText();
  const queryClient = useQueryClient();
  const org = organizations.find((o) => o.id === result.organizationId);
  const name = org ? orgName(org, lang) : result.organizationNameTh;
  const analyses = useQuery({
    queryKey: queryKeys.resultAnalyses(result.id),
    queryFn: () => api.assessments.analyses(result.id),
  });
  const [urgentBelow, setUrgentBelow] = useState<number | string>(DEFAULT_URGENT_BELOW);
  const [urgentBelowReadable, setUrgentBelowReadable] = useState(true);
  const [title, setTitle] = useState('');
  const create = useMutation({
    mutationFn: () =>
      api.assessments.createAnalysis(result.id, {
        ...(title.trim() ? { title: title.trim() } : {}),
        settings: {
          urgentBelow: typeof urgentBelow === 'number' ? urgentBelow : DEFAULT_URGENT_BELOW,
          developBelow: null,
          strengthAtOrAbove: null,
          urgentBottomN: null,
          strengthTopN: null,
          judge: 'questions',
          grouping: { kind: 'indicators' },
        },
      }),
    onSuccess: (analysis) => {
      queryClient.setQueryData(queryKeys.analysis(analysis.id), analysis);
      void queryClient.invalidateQueries({ queryKey: queryKeys.resultAnalyses(result.id) });
      navigate(resultPaths.analysis(analysis.id));
    },
  });

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('results.analysesTitle', { name, year: result.fiscalYear })}
      size="lg"
    >
      <Stack>
        <QueryState query={analyses}>
          {(list) =>
            list.length === 0 ? (
              <Text size="sm">{t('results.noAnalyses')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={420}>
                <Table verticalSpacing="xs" aria-label={t('results.analysesLabel')}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('results.analysisColumns.title')}</Table.Th>
                      <Table.Th ta="right">{t('results.analysisColumns.threshold')}</Table.Th>
                      <Table.Th>{t('results.analysisColumns.computed')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {list.map((a) => (
                      <Table.Tr key={a.id}>
                        <Table.Td>
                          <Anchor component={Link} to={resultPaths.analysis(a.id)} onClick={onClose}>
                            {a.title}
                          </Anchor>
                        </Table.Td>
                        <Table.Td ta="right">
                          {a.settings.urgentBottomN
                            ? t('results.bottomN', { n: a.settings.urgentBottomN })
                            : score(a.settings.urgentBelow)}
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                            {format.dateTime(a.computedAt)}
                          </Text>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )
          }
        </QueryState>
        {canWrite && (
          <>
            <Divider />
            <form
              onSubmit={(event) => {
                event.preventDefault();
                create.mutate();
              }}
            >
              <Stack gap="sm">
                <Title order={3} size="h5">
                  {t('results.newAnalysis')}
                </Title>
                <Group align="flex-end" wrap="wrap">
                  <NumberField
                    label={t('analysis.settings.urgentBelow')}
                    value={typeof urgentBelow === 'number' ? urgentBelow : null}
                    onChange={(value) => setUrgentBelow(value ?? '')}
                    onValidityChange={setUrgentBelowReadable}
                    min={0}
                    max={100}
                    w={180}
                    required
                  />
                  <TextInput
                    label={t('results.analysisTitle')}
                    placeholder={t('results.analysisTitlePlaceholder')}
                    value={title}
                    onChange={(event) => setTitle(event.currentTarget.value)}
                    style={{ flex: 1, minWidth: 200 }}
                  />
                </Group>
                <FormError error={create.error} />
                <Group justify="flex-end">
                  <Button type="submit" loading={create.isPending} disabled={!urgentBelowReadable}>
                    {t('results.createAnalysis')}
                  </Button>
                </Group>
              </Stack>
            </form>
          </>
        )}
      </Stack>
    </Modal>
  );
}
