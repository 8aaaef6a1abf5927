import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  ThemeIcon,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { approvalDateBounds } from '#shared/format/date-bounds.ts';
import {
  type ApiRequestError,
  api,
  type OrganizationRow,
  type PlanDetailBody,
  queryKeys,
} from '../../api.ts';
import { BeDateInput, boundsProps } from '../../components/BeDateInput.tsx';
import { ConfirmDialog, isStale, StaleNotice } from '../../components/ConfirmDialog.tsx';
import { circulationReach } from '../../components/consequences.ts';
import { FormError } from '../../components/FormError.tsx';
import { Check } from '../../components/icons.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useFormat } from '../../format.ts';
import { useLang } from '../../i18n/index.ts';
import { Link, navigate } from '../../router.tsx';
import { orgName } from '../organizations/names.ts';
import { ApprovalSignatureFields, SignaturePanel, useSignerPosition } from '../signatures/SignaturePanel.tsx';
import { planPaths, STATUS_COLORS } from './common.ts';
import { useFieldLabel } from './fieldLabel.ts';

export type PlanRoles = { edit: boolean; decide: boolean; admin: boolean };

/** The plan's way from draft to circulation, what the user may do next, receipts and versions. */
export function WorkflowPanel({
  plan,
  dirty,
  roles,
  organizations,
  onUpdated,
}: {
  plan: PlanDetailBody;
  dirty: boolean;
  roles: PlanRoles;
  organizations: readonly OrganizationRow[];
  onUpdated: (plan: PlanDetailBody) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // An action refused because the plan changed since the page was loaded: shown here, above the
  // actions, so that it stays when the reloaded plan no longer offers the action.
  const [stale, setStale] = useState<ApiRequestError | null>(null);
  return (
    <Paper withBorder p={{ base: 'xs', sm: 'md' }} component="section" aria-labelledby="workflow-title">
      <Stack gap="md">
        <Title order={3} size="h4" id="workflow-title">
          {t('plans.workflow.title')}
        </Title>
        <StatusSteps plan={plan} />
        {stale && (
          <StaleNotice
            error={stale}
            onReload={() => {
              setStale(null);
              void queryClient.invalidateQueries({ queryKey: queryKeys.plan(plan.id) });
            }}
          />
        )}
        <Actions
          plan={plan}
          dirty={dirty}
          roles={roles}
          organizations={organizations}
          onUpdated={(updated) => {
            setStale(null);
            onUpdated(updated);
          }}
          onStale={setStale}
        />
        <SignaturePanel planId={plan.id} rowVersion={plan.rowVersion} />
        {plan.acknowledgements.length > 0 && <Acknowledgements plan={plan} organizations={organizations} />}
        {plan.versions.length > 1 && <Versions plan={plan} />}
      </Stack>
    </Paper>
  );
}

type StepState = 'done' | 'current' | 'todo' | 'warning';
const STEP_COLORS: Record<StepState, string> = {
  done: 'green',
  current: 'blue',
  todo: 'gray',
  warning: 'orange',
};

/** The four steps of a plan (draft, submitted, decided, circulated) in a row, with when and by whom. */
function StatusSteps({ plan }: { plan: PlanDetailBody }) {
  const { t } = useTranslation();
  const format = useFormat();
  const approved = plan.memoNumber !== null && ['approved', 'circulated', 'superseded'].includes(plan.status);
  const returned = plan.status === 'returned';
  const acknowledged = plan.acknowledgements.filter((a) => a.acknowledgedAt).length;
  const when = (at: string | null, by?: string | null) =>
    at ? `${format.dateTime(at)}${by ? ` · ${by}` : ''}` : t('plans.workflow.notYet');
  const steps: { key: string; state: StepState; title: string; lines: ReactNode[] }[] = [
    {
      key: 'draft',
      state: plan.status === 'draft' ? 'current' : 'done',
      title: t('plans.workflow.drafted', { n: plan.versionNo }),
      lines: [t('plans.workflow.lastSaved', { at: format.dateTime(plan.updatedAt) })],
    },
    {
      key: 'submitted',
      state: plan.status === 'submitted' ? 'current' : plan.submittedAt ? 'done' : 'todo',
      title: t('plans.workflow.submitted'),
      lines: [
        when(plan.submittedAt),
        ...(plan.completenessOverride
          ? [
              <Text key="override" span size="xs" c="orange.8">
                {t('plans.workflow.overridden', {
                  reason: plan.completenessOverride.reason,
                  by: plan.completenessOverride.by,
                })}
              </Text>,
            ]
          : []),
      ],
    },
    {
      key: 'decided',
      state: returned ? 'warning' : approved ? 'done' : 'todo',
      title: returned ? t('plans.workflow.returned') : t('plans.workflow.approved'),
      lines: approved
        ? [
            t('plans.workflow.memo', {
              number: plan.memoNumber,
              date: plan.memoDate ? format.date(plan.memoDate) : '—',
            }),
            when(plan.decidedAt, plan.decidedByName),
          ]
        : returned
          ? [when(plan.decidedAt, plan.decidedByName)]
          : [t('plans.workflow.notYet')],
    },
    {
      key: 'circulated',
      state: plan.circulatedAt ? 'done' : 'todo',
      title: t('plans.workflow.circulated'),
      lines: plan.circulatedAt
        ? [
            when(plan.circulatedAt),
            t('plans.workflow.acknowledgedCount', { n: acknowledged, of: plan.acknowledgements.length }),
          ]
        : [t('plans.workflow.notYet')],
    },
  ];
  const currentIndex = steps.findLastIndex((step) => step.state !== 'todo');
  return (
    <SimpleGrid
      cols={{ base: 2, md: 4 }}
      spacing="xs"
      component="ol"
      p={0}
      m={0}
      style={{ listStyle: 'none' }}
      aria-label={t('plans.workflow.timeline')}
    >
      {steps.map((step, index) => (
        <Paper
          key={step.key}
          component="li"
          withBorder
          p="xs"
          radius="md"
          aria-current={index === currentIndex ? 'step' : undefined}
          style={{
            borderColor:
              index === currentIndex ? `var(--mantine-color-${STEP_COLORS[step.state]}-5)` : undefined,
          }}
        >
          <Group gap={8} wrap="nowrap" align="flex-start">
            <ThemeIcon
              size={22}
              radius="xl"
              color={STEP_COLORS[step.state]}
              variant={step.state === 'todo' ? 'light' : 'filled'}
              aria-hidden
            >
              {step.state === 'done' ? (
                <Check size={13} />
              ) : (
                <Text size="xs" fw={700}>
                  {index + 1}
                </Text>
              )}
            </ThemeIcon>
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text size="sm" fw={700}>
                {step.title}
                <VisuallyHidden> ({t(`plans.workflow.stepState.${step.state}`)})</VisuallyHidden>
              </Text>
              {step.lines.map((line, k) => (
                <Text key={typeof line === 'string' ? line : k} size="xs" c="dimmed">
                  {line}
                </Text>
              ))}
            </Stack>
          </Group>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

function useWorkflowMutation<T>(
  fn: (input: T) => Promise<PlanDetailBody>,
  onUpdated: (plan: PlanDetailBody) => void,
  onStale?: (error: ApiRequestError) => void,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (updated) => {
      onUpdated(updated);
      void queryClient.invalidateQueries({ queryKey: ['plans', 'list'] });
      void queryClient.invalidateQueries({ queryKey: queryKeys.inbox });
    },
    onError: (error) => {
      if (isStale(error)) onStale?.(error);
    },
  });
}

/** Who the plan's next steps reach (approvers, units and their reporters), read when a confirmation opens. */
function useAudience(planId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['plans', 'audience', planId],
    queryFn: () => api.plans.audience(planId),
    enabled,
  });
}

function Actions({
  plan,
  dirty,
  roles,
  organizations,
  onUpdated,
  onStale,
}: {
  plan: PlanDetailBody;
  dirty: boolean;
  roles: PlanRoles;
  organizations: readonly OrganizationRow[];
  onUpdated: (plan: PlanDetailBody) => void;
  onStale: (error: ApiRequestError) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errors = plan.completeness.filter((c) => c.severity === 'error').length;
  const [overrideOpen, setOverrideOpen] = useState(false);
  const [confirming, setConfirming] = useState<'submit' | 'circulate' | null>(null);
  const audience = useAudience(plan.id, confirming !== null);
  const closeOnStale = (error: ApiRequestError) => {
    setConfirming(null);
    setOverrideOpen(false);
    onStale(error);
  };
  const submit = useWorkflowMutation(
    (overrideReason?: string) =>
      api.plans.submit(plan.id, {
        rowVersion: plan.rowVersion,
        ...(overrideReason ? { overrideReason } : {}),
      }),
    (updated) => {
      setOverrideOpen(false);
      setConfirming(null);
      onUpdated(updated);
    },
    closeOnStale,
  );
  const circulate = useWorkflowMutation(
    () => api.plans.circulate(plan.id, plan.rowVersion),
    (updated) => {
      setConfirming(null);
      onUpdated(updated);
    },
    closeOnStale,
  );
  const newVersion = useMutation({
    mutationFn: () => api.plans.newVersion(plan.id),
    onSuccess: (created) => {
      queryClient.setQueryData(queryKeys.plan(created.id), created);
      void queryClient.invalidateQueries({ queryKey: ['plans'] });
      navigate(planPaths.plan(created.id));
    },
  });
  const editable = plan.status === 'draft' || plan.status === 'returned';
  const latest = plan.versions.at(-1);
  /** A later version already being drafted, submitted or returned. */
  const newer = plan.versions.find(
    (v) => v.versionNo > plan.versionNo && ['draft', 'returned', 'submitted'].includes(v.status),
  );
  const blockedReason = dirty
    ? t('plans.workflow.saveFirst')
    : errors > 0
      ? t('plans.workflow.fixErrors', { n: errors })
      : null;

  return (
    <Stack gap="sm">
      {editable && roles.edit && (
        <Stack gap="xs">
          <Group gap="sm" wrap="wrap">
            <Button
              onClick={() => {
                submit.reset();
                setConfirming('submit');
              }}
              loading={submit.isPending && !overrideOpen}
              disabled={blockedReason !== null}
              aria-describedby={blockedReason ? 'submit-blocked' : undefined}
            >
              {t('plans.workflow.submit')}
            </Button>
            {roles.admin && errors > 0 && !dirty && (
              <Button variant="outline" color="orange" onClick={() => setOverrideOpen(true)}>
                {t('plans.workflow.submitAnyway')}
              </Button>
            )}
          </Group>
          {blockedReason && (
            <Text size="sm" c="red.8" id="submit-blocked">
              {blockedReason}
            </Text>
          )}
          {!overrideOpen && confirming === null && !isStale(submit.error) && (
            <FormError error={submit.error} />
          )}
        </Stack>
      )}
      {plan.status === 'submitted' && !roles.decide && (
        <Alert color="blue" p="xs">
          {t('plans.workflow.awaitingDecision')}
        </Alert>
      )}
      {plan.status === 'submitted' && roles.decide && (
        <Decision plan={plan} organizations={organizations} onUpdated={onUpdated} onStale={onStale} />
      )}
      {plan.status === 'approved' && roles.edit && (
        <Stack gap="xs">
          <Text size="sm">{t('plans.workflow.circulateHelp')}</Text>
          <Group>
            <Button
              onClick={() => {
                circulate.reset();
                setConfirming('circulate');
              }}
              loading={circulate.isPending}
            >
              {t('plans.workflow.circulate')}
            </Button>
          </Group>
        </Stack>
      )}
      {(plan.status === 'approved' || plan.status === 'circulated') && roles.edit && newer && (
        <Alert color="blue" p="xs">
          {t('plans.workflow.newerInProgress', { n: newer.versionNo })}{' '}
          <Anchor component={Link} to={planPaths.plan(newer.id)}>
            {t('plans.workflow.openLatest', { n: newer.versionNo })}
          </Anchor>
        </Alert>
      )}
      {(plan.status === 'approved' || plan.status === 'circulated') && roles.edit && !newer && (
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            {t('plans.workflow.newVersionHelp')}
          </Text>
          <Group>
            <Button variant="default" onClick={() => newVersion.mutate()} loading={newVersion.isPending}>
              {t('plans.workflow.newVersion')}
            </Button>
          </Group>
          <FormError error={newVersion.error} />
        </Stack>
      )}
      {plan.status === 'superseded' && latest && latest.id !== plan.id && (
        <Alert color="gray" p="xs">
          {t('plans.workflow.superseded')}{' '}
          <Anchor component={Link} to={planPaths.plan(latest.id)}>
            {t('plans.workflow.openLatest', { n: latest.versionNo })}
          </Anchor>
        </Alert>
      )}

      <ConfirmDialog
        opened={confirming === 'submit'}
        title={t('confirm.submit.title', { n: plan.versionNo })}
        message={t('confirm.submit.message', { n: plan.versionNo })}
        confirmLabel={t('confirm.submit.confirm')}
        color="blue"
        loading={submit.isPending}
        error={isStale(submit.error) ? null : submit.error}
        onConfirm={() => submit.mutate(undefined)}
        onClose={() => setConfirming(null)}
      >
        <QueryState query={audience}>{(a) => <Approvers names={a.approvers} />}</QueryState>
        <Text size="sm">{t('confirm.submit.locks')}</Text>
      </ConfirmDialog>
      <ConfirmDialog
        opened={confirming === 'circulate'}
        title={t('confirm.circulate.title')}
        message={t('confirm.circulate.message')}
        confirmLabel={t('confirm.circulate.confirm')}
        color="blue"
        loading={circulate.isPending}
        error={isStale(circulate.error) ? null : circulate.error}
        onConfirm={() => circulate.mutate(undefined)}
        onClose={() => setConfirming(null)}
      >
        <QueryState query={audience}>
          {(a) => <CirculationUnits units={a.units} organizations={organizations} />}
        </QueryState>
      </ConfirmDialog>

      <Modal
        opened={overrideOpen}
        onClose={() => setOverrideOpen(false)}
        title={t('plans.workflow.submitAnyway')}
        closeButtonProps={{ 'aria-label': t('confirm.dismiss') }}
      >
        <OverrideForm
          errors={errors}
          loading={submit.isPending}
          error={isStale(submit.error) ? null : submit.error}
          onSubmit={(reason) => submit.mutate(reason)}
          onCancel={() => setOverrideOpen(false)}
        />
      </Modal>
    </Stack>
  );
}

/** Submit's consequence: the executives who will be asked to approve (or that there is none). */
function Approvers({ names }: { names: readonly string[] }) {
  const { t } = useTranslation();
  if (names.length === 0) {
    return (
      <Alert color="orange" p="xs">
        {t('confirm.submit.noApprover')}
      </Alert>
    );
  }
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {t('confirm.submit.approvers', { count: names.length })}
      </Text>
      <List size="sm" data-testid="confirm-approvers">
        {names.map((name) => (
          <List.Item key={name}>{name}</List.Item>
        ))}
      </List>
    </Stack>
  );
}

/** Circulate's consequence: each unit told, with its reporters, and those nobody will see it in. */
function CirculationUnits({
  units,
  organizations,
}: {
  units: Awaited<ReturnType<typeof api.plans.audience>>['units'];
  organizations: readonly OrganizationRow[];
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const byId = new Map(organizations.map((o) => [o.id, o]));
  const name = (u: (typeof units)[number]) => orgName(byId.get(u.unitId) ?? u, lang);
  const { reached, unreached } = circulationReach(units);
  return (
    <Stack gap="xs">
      <Text size="sm" fw={600}>
        {t('confirm.circulate.units', { count: units.length })}
      </Text>
      <List size="sm" data-testid="confirm-units">
        {reached.map((u) => (
          <List.Item key={u.unitId}>
            {name(u)}{' '}
            <Text span size="sm" c="dimmed">
              ({t('confirm.circulate.reporters', { count: u.reporters })})
            </Text>
          </List.Item>
        ))}
      </List>
      {unreached.length > 0 && (
        <Alert color="orange" p="xs" title={t('confirm.circulate.unreached', { count: unreached.length })}>
          <List size="sm" data-testid="confirm-unreached">
            {unreached.map((u) => (
              <List.Item key={u.unitId}>{name(u)}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <Text size="sm">{t('confirm.circulate.how')}</Text>
    </Stack>
  );
}

function OverrideForm({
  errors,
  loading,
  error,
  onSubmit,
  onCancel,
}: {
  errors: number;
  loading: boolean;
  error: unknown;
  onSubmit: (reason: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const short = reason.trim().length < 10;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (!short) onSubmit(reason.trim());
      }}
    >
      <Stack>
        <Text size="sm">{t('plans.workflow.overrideHelp', { n: errors })}</Text>
        <Textarea
          label={t('plans.workflow.overrideReason')}
          description={t('plans.workflow.overrideReasonHelp')}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          required
          autosize
          minRows={3}
          data-autofocus
        />
        <FormError error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="orange" loading={loading} disabled={short}>
            {t('plans.workflow.submitAnywayConfirm')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The executive's decision: approve with the memo's number and date, or return with a comment. */
function Decision({
  plan,
  organizations,
  onUpdated,
  onStale,
}: {
  plan: PlanDetailBody;
  organizations: readonly OrganizationRow[];
  onUpdated: (plan: PlanDetailBody) => void;
  onStale: (error: ApiRequestError) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [confirmApprove, setConfirmApprove] = useState(false);
  const audience = useAudience(plan.id, confirmApprove);
  const [memoNumber, setMemoNumber] = useState('');
  const [memoDate, setMemoDate] = useState('');
  const [comment, setComment] = useState('');
  const [memoDateReadable, setMemoDateReadable] = useState(true);
  const validDate = memoDate !== '' && memoDateReadable;
  const lang = useLang();
  // The approval is an electronic signature (decision 024): the position printed with it.
  const signerPosition = useSignerPosition(plan.id);
  const approve = useWorkflowMutation(
    () =>
      api.plans.decide(plan.id, {
        decision: 'approve',
        rowVersion: plan.rowVersion,
        memoNumber: memoNumber.trim(),
        memoDate,
        signerPosition: signerPosition.value.trim(),
      }),
    (updated) => {
      setConfirmApprove(false);
      onUpdated(updated);
    },
    (error) => {
      setConfirmApprove(false);
      onStale(error);
    },
  );
  const giveBack = useWorkflowMutation(
    () =>
      api.plans.decide(plan.id, { decision: 'return', rowVersion: plan.rowVersion, comment: comment.trim() }),
    onUpdated,
    onStale,
  );
  const previous = plan.versions.find(
    (v) => v.versionNo < plan.versionNo && (v.status === 'approved' || v.status === 'circulated'),
  );
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          approve.reset();
          setConfirmApprove(true);
        }}
        aria-labelledby="approve-title"
      >
        <Stack gap="xs">
          <Title order={4} size="h5" id="approve-title">
            {t('plans.workflow.approveTitle')}
          </Title>
          <TextInput
            label={t('plans.workflow.memoNumber')}
            description={t('plans.workflow.memoNumberHelp')}
            leftSection={<Text size="sm">ที่</Text>}
            leftSectionWidth={36}
            value={memoNumber}
            onChange={(event) => setMemoNumber(event.currentTarget.value)}
            required
          />
          <BeDateInput
            label={t('plans.workflow.memoDate')}
            description={t('plans.workflow.memoDateHelp')}
            value={memoDate}
            onChange={(value) => setMemoDate(value ?? '')}
            onValidityChange={setMemoDateReadable}
            // Not in the future, not before the fiscal year before the plan's (the server says the same).
            {...boundsProps(approvalDateBounds(plan.fiscalYear))}
            required
          />
          <ApprovalSignatureFields value={signerPosition.value} onChange={signerPosition.setValue} />
          <Group>
            <Button
              type="submit"
              color="green"
              loading={approve.isPending}
              disabled={!memoNumber.trim() || !validDate || !signerPosition.value.trim()}
            >
              {t('plans.workflow.approve')}
            </Button>
          </Group>
        </Stack>
      </form>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          giveBack.mutate(undefined);
        }}
        aria-labelledby="return-title"
      >
        <Stack gap="xs">
          <Title order={4} size="h5" id="return-title">
            {t('plans.workflow.returnTitle')}
          </Title>
          <Textarea
            label={t('plans.workflow.returnCommentLabel')}
            value={comment}
            onChange={(event) => setComment(event.currentTarget.value)}
            autosize
            minRows={3}
            required
          />
          {!isStale(giveBack.error) && <FormError error={giveBack.error} />}
          <Group>
            <Button
              type="submit"
              color="orange"
              variant="outline"
              loading={giveBack.isPending}
              disabled={!comment.trim()}
            >
              {t('plans.workflow.return')}
            </Button>
          </Group>
        </Stack>
      </form>
      <ConfirmDialog
        opened={confirmApprove}
        title={t('confirm.approve.title', { n: plan.versionNo })}
        message={t('confirm.approve.message', {
          number: memoNumber.trim(),
          date: validDate ? format.date(memoDate) : '—',
        })}
        confirmLabel={t('confirm.approve.confirm')}
        color="green"
        loading={approve.isPending}
        error={isStale(approve.error) ? null : approve.error}
        onConfirm={() => approve.mutate(undefined)}
        onClose={() => setConfirmApprove(false)}
      >
        <List size="sm" data-testid="confirm-approve-next">
          <List.Item data-testid="confirm-approve-signs">
            {t('signatures.confirmSigns', { position: signerPosition.value.trim() })}
          </List.Item>
          {previous && <List.Item>{t('confirm.approve.supersedes', { n: previous.versionNo })}</List.Item>}
          <List.Item>{t('confirm.approve.locked')}</List.Item>
          <List.Item>
            <QueryState query={audience}>
              {(a) =>
                a.units.length > 0
                  ? t('confirm.approve.next', {
                      count: a.units.length,
                      units: a.units
                        .map((u) => orgName(organizations.find((o) => o.id === u.unitId) ?? u, lang))
                        .join(', '),
                    })
                  : t('confirm.approve.nextNoUnits')
              }
            </QueryState>
          </List.Item>
        </List>
      </ConfirmDialog>
    </SimpleGrid>
  );
}

function Acknowledgements({
  plan,
  organizations,
}: {
  plan: PlanDetailBody;
  organizations: readonly OrganizationRow[];
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const format = useFormat();
  const byId = new Map(organizations.map((o) => [o.id, o]));
  return (
    <Stack gap="xs">
      <Title order={4} size="h5" id="acks-title">
        {t('plans.workflow.acknowledgements')}
      </Title>
      <Table.ScrollContainer minWidth={480}>
        <Table verticalSpacing={4} striped aria-labelledby="acks-title">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('plans.workflow.unit')}</Table.Th>
              <Table.Th>{t('plans.workflow.acknowledgedAt')}</Table.Th>
              <Table.Th>{t('plans.workflow.acknowledgedBy')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plan.acknowledgements.map((a) => {
              const org = byId.get(a.unitId);
              return (
                <Table.Tr key={a.unitId}>
                  <Table.Td>{org ? orgName(org, lang) : a.unitNameTh}</Table.Td>
                  <Table.Td>
                    {a.acknowledgedAt ? (
                      <Badge color="green" variant="light" tt="none">
                        {t('plans.workflow.acknowledgedOn', { at: format.dateTime(a.acknowledgedAt) })}
                      </Badge>
                    ) : (
                      <Badge color="gray" variant="light" tt="none">
                        {t('plans.workflow.notAcknowledged')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{a.acknowledgedByName ?? '—'}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function Versions({ plan }: { plan: PlanDetailBody }) {
  const { t } = useTranslation();
  const [compareWith, setCompareWith] = useState<{ id: string; versionNo: number } | null>(null);
  return (
    <Stack gap="xs">
      <Title order={4} size="h5" id="versions-title">
        {t('plans.workflow.versions')}
      </Title>
      <Table.ScrollContainer minWidth={420}>
        <Table verticalSpacing={4} aria-labelledby="versions-title">
          <Table.Tbody>
            {plan.versions.map((v) => (
              <Table.Tr key={v.id}>
                <Table.Td>
                  {v.id === plan.id ? (
                    <Text size="sm" fw={700}>
                      {t('plans.versionNo', { n: v.versionNo })} ({t('plans.workflow.thisVersion')})
                    </Text>
                  ) : (
                    <Anchor component={Link} to={planPaths.plan(v.id)} size="sm">
                      {t('plans.versionNo', { n: v.versionNo })}
                    </Anchor>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLORS[v.status]} variant="light" tt="none">
                    {t(`plans.status.${v.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td ta="right">
                  {v.id !== plan.id && (
                    <Button size="compact-xs" variant="subtle" onClick={() => setCompareWith(v)}>
                      {t('plans.workflow.compare', { n: v.versionNo })}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {compareWith && <DiffModal plan={plan} other={compareWith} onClose={() => setCompareWith(null)} />}
    </Stack>
  );
}

const CHANGE_COLORS = { added: 'green', removed: 'red', changed: 'blue' } as const;

function DiffModal({
  plan,
  other,
  onClose,
}: {
  plan: PlanDetailBody;
  other: { id: string; versionNo: number };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  // Older version first: "what changed from version 1 to version 2".
  const [fromId, toId] = other.versionNo < plan.versionNo ? [other.id, plan.id] : [plan.id, other.id];
  const diff = useQuery({
    queryKey: queryKeys.planDiff(toId, fromId),
    queryFn: () => api.plans.diff(toId, fromId),
  });
  const fieldLabel = useFieldLabel();
  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={t('plans.workflow.diffTitle')}
      closeButtonProps={{ 'aria-label': t('confirm.dismiss') }}
    >
      <QueryState query={diff}>
        {(d) => (
          <Stack gap="sm">
            <Text size="sm">
              {t('plans.workflow.diffFromTo', { from: d.from.versionNo, to: d.to.versionNo })}
            </Text>
            {d.changes.length === 0 ? (
              <Text size="sm">{t('plans.workflow.noChanges')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={520}>
                <Table verticalSpacing={4} striped aria-label={t('plans.workflow.diffTitle')}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('plans.workflow.change')}</Table.Th>
                      <Table.Th>{t('plans.workflow.changedPart')}</Table.Th>
                      <Table.Th>{t('plans.workflow.changedFields')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {d.changes.map((c) => (
                      <Table.Tr key={`${c.kind}-${c.what}-${c.path}`}>
                        <Table.Td>
                          <Badge color={CHANGE_COLORS[c.kind]} variant="light" tt="none">
                            {t(`plans.workflow.changeKind.${c.kind}`)}
                          </Badge>
                        </Table.Td>
                        <Table.Td>
                          <Text size="xs" c="dimmed">
                            {t(`plans.workflow.changeWhat.${c.what}`)}
                          </Text>
                          <Text size="sm">{c.label}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">
                            {c.fields.map((f) => fieldLabel(f, c.what)).join(', ') || '—'}
                          </Text>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Stack>
        )}
      </QueryState>
    </Modal>
  );
}
