import {
  Alert,
  Anchor,
  Badge,
  Button,
  FileButton,
  Group,
  List,
  NativeSelect,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PROGRESS, PROGRESS_LABELS, type Progress } from '#shared/progress/contract.ts';
import { api, queryKeys, type ReportBody } from '../../api.ts';
import { FormError } from '../../components/FormError.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useLang } from '../../i18n/index.ts';
import { Link } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import { planPaths } from '../plans/common.ts';
import { beDate, fileToBase64, followupPaths, percentFor, progressFor, SLOT_STATE_COLORS } from './common.ts';

const EDITABLE = ['pending', 'draft', 'returned'] as const;

/** One unit's report on one measure: the form (phone-friendly), its evidence, and the secretariat's review. */
export function ReportPage({ id }: { id: string }) {
  const report = useQuery({ queryKey: queryKeys.report(id), queryFn: () => api.reports.get(id) });
  return (
    <QueryState query={report}>
      {(data) => <ReportWorkspace key={data.rowVersion} server={data} />}
    </QueryState>
  );
}

type Draft = {
  result: string;
  progress: Progress;
  percent: number;
  cancelReason: string;
  problems: string;
  suggestions: string;
  activityStart: string;
  activityEnd: string;
  links: { url: string; label: string }[];
  paperRefs: { kind: string; number: string; date: string; title: string }[];
};

function draftOf(r: ReportBody): Draft {
  return {
    result: r.result,
    progress: r.progress,
    percent: r.percent,
    cancelReason: r.cancelReason ?? '',
    problems: r.problems,
    suggestions: r.suggestions,
    activityStart: r.activityStart ?? '',
    activityEnd: r.activityEnd ?? '',
    links: r.links.map((l) => ({ url: l.url, label: l.label })),
    paperRefs: r.paperRefs.map((p) => ({
      kind: p.kind,
      number: p.number,
      date: p.date ?? '',
      title: p.title,
    })),
  };
}

