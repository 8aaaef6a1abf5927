import {
  Badge,
  Button,
  Checkbox,
  Group,
  List,
  Paper,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SuppliedQuestionRow } from '#shared/catalogue/supplied-questions.ts';
import { api, queryKeys } from '../../../api.ts';
import { FormError } from '../../../components/FormError.tsx';
import { useFormat } from '../../../format.ts';
import { usePermissions } from '../../../session.tsx';

/**
 * For deployment-wide admins: the questions and wording agencies supplied with their results for this
 * edition (who, when, conflicts), and accepting them into the catalogue as a new revision. Nothing is
 * shown to other users, nor when no agency supplied anything.
 */
export function SuppliedQuestionsSection({ fiscalYear }: { fiscalYear: number }) {
  const { isDeploymentAdmin } = usePermissions();
  const query = useQuery({
    queryKey: queryKeys.supplied(fiscalYear),
    queryFn: () => api.catalogue.supplied(fiscalYear),
    enabled: isDeploymentAdmin,
  });
  if (!isDeploymentAdmin || !query.data || query.data.questions.length === 0) return null;
  return <SuppliedList fiscalYear={fiscalYear} questions={query.data.questions} />;
}

const acceptable = (q: SuppliedQuestionRow) => !q.accepted && q.catalogueText_th === null;

function SuppliedList({ fiscalYear, questions }: { fiscalYear: number; questions: SuppliedQuestionRow[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const open = questions.filter(acceptable);
  const accept = useMutation({
    mutationFn: (codes: string[] | undefined) => api.catalogue.acceptSupplied(fiscalYear, codes),
    onSuccess: (result) => {
      setSelected(new Set());
      void queryClient.invalidateQueries({ queryKey: ['catalogue'] });
      notifications.show({
        color: 'green',
        message: t('suppliedQuestions.acceptedNotice', {
          revision: result.summary.revision,
          n: result.accepted.length,
        }),
      });
    },
  });
  const toggle = (code: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(code);
      else next.delete(code);
      return next;
    });

  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="supplied-title">
      <Stack gap="sm">
        <div>
          <Title order={3} size="h4" id="supplied-title">
            {t('suppliedQuestions.sectionTitle')}{' '}
            <Badge variant="light" color="blue">
              {questions.length}
            </Badge>
          </Title>
          <Text size="sm" c="dimmed">
            {t('suppliedQuestions.sectionHelp')}
          </Text>
        </div>
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing={6} striped aria-labelledby="supplied-title">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40}>
                  <VisuallyHidden>{t('suppliedQuestions.columns.select')}</VisuallyHidden>
                </Table.Th>
                <Table.Th>{t('suppliedQuestions.columns.code')}</Table.Th>
                <Table.Th>{t('suppliedQuestions.columns.indicator')}</Table.Th>
                <Table.Th>{t('suppliedQuestions.columns.wording')}</Table.Th>
                <Table.Th>{t('suppliedQuestions.columns.organization')}</Table.Th>
                <Table.Th>{t('suppliedQuestions.columns.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {questions.map((q) => (
                <Table.Tr key={q.code}>
                  <Table.Td>
                    {acceptable(q) && (
                      <Checkbox
                        aria-label={t('suppliedQuestions.selectRow', { code: q.display_code })}
                        checked={selected.has(q.code)}
                        onChange={(e) => toggle(q.code, e.currentTarget.checked)}
                      />
                    )}
                  </Table.Td>
                  <Table.Td ff="monospace">{q.display_code}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {q.sub_indicator ?? t('suppliedQuestions.indicator', { n: q.indicator })}
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={4}>
                      <Text size="sm" c={q.text_th ? undefined : 'dimmed'}>
                        {q.text_th ?? t('suppliedQuestions.noWording')}
                      </Text>
                      {q.catalogueText_th && (
                        <Text size="xs">
                          {t('suppliedQuestions.catalogueDiffers', { text: q.catalogueText_th })}
                        </Text>
                      )}
                      {q.conflicts.length > 0 && (
                        <div>
                          <Text size="xs" fw={600}>
                            {t('suppliedQuestions.conflictsTitle')}
                          </Text>
                          <List size="xs">
                            {q.conflicts.map((c) => (
                              <List.Item key={`${c.organizationId}-${c.text_th}-${c.indicator}`}>
                                {c.text_th !== null
                                  ? t('suppliedQuestions.conflictWording', {
                                      org: c.organizationNameTh,
                                      text: c.text_th,
                                    })
                                  : t('suppliedQuestions.conflictIndicator', {
                                      org: c.organizationNameTh,
                                      n: c.indicator,
                                    })}
                              </List.Item>
                            ))}
                          </List>
                        </div>
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {t('suppliedQuestions.suppliedBy', {
                        org: q.organizationNameTh,
                        at: format.date(q.suppliedAt),
                      })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {q.accepted ? (
                      <Badge color="green" variant="light" tt="none">
                        {t('suppliedQuestions.accepted')}
                      </Badge>
                    ) : q.catalogueText_th ? null : (
                      <Badge color="gray" variant="light" tt="none">
                        {t('suppliedQuestions.pending')}
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <FormError error={accept.error} />
        {open.length > 0 && (
          <Group justify="flex-end">
            <Button
              variant="default"
              disabled={selected.size === 0}
              loading={accept.isPending && accept.variables !== undefined}
              onClick={() => accept.mutate([...selected])}
            >
              {t('suppliedQuestions.acceptSelected', { n: selected.size })}
            </Button>
            <Button
              loading={accept.isPending && accept.variables === undefined}
              onClick={() => accept.mutate(undefined)}
            >
              {t('suppliedQuestions.acceptAll', { n: open.length })}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
