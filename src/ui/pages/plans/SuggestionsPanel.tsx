import { Badge, Button, Group, List, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { MEASURE_KIND_LABELS, type PlanMeasure } from '#shared/plans/contract.ts';
import { api, queryKeys } from '../../api.ts';
import { Plus } from '../../components/icons.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useLang } from '../../i18n/index.ts';
import { printedCode } from '../results/common.ts';
import type { PlanContent } from './editor/draft.ts';

const PREVIEW_STEPS = 3;

/**
 * Standard measures from the library for the chosen issue, matched on the codes and indicators the
 * issue answers (as last saved). "Add to plan" copies the ready measure into the issue for editing.
 */
export function SuggestionsPanel({
  planId,
  draft,
  selectedIssueId,
  onSelectIssue,
  onAdd,
}: {
  planId: string;
  draft: PlanContent;
  selectedIssueId: string | null;
  onSelectIssue: (issueId: string) => void;
  onAdd: (issueId: string, measure: PlanMeasure) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const suggestions = useQuery({
    queryKey: queryKeys.planSuggestions(planId),
    queryFn: () => api.plans.suggestions(planId),
  });
  const issueIndex = Math.max(
    0,
    draft.issues.findIndex((i) => i.id === selectedIssueId),
  );
  const issue = draft.issues[issueIndex];

  return (
    <Paper withBorder p={{ base: 'xs', sm: 'md' }} component="section" aria-labelledby="suggestions-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="suggestions-title" tabIndex={-1}>
          {t('plans.suggestions.title')}
        </Title>
        {!issue ? (
          <Text size="sm" c="dimmed">
            {t('plans.suggestions.noIssues')}
          </Text>
        ) : (
          <>
            <Select
              label={t('plans.suggestions.forIssue')}
              data={draft.issues.map((i, k) => ({
                value: i.id,
                label: `${t('plans.editor.issueN', { n: k + 1 })} ${i.title}`.trim(),
              }))}
              value={issue.id}
              onChange={(value) => value && onSelectIssue(value)}
              allowDeselect={false}
            />
            <Text size="xs" c="dimmed">
              {t('plans.suggestions.help')}
            </Text>
            <QueryState query={suggestions}>
              {(all) => {
                const forIssue = all.find((s) => s.issueId === issue.id);
                if (!forIssue) {
                  return (
                    <Text size="sm" c="dimmed">
                      {t('plans.suggestions.unsavedIssue')}
                    </Text>
                  );
                }
                if (forIssue.suggestions.length === 0) {
                  return (
                    <Text size="sm" c="dimmed">
                      {t('plans.suggestions.none')}
                    </Text>
                  );
                }
                const added = new Set(issue.measures.map((m) => m.libraryId).filter(Boolean));
                return (
                  <Stack gap="xs">
                    {forIssue.suggestions.map((s) => {
                      const title = lang === 'en' ? s.title_en : s.title_th;
                      return (
                        <Paper
                          key={s.libraryId}
                          withBorder
                          p="xs"
                          component="article"
                          aria-label={title}
                          bg={added.has(s.libraryId) ? 'gray.0' : undefined}
                        >
                          <Stack gap={6}>
                            <Group gap={6} wrap="wrap">
                              <Badge variant="light" tt="none" size="sm">
                                {MEASURE_KIND_LABELS[s.kind][lang]}
                              </Badge>
                              {added.has(s.libraryId) && (
                                <Badge variant="light" color="green" tt="none" size="sm">
                                  {t('plans.suggestions.alreadyAdded')}
                                </Badge>
                              )}
                            </Group>
                            <Text size="sm" fw={700}>
                              {title}
                            </Text>
                            {lang === 'en' && (
                              <Text size="xs" c="dimmed" lang="th">
                                {s.title_th}
                              </Text>
                            )}
                            <Text size="xs">
                              {s.matchedCodes.length > 0
                                ? t('plans.suggestions.matchedCodes', {
                                    codes: s.matchedCodes.map((c) => printedCode('question', c)).join(', '),
                                  })
                                : t('plans.suggestions.matchedIndicators', {
                                    indicators: s.matchedIndicators.join(', '),
                                  })}
                            </Text>
                            <List size="xs" type="ordered" spacing={2} lang="th">
                              {s.steps_th.slice(0, PREVIEW_STEPS).map((step) => (
                                <List.Item key={step}>{step}</List.Item>
                              ))}
                            </List>
                            {s.steps_th.length > PREVIEW_STEPS && (
                              <Text size="xs" c="dimmed">
                                {t('plans.suggestions.moreSteps', { n: s.steps_th.length - PREVIEW_STEPS })}
                              </Text>
                            )}
                            <Group justify="flex-end">
                              <Button
                                size="compact-sm"
                                leftSection={<Plus />}
                                variant={added.has(s.libraryId) ? 'default' : 'filled'}
                                onClick={() => onAdd(issue.id, s.measure)}
                                aria-label={t('plans.suggestions.addNamed', { title })}
                              >
                                {t('plans.suggestions.add')}
                              </Button>
                            </Group>
                          </Stack>
                        </Paper>
                      );
                    })}
                  </Stack>
                );
              }}
            </QueryState>
          </>
        )}
      </Stack>
    </Paper>
  );
}