function ReportWorkspace({ server }: { server: ReportBody }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { user } = useSession();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(server));
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const isReporter = user.roles.some(
    (r) => (r.role === 'unit_reporter' && r.organizationId === server.unitId) || r.role === 'admin',
  );
  const canReview = user.roles.some((r) => r.role === 'secretariat' || r.role === 'admin');
  const editable = isReporter && (EDITABLE as readonly string[]).includes(server.state);

  const body = () => ({
    rowVersion: server.rowVersion,
    result: draft.result,
    progress: draft.progress,
    percent: draft.percent,
    cancelReason: draft.progress === 'cancelled' ? draft.cancelReason.trim() || null : null,
    problems: draft.problems,
    suggestions: draft.suggestions,
    activityStart: draft.activityStart || null,
    activityEnd: draft.activityEnd || null,
    links: draft.links.filter((l) => l.url.trim()),
    paperRefs: draft.paperRefs
      .filter((p) => p.kind.trim() || p.number.trim())
      .map((p) => ({ ...p, date: p.date || null })),
  });
  const refresh = (fresh: ReportBody) => {
    queryClient.setQueryData(queryKeys.report(fresh.id), fresh);
    void queryClient.invalidateQueries({ queryKey: queryKeys.myReports });
    void queryClient.invalidateQueries({ queryKey: queryKeys.rollup(fresh.roundId) });
  };
  const save = useMutation({
    mutationFn: (kind: 'draft' | 'submit') =>
      kind === 'draft' ? api.reports.save(server.id, body()) : api.reports.submit(server.id, body()),
    onSuccess: (fresh, kind) => {
      refresh(fresh);
      notifications.show({
        color: 'green',
        message: t(kind === 'draft' ? 'followup.report.savedNotice' : 'followup.report.submittedNotice'),
      });
    },
  });

  return (
    <Stack maw={860}>
      {canReview && !isReporter ? (
        <Anchor component={Link} to={followupPaths.round(server.roundId)} size="sm">
          ← {t('followup.rounds.dashboard')}
        </Anchor>
      ) : (
        <Anchor component={Link} to={planPaths.tasks} size="sm">
          ← {t('followup.report.back')}
        </Anchor>
      )}
      <div>
        <Text size="sm" c="dimmed">
          {server.unitNameTh} · {server.issueTitle}
        </Text>
        <Title order={2}>{server.measureTitle}</Title>
        <Badge color={SLOT_STATE_COLORS[server.state]} variant="light" tt="none" mt={4}>
          {t(`followup.states.${server.state}`)}
        </Badge>
      </div>

      {server.reviewComment && (
        <Alert color="orange" title={t('followup.states.returned')} role="note">
          {t('followup.mine.returnComment', { comment: server.reviewComment })}
        </Alert>
      )}

      {server.steps.length > 0 && (
        <Paper withBorder p="xs" bg="gray.0">
          <Text size="sm" fw={500}>
            {t('followup.report.steps')}
          </Text>
          <List type="ordered" size="sm">
            {server.steps.map((s, k) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: steps come without ids, in order
              <List.Item key={k}>{s}</List.Item>
            ))}
          </List>
        </Paper>
      )}
      {server.previous && (
        <Alert color="blue" variant="light">
          {t('followup.report.previous', {
            label: server.previous.roundLabel,
            progress: PROGRESS_LABELS[server.previous.progress][lang],
            percent: server.previous.percent,
          })}
          {server.previous.result && <Text size="sm">{server.previous.result}</Text>}
        </Alert>
      )}

      {!editable && isReporter && (
        <Alert color="gray">
          {t('followup.report.locked', { state: t(`followup.states.${server.state}`) })}
        </Alert>
      )}

      <fieldset disabled={!editable} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Stack gap="sm">
          <Textarea
            label={t('followup.report.result')}
            autosize
            minRows={3}
            value={draft.result}
            onChange={(e) => set('result', e.currentTarget.value)}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label={t('followup.report.progress')}
              value={draft.progress}
              data={PROGRESS.map((p) => ({ value: p, label: PROGRESS_LABELS[p][lang] }))}
              onChange={(e) => {
                const progress = e.currentTarget.value as Progress;
                setDraft((d) => ({ ...d, progress, percent: percentFor(progress, d.percent) }));
              }}
            />
            <NumberInput
              label={t('followup.report.percent')}
              description={t('followup.report.percentHelp')}
              min={0}
              max={100}
              clampBehavior="strict"
              allowDecimal={false}
              value={draft.percent}
              inputMode="numeric"
              onChange={(value) => {
                const percent = typeof value === 'number' ? value : Number(value) || 0;
                setDraft((d) => ({ ...d, percent, progress: progressFor(d.progress, percent) }));
              }}
            />
          </SimpleGrid>
          {draft.progress === 'cancelled' && (
            <Textarea
              label={t('followup.report.cancelReason')}
              required
              value={draft.cancelReason}
              onChange={(e) => set('cancelReason', e.currentTarget.value)}
            />
          )}
          <Textarea
            label={t('followup.report.problems')}
            autosize
            minRows={2}
            value={draft.problems}
            onChange={(e) => set('problems', e.currentTarget.value)}
          />
          <Textarea
            label={t('followup.report.suggestions')}
            autosize
            minRows={2}
            value={draft.suggestions}
            onChange={(e) => set('suggestions', e.currentTarget.value)}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <DateField
              label={t('followup.report.activityStart')}
              value={draft.activityStart}
              onChange={(v) => set('activityStart', v)}
            />
            <DateField
              label={t('followup.report.activityEnd')}
              value={draft.activityEnd}
              onChange={(v) => set('activityEnd', v)}
            />
          </SimpleGrid>

          <Paper withBorder p="xs" component="fieldset" style={{ margin: 0 }}>
            <Text component="legend" fw={500} size="sm">
              {t('followup.report.links')}
            </Text>
            <Stack gap="xs">
              {draft.links.map((link, k) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, never reordered
                <Group key={k} gap="xs" align="flex-end" wrap="wrap">
                  <TextInput
                    label={`${t('followup.report.url')} ${k + 1}`}
                    type="url"
                    inputMode="url"
                    value={link.url}
                    style={{ flex: 2, minWidth: 200 }}
                    onChange={(e) => {
                      const url = e.currentTarget.value;
                      set(
                        'links',
                        draft.links.map((l, i) => (i === k ? { ...l, url } : l)),
                      );
                    }}
                  />
                  <TextInput
                    label={`${t('followup.report.linkLabel')} ${k + 1}`}
                    value={link.label}
                    style={{ flex: 1, minWidth: 160 }}
                    onChange={(e) => {
                      const label = e.currentTarget.value;
                      set(
                        'links',
                        draft.links.map((l, i) => (i === k ? { ...l, label } : l)),
                      );
                    }}
                  />
                  <Button
                    variant="subtle"
                    color="red"
                    onClick={() =>
                      set(
                        'links',
                        draft.links.filter((_, i) => i !== k),
                      )
                    }
                  >
                    {t('followup.report.remove')}
                  </Button>
                </Group>
              ))}
              <Group>
                <Button
                  variant="light"
                  size="xs"
                  onClick={() => set('links', [...draft.links, { url: '', label: '' }])}
                >
                  {t('followup.report.addLink')}
                </Button>
              </Group>
            </Stack>
          </Paper>

          <Paper withBorder p="xs" component="fieldset" style={{ margin: 0 }}>
            <Text component="legend" fw={500} size="sm">
              {t('followup.report.papers')}
            </Text>
            <Stack gap="xs">
              {draft.paperRefs.map((p, k) => {
                const update = (field: keyof Draft['paperRefs'][number], value: string) =>
                  set(
                    'paperRefs',
                    draft.paperRefs.map((q, i) => (i === k ? { ...q, [field]: value } : q)),
                  );
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, never reordered
                  <SimpleGrid key={k} cols={{ base: 1, sm: 2 }}>
                    <TextInput
                      label={t('followup.report.paperKind')}
                      value={p.kind}
                      onChange={(e) => update('kind', e.currentTarget.value)}
                    />
                    <TextInput
                      label={t('followup.report.paperNumber')}
                      value={p.number}
                      onChange={(e) => update('number', e.currentTarget.value)}
                    />
                    <DateField
                      label={t('followup.report.paperDate')}
                      value={p.date}
                      onChange={(v) => update('date', v)}
                    />
                    <TextInput
                      label={t('followup.report.paperTitle')}
                      value={p.title}
                      onChange={(e) => update('title', e.currentTarget.value)}
                    />
                    <Group>
                      <Button
                        variant="subtle"
                        color="red"
                        onClick={() =>
                          set(
                            'paperRefs',
                            draft.paperRefs.filter((_, i) => i !== k),
                          )
                        }
                      >
                        {t('followup.report.remove')}
                      </Button>
                    </Group>
                  </SimpleGrid>
                );
              })}
              <Group>
                <Button
                  variant="light"
                  size="xs"
                  onClick={() =>
                    set('paperRefs', [...draft.paperRefs, { kind: '', number: '', date: '', title: '' }])
                  }
                >
                  {t('followup.report.addPaper')}
                </Button>
              </Group>
            </Stack>
          </Paper>
        </Stack>
      </fieldset>

      <Evidence slotId={server.id} editable={editable} />

      <FormError error={save.error} />
      {editable && (
        <Group gap="sm" wrap="wrap">
          <Button variant="default" onClick={() => save.mutate('draft')} loading={save.isPending}>
            {t('followup.report.saveDraft')}
          </Button>
          <Button onClick={() => save.mutate('submit')} loading={save.isPending}>
            {t('followup.report.submit')}
          </Button>
        </Group>
      )}

      {canReview && server.state === 'submitted' && <Review report={server} onDone={refresh} />}
    </Stack>
  );
}

