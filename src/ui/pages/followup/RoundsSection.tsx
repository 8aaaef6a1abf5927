import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  NativeSelect,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dueDateBounds } from '#shared/format/date-bounds.ts';
import { ROUND_KINDS } from '#shared/progress/contract.ts';
import { api, queryKeys, type RoundRow } from '../../api.ts';
import { BeDateInput, boundsProps } from '../../components/BeDateInput.tsx';
import { ActionError, ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { closeRoundMissing } from '../../components/consequences.ts';
import { FormError } from '../../components/FormError.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useLang } from '../../i18n/index.ts';
import { Link } from '../../router.tsx';
import { unitName } from '../organizations/names.ts';
import { calendarDate, followupPaths, roundLabel } from './common.ts';

type Kind = (typeof ROUND_KINDS)[number];
const ROUND_STATUS_COLORS = { draft: 'gray', open: 'green', closed: 'dark' } as const;

/** "รอบการรายงาน": the follow-up rounds of an approved or circulated plan. */
export function RoundsSection({ planId, canManage }: { planId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const rounds = useQuery({ queryKey: queryKeys.rounds(planId), queryFn: () => api.rounds.list(planId) });
  return (
    <Paper withBorder p={{ base: 'xs', sm: 'md' }} component="section" aria-labelledby="followup-rounds">
      <Stack gap="sm">
        <Title order={3} id="followup-rounds">
          {t('followup.rounds.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('followup.rounds.intro')}
        </Text>
        <QueryState query={rounds}>
          {(list) =>
            list.length === 0 ? (
              <Text size="sm">{t('followup.rounds.empty')}</Text>
            ) : (
              <Stack gap="xs">
                {list.map((round) => (
                  <RoundRowView key={round.id} round={round} planId={planId} canManage={canManage} />
                ))}
              </Stack>
            )
          }
        </QueryState>
        {canManage && <CreateRoundForm planId={planId} />}
      </Stack>
    </Paper>
  );
}

function RoundRowView({ round, planId, canManage }: { round: RoundRow; planId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [reopening, setReopening] = useState(false);
  const [confirmClose, setConfirmClose] = useState(false);
  const reload = () => {
    action.reset();
    void queryClient.invalidateQueries({ queryKey: queryKeys.rounds(planId) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.rollup(round.id) });
  };
  const done = (message: string) => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.rounds(planId) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.rollup(round.id) });
    notifications.show({ color: 'green', message });
  };
  const action = useMutation({
    mutationFn: (kind: 'open' | 'close' | 'reopen') =>
      kind === 'open'
        ? api.rounds.open(round.id, round.rowVersion)
        : kind === 'close'
          ? api.rounds.close(round.id, round.rowVersion)
          : api.rounds.reopen(round.id, round.rowVersion, reason),
    onSuccess: (_data, kind) => {
      setReopening(false);
      setConfirmClose(false);
      setReason('');
      done(
        t(
          kind === 'open'
            ? 'followup.rounds.openedNotice'
            : kind === 'close'
              ? 'followup.rounds.closedNotice'
              : 'followup.rounds.reopenedNotice',
        ),
      );
    },
  });
  return (
    <Paper withBorder p="xs" radius="md" component="article" aria-label={roundLabel(round, lang)}>
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap" justify="space-between">
          <Text fw={700}>{roundLabel(round, lang)}</Text>
          <Badge color={ROUND_STATUS_COLORS[round.status]} variant="light" tt="none">
            {t(`followup.rounds.status.${round.status}`)}
          </Badge>
        </Group>
        <Text size="sm">
          {t(`followup.rounds.kinds.${round.kind}`)} ·{' '}
          {t('followup.rounds.dueDateBe', { date: calendarDate(round.dueDate, lang) })} ·{' '}
          {t('followup.rounds.slots', { n: round.slotCount })}
        </Text>
        {round.reopenReason && (
          <Text size="sm" c="dimmed">
            {t('followup.rounds.reopenedBecause', { reason: round.reopenReason })}
          </Text>
        )}
        <Group gap="xs" wrap="wrap">
          <Anchor component={Link} to={followupPaths.round(round.id)} size="sm">
            {t('followup.rounds.dashboard')}
          </Anchor>
          {canManage && round.status === 'draft' && (
            <Button size="xs" onClick={() => action.mutate('open')} loading={action.isPending}>
              {t('followup.rounds.open')}
            </Button>
          )}
          {canManage && round.status === 'open' && (
            <Button
              size="xs"
              variant="default"
              onClick={() => {
                action.reset();
                setConfirmClose(true);
              }}
            >
              {t('followup.rounds.close')}
            </Button>
          )}
          {canManage && round.status === 'closed' && !reopening && (
            <Button size="xs" variant="default" onClick={() => setReopening(true)}>
              {t('followup.rounds.reopen')}
            </Button>
          )}
        </Group>
        {reopening && (
          <Group gap="xs" align="flex-end" wrap="wrap">
            <TextInput
              label={t('followup.rounds.reopenReason')}
              description={t('followup.rounds.reopenHelp')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              style={{ flex: 1, minWidth: 220 }}
            />
            <Button
              size="sm"
              onClick={() => action.mutate('reopen')}
              disabled={reason.trim().length < 5}
              loading={action.isPending}
            >
              {t('followup.rounds.reopen')}
            </Button>
            <Button size="sm" variant="subtle" onClick={() => setReopening(false)}>
              {t('common.cancel')}
            </Button>
          </Group>
        )}
        {!confirmClose && <ActionError error={action.error} onReload={reload} />}
      </Stack>
      <CloseRoundDialog
        round={round}
        opened={confirmClose}
        loading={action.isPending}
        error={action.error}
        onConfirm={() => action.mutate('close')}
        onClose={() => setConfirmClose(false)}
        onReload={() => {
          setConfirmClose(false);
          reload();
        }}
      />
    </Paper>
  );
}

type RollupData = Awaited<ReturnType<typeof api.rounds.rollup>>;

/**
 * "Close the round?": what closing does (read from the server: no more saving, sending or reviewing
 * until reopened with a reason; reminders stop; the report can be published), and the reports still
 * missing with their units, from the round's rollup read when the dialog opens.
 */
export function CloseRoundDialog({
  round,
  opened,
  loading,
  error,
  onConfirm,
  onClose,
  onReload,
}: {
  round: RoundRow;
  opened: boolean;
  loading: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const rollup = useQuery({
    queryKey: queryKeys.rollup(round.id),
    queryFn: () => api.rounds.rollup(round.id),
    enabled: opened,
  });
  return (
    <ConfirmDialog
      opened={opened}
      title={t('confirm.close.title', { label: roundLabel(round, lang) })}
      message={t('confirm.close.message')}
      confirmLabel={t('confirm.close.confirm')}
      color="orange"
      loading={loading}
      confirmDisabled={!rollup.data}
      error={error}
      onConfirm={onConfirm}
      onClose={onClose}
      onReload={onReload}
    >
      <QueryState query={rollup}>{(data) => <MissingReports rollup={data} />}</QueryState>
    </ConfirmDialog>
  );
}

function MissingReports({ rollup }: { rollup: RollupData }) {
  const { t } = useTranslation();
  const lang = useLang();
  const missing = closeRoundMissing(rollup);
  if (missing.units.length === 0) {
    return (
      <Alert color="green" p="xs" data-testid="close-missing">
        {t('confirm.close.allIn', { total: missing.total })}
      </Alert>
    );
  }
  return (
    <Alert
      color="orange"
      p="xs"
      data-testid="close-missing"
      title={t('confirm.close.missing', { notSubmitted: missing.notSubmitted, total: missing.total })}
    >
      <Stack gap={4}>
        {missing.notAccepted > 0 && (
          <Text size="sm">{t('confirm.close.notAccepted', { n: missing.notAccepted })}</Text>
        )}
        <Text size="sm" fw={600}>
          {t('confirm.close.unitsTitle')}
        </Text>
        <List size="sm">
          {missing.units.map((u) => (
            <List.Item key={u.unitId}>
              {unitName(u, lang)}:{' '}
              {t('confirm.close.unitLine', { notSubmitted: u.notSubmitted, notAccepted: u.notAccepted })}
            </List.Item>
          ))}
        </List>
      </Stack>
    </Alert>
  );
}

function CreateRoundForm({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Kind>('6m');
  const [dueDate, setDueDate] = useState('');
  const [dueDateReadable, setDueDateReadable] = useState(true);
  // The plan (already loaded by its page) gives the fiscal year the due date must fall in, or the next.
  const plan = useQuery({ queryKey: queryKeys.plan(planId), queryFn: () => api.plans.get(planId) });
  const dueBounds = plan.data ? dueDateBounds(plan.data.fiscalYear) : {};
  const [labelTh, setLabelTh] = useState('');
  const create = useMutation({
    mutationFn: () =>
      api.rounds.create({
        planId,
        kind,
        dueDate,
        ...(labelTh.trim() ? { labelTh: labelTh.trim() } : {}),
      }),
    onSuccess: () => {
      setDueDate('');
      setLabelTh('');
      void queryClient.invalidateQueries({ queryKey: queryKeys.rounds(planId) });
      notifications.show({ color: 'green', message: t('followup.rounds.createdNotice') });
    },
  });
  return (
    <Stack
      gap="xs"
      component="form"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
    >
      <Text fw={700} size="sm">
        {t('followup.rounds.create')}
      </Text>
      <Group gap="xs" align="flex-start" wrap="wrap">
        <NativeSelect
          label={t('followup.rounds.kind')}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value as Kind)}
          data={ROUND_KINDS.map((k) => ({ value: k, label: t(`followup.rounds.kinds.${k}`) }))}
        />
        <BeDateInput
          required
          label={t('followup.rounds.dueDate')}
          value={dueDate}
          onChange={(value) => setDueDate(value ?? '')}
          onValidityChange={setDueDateReadable}
          {...boundsProps(dueBounds)}
          description=" "
        />
        <TextInput
          label={t('followup.rounds.label')}
          value={labelTh}
          onChange={(e) => setLabelTh(e.currentTarget.value)}
          description=" "
          style={{ flex: 1, minWidth: 200 }}
        />
      </Group>
      <Group>
        <Button type="submit" disabled={!dueDate || !dueDateReadable} loading={create.isPending}>
          {t('followup.rounds.create')}
        </Button>
      </Group>
      <FormError error={create.error} />
    </Stack>
  );
}
