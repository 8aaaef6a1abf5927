import {
  Alert,
  Badge,
  Box,
  Button,
  Checkbox,
  Group,
  List,
  Modal,
  Paper,
  Radio,
  ScrollArea,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ISSUE_STANCE_LABELS } from '#shared/plans/contract.ts';
import type { PlanDetailBody } from '../../api.ts';
import { useLang } from '../../i18n/index.ts';
import type { PlanContent, PlanIssue } from './editor/draft.ts';
import { useFieldLabel } from './fieldLabel.ts';

const PLAN_FIELDS = [
  'title',
  'introduction',
  'analysisSummary',
  'monitoringSection',
  'preparedBy',
  'layout',
] as const;
type PlanField = (typeof PLAN_FIELDS)[number];

type Row =
  | { kind: 'field'; key: PlanField; conflict: boolean }
  | {
      kind: 'issue';
      id: string;
      mine: PlanIssue | undefined;
      theirs: PlanIssue | undefined;
      conflict: boolean;
    };

type Choice = 'mine' | 'theirs';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What differs between the user's unsaved content and the server's, with a default choice for each. */
function compare(base: PlanContent, mine: PlanContent, theirs: PlanContent) {
  const rows: Row[] = [];
  const defaults: Record<string, Choice> = {};
  const pick = (b: unknown, m: unknown, t: unknown): { choice: Choice; conflict: boolean } => {
    if (same(m, b)) return { choice: 'theirs', conflict: false };
    if (same(t, b)) return { choice: 'mine', conflict: false };
    return { choice: 'mine', conflict: true };
  };
  for (const key of PLAN_FIELDS) {
    if (same(mine[key], theirs[key])) continue;
    const { choice, conflict } = pick(base[key], mine[key], theirs[key]);
    rows.push({ kind: 'field', key, conflict });
    defaults[`field:${key}`] = choice;
  }
  const baseIssues = new Map(base.issues.map((i) => [i.id, i]));
  const mineIssues = new Map(mine.issues.map((i) => [i.id, i]));
  const theirIssues = new Map(theirs.issues.map((i) => [i.id, i]));
  for (const id of issueOrder(mine, theirs)) {
    const m = mineIssues.get(id);
    const t = theirIssues.get(id);
    if (m && t && same(m, t)) continue;
    // An issue on one side only: absent from the other either because it was added here or removed there.
    const { choice, conflict } = pick(baseIssues.get(id), m, t);
    rows.push({ kind: 'issue', id, mine: m, theirs: t, conflict });
    defaults[`issue:${id}`] = choice;
  }
  return { rows, defaults };
}

/** The server's order, with issues only the user has placed after the issue they follow in the user's. */
function issueOrder(mine: PlanContent, theirs: PlanContent): string[] {
  const order = theirs.issues.map((i) => i.id);
  mine.issues.forEach((issue, index) => {
    if (order.includes(issue.id)) return;
    const before = mine.issues[index - 1]?.id;
    const at = before ? order.indexOf(before) + 1 : 0;
    order.splice(at, 0, issue.id);
  });
  return order;
}

function merge(mine: PlanContent, theirs: PlanContent, choices: Record<string, Choice>): PlanContent {
  const out: PlanContent = { ...theirs };
  for (const key of PLAN_FIELDS) {
    if (choices[`field:${key}`] === 'mine') (out as Record<PlanField, unknown>)[key] = mine[key];
  }
  const mineIssues = new Map(mine.issues.map((i) => [i.id, i]));
  const theirIssues = new Map(theirs.issues.map((i) => [i.id, i]));
  out.issues = issueOrder(mine, theirs).flatMap((id) => {
    const choice = choices[`issue:${id}`];
    const chosen =
      choice === 'mine'
        ? mineIssues.get(id)
        : choice === 'theirs'
          ? theirIssues.get(id)
          : theirIssues.get(id);
    return chosen ? [chosen] : [];
  });
  return out;
}

/**
 * Someone saved the plan after the user opened it: both versions side by side, part by part, and the
 * user chooses which to keep. Nothing is overwritten until the merged content is saved.
 */