function DateField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <TextInput
      type="date"
      label={label}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      description={value ? t('followup.report.beDate', { date: beDate(value) }) : undefined}
    />
  );
}

function Evidence({ slotId, editable }: { slotId: string; editable: boolean }) {
  const { t } = useTranslation();
  const format = useLang();
  const queryClient = useQueryClient();
  const files = useQuery({ queryKey: queryKeys.evidence(slotId), queryFn: () => api.evidence.list(slotId) });
  const upload = useMutation({
    mutationFn: async (file: File) =>
      api.evidence.upload(slotId, { fileName: file.name, contentBase64: await fileToBase64(file) }),
    onSuccess: (row) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.evidence(slotId) });
      notifications.show({
        color: 'green',
        message: t('followup.report.uploadedNotice', { name: row.originalName }),
      });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.evidence.remove(id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.evidence(slotId) }),
  });
  return (
    <Paper withBorder p="xs" component="section" aria-labelledby={`evidence-${slotId}`}>
      <Stack gap="xs">
        <Text fw={500} size="sm" id={`evidence-${slotId}`}>
          {t('followup.report.evidence')}
        </Text>
        <QueryState query={files}>
          {(list) =>
            list.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('followup.report.noEvidence')}
              </Text>
            ) : (
              <List size="sm" spacing={4}>
                {list.map((f) => (
                  <List.Item key={f.id}>
                    <Group gap="xs" wrap="wrap">
                      <Anchor href={api.evidence.downloadUrl(f.id)} download={f.originalName}>
                        {f.originalName}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {Math.max(1, Math.round(f.sizeBytes / 1024))} KB · {f.uploadedBy.displayName} ·{' '}
                        {new Date(f.uploadedAt).toLocaleDateString(format === 'th' ? 'th-TH' : 'en-GB')}
                      </Text>
                      {editable && (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          color="red"
                          onClick={() => remove.mutate(f.id)}
                          aria-label={`${t('followup.report.remove')} ${f.originalName}`}
                        >
                          {t('followup.report.remove')}
                        </Button>
                      )}
                    </Group>
                  </List.Item>
                ))}
              </List>
            )
          }
        </QueryState>
        {editable && (
          <Group gap="xs" wrap="wrap">
            <FileButton
              onChange={(file) => file && upload.mutate(file)}
              accept="application/pdf,image/*,.docx,.xlsx"
            >
              {(props) => (
                <Button {...props} variant="light" loading={upload.isPending}>
                  {t('followup.report.upload')}
                </Button>
              )}
            </FileButton>
            <Text size="xs" c="dimmed">
              {t('followup.report.evidenceHelp')}
            </Text>
          </Group>
        )}
        <FormError error={upload.error ?? remove.error} />
      </Stack>
    </Paper>
  );
}

function Review({ report, onDone }: { report: ReportBody; onDone: (fresh: ReportBody) => void }) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const review = useMutation({
    mutationFn: (decision: 'accept' | 'return') =>
      decision === 'accept'
        ? api.reports.review(report.id, { decision: 'accept', rowVersion: report.rowVersion })
        : api.reports.review(report.id, { decision: 'return', rowVersion: report.rowVersion, comment }),
    onSuccess: (fresh, decision) => {
      onDone(fresh);
      notifications.show({
        color: 'green',
        message: t(
          decision === 'accept' ? 'followup.review.acceptedNotice' : 'followup.review.returnedNotice',
        ),
      });
    },
  });
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="review-title">
      <Stack gap="xs">
        <Title order={3} size="h4" id="review-title">
          {t('followup.review.title')}
        </Title>
        <Textarea
          label={t('followup.review.comment')}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
        />
        <Group gap="sm">
          <Button color="green" onClick={() => review.mutate('accept')} loading={review.isPending}>
            {t('followup.review.accept')}
          </Button>
          <Button
            color="orange"
            variant="light"
            onClick={() => review.mutate('return')}
            disabled={!comment.trim()}
            loading={review.isPending}
          >
            {t('followup.review.return')}
          </Button>
        </Group>
        <FormError error={review.error} />
      </Stack>
    </Paper>
  );
}