export function MergeModal({
  base,
  mine,
  theirs,
  onResolve,
  onClose,
}: {
  /** The content the user's edits started from. */
  base: PlanContent;
  mine: PlanContent;
  theirs: PlanDetailBody;
  onResolve: (content: PlanContent) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  const { rows, defaults } = useMemo(() => compare(base, mine, theirs.content), [base, mine, theirs.content]);
  const [choices, setChoices] = useState<Record<string, Choice>>(defaults);
  const all = (choice: Choice) =>
    setChoices(Object.fromEntries(Object.keys(defaults).map((k) => [k, choice])) as Record<string, Choice>);

  return (
    <Modal opened onClose={onClose} size="90rem" fullScreen={phone} title={t('plans.merge.title')}>
      <Stack>
        <Alert color="orange">
          <Text size="sm">{t('plans.merge.intro', { n: theirs.rowVersion })}</Text>
        </Alert>
        <Group gap="xs">
          <Button variant="default" size="compact-sm" onClick={() => all('mine')}>
            {t('plans.merge.allMine')}
          </Button>
          <Button variant="default" size="compact-sm" onClick={() => all('theirs')}>
            {t('plans.merge.allTheirs')}
          </Button>
        </Group>
        {rows.length === 0 && <Text size="sm">{t('plans.merge.noDifferences')}</Text>}
        {rows.map((row) => {
          const key = row.kind === 'field' ? `field:${row.key}` : `issue:${row.id}`;
          return (
            <MergeRow
              key={key}
              row={row}
              mine={mine}
              theirs={theirs.content}
              choice={choices[key] ?? 'theirs'}
              onChoose={(choice) => setChoices((c) => ({ ...c, [key]: choice }))}
            />
          );
        })}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('plans.merge.later')}
          </Button>
          <Button onClick={() => onResolve(merge(mine, theirs.content, choices))}>
            {t('plans.merge.use')}
          </Button>
        </Group>
        <Text size="xs" c="dimmed" ta="right">
          {t('plans.merge.thenSave')}
        </Text>
      </Stack>
    </Modal>
  );
}

function MergeRow({
  row,
  mine,
  theirs,
  choice,
  onChoose,
}: {
  row: Row;
  mine: PlanContent;
  theirs: PlanContent;
  choice: Choice;
  onChoose: (choice: Choice) => void;
}) {
  const { t } = useTranslation();
  const fieldLabel = useFieldLabel();
  const title =
    row.kind === 'field'
      ? fieldLabel(row.key, 'plan')
      : `${t('plans.merge.issue')}: ${row.mine?.title || row.theirs?.title || '…'}`;
  const label = t('plans.merge.chooseFor', { what: title });
  const onlyOne = row.kind === 'issue' && (!row.mine || !row.theirs);

  const side = (which: Choice): ReactNode => {
    if (row.kind === 'field')
      return <FieldText value={String((which === 'mine' ? mine : theirs)[row.key] ?? '')} />;
    const issue = which === 'mine' ? row.mine : row.theirs;
    return issue ? (
      <IssueSummary issue={issue} />
    ) : (
      <Text size="sm" c="dimmed">
        {t('plans.merge.absent')}
      </Text>
    );
  };

  return (
    <Paper withBorder p="sm" component="section" aria-label={title}>
      <Stack gap="xs">
        <Group gap="xs">
          <Title order={4} size="h6">
            {title}
          </Title>
          {row.conflict && (
            <Badge color="red" variant="light" tt="none">
              {t('plans.merge.bothChanged')}
            </Badge>
          )}
        </Group>
        {onlyOne ? (
          <Checkbox
            label={row.mine ? t('plans.merge.keepMineOnly') : t('plans.merge.keepTheirsOnly')}
            checked={choice === (row.mine ? 'mine' : 'theirs')}
            onChange={(event) =>
              onChoose(event.currentTarget.checked === Boolean(row.mine) ? 'mine' : 'theirs')
            }
          />
        ) : (
          <Radio.Group value={choice} onChange={(v) => onChoose(v as Choice)} aria-label={label}>
            <Group gap="lg">
              <Radio value="mine" label={t('plans.merge.useMine')} />
              <Radio value="theirs" label={t('plans.merge.useTheirs')} />
            </Group>
          </Radio.Group>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <Box>
            <Text size="xs" fw={700} c={choice === 'mine' ? 'blue.8' : 'dimmed'}>
              {t('plans.merge.mine')}
            </Text>
            {side('mine')}
          </Box>
          <Box>
            <Text size="xs" fw={700} c={choice === 'theirs' ? 'blue.8' : 'dimmed'}>
              {t('plans.merge.theirs')}
            </Text>
            {side('theirs')}
          </Box>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

function FieldText({ value }: { value: string }) {
  const { t } = useTranslation();
  return (
    <ScrollArea.Autosize mah={160}>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={value ? undefined : 'dimmed'}>
        {value || t('plans.merge.empty')}
      </Text>
    </ScrollArea.Autosize>
  );
}

function IssueSummary({ issue }: { issue: PlanIssue }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Stack gap={2}>
      <Text size="sm" fw={500}>
        {issue.title || '…'}
      </Text>
      <Text size="xs" c="dimmed">
        {ISSUE_STANCE_LABELS[issue.stance][lang]} ·{' '}
        {t('plans.merge.measureCount', { n: issue.measures.length })}
      </Text>
      <List size="xs" spacing={0}>
        {issue.measures.map((m) => (
          <List.Item key={m.id}>
            {m.title || '…'} ({t('plans.merge.stepCount', { n: m.steps.length })})
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}
