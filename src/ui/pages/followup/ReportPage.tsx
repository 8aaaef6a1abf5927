import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  FileButton,
  Group,
  List,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DateBounds } from '#shared/format/be-date.ts';
import { activityDateBounds, paperDateBounds } from '#shared/format/date-bounds.ts';
import { PROGRESS, PROGRESS_LABELS, type Progress, reportSchema } from '#shared/progress/contract.ts';
import { ApiRequestError, api, type EvidenceRow, queryKeys, type ReportBody } from '../../api.ts';
import { BeDateInput, boundsProps, useFieldValidity } from '../../components/BeDateInput.tsx';
import { isStale, StaleNotice } from '../../components/ConfirmDialog.tsx';
import { NumberField } from '../../components/DigitInput.tsx';
import { AutosaveNote, type CompareRow, CompareVersions, DraftNotes } from '../../components/DraftNotes.tsx';
import { FormError } from '../../components/FormError.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useFormat } from '../../format.ts';
import { useLang } from '../../i18n/index.ts';
import { Link } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import { useAutosave, useKeptDraft } from '../../useDrafts.ts';
import { unitName } from '../organizations/names.ts';
import { planPaths } from '../plans/common.ts';
import { measureLabel } from '../plans/editor/numbering.ts';
import {
  calendarDate,
  fileToBase64,
  followupPaths,
  PROGRESS_COLORS,
  percentFor,
  progressFor,
  SLOT_STATE_COLORS,
} from './common.ts';

const EDITABLE = ['pending', 'draft', 'returned'] as const;

/** One unit's report on one measure: the form (phone-friendly), its evidence, and the secretariat's review. */
export function ReportPage({ id }: { id: string }) {
  const report = useQuery({ queryKey: queryKeys.report(id), queryFn: () => api.reports.get(id) });
  return <QueryState query={report}>{(data) => <ReportWorkspace key={data.id} server={data} />}</QueryState>;
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

/** What the server is sent for a draft (and what "unsaved" is measured against): blank rows left out. */
function valuesOf(draft: Draft) {
  return {
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
  };
}

/** A kept copy of the form (browser storage) is used only if it still has the form's shape. */
function isDraft(value: unknown): value is Draft {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    ['result', 'cancelReason', 'problems', 'suggestions', 'activityStart', 'activityEnd'].every(
      (k) => typeof v[k] === 'string',
    ) &&
    typeof v.percent === 'number' &&
    (PROGRESS as readonly unknown[]).includes(v.progress) &&
    Array.isArray(v.links) &&
    Array.isArray(v.paperRefs)
  );
}

function ReportWorkspace({ server }: { server: ReportBody }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { user } = useSession();
  const queryClient = useQueryClient();
  /** The saved report the form started from (its rowVersion goes with the next save). */
  const [base, setBase] = useState(server);
  const [draft, setDraft] = useState<Draft>(() => draftOf(server));
  /** Someone else saved the report while this form had unsaved input: both are shown side by side. */
  const [conflict, setConflict] = useState<ReportBody | null>(null);
  const [compareOpen, setCompareOpen] = useState(false);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const isReporter = user.roles.some(
    (r) => (r.role === 'unit_reporter' && r.organizationId === base.unitId) || r.role === 'admin',
  );
  const canReview = user.roles.some((r) => r.role === 'secretariat' || r.role === 'admin');
  const editable = isReporter && (EDITABLE as readonly string[]).includes(base.state);

  const saved = useMemo(() => draftOf(base), [base]);
  const kept = useKeptDraft<Draft>({
    scope: { userId: user.id, kind: 'report', id: base.id },
    version: base.rowVersion,
    saved,
    values: draft,
    normalize: valuesOf,
    accept: isDraft,
    onRestore: setDraft,
    enabled: editable,
    leaveMessage: t('drafts.leaveKept'),
  });

  // A review refused because the report changed since it was loaded: kept here, since the reloaded
  // report may no longer offer the review.
  const [stale, setStale] = useState<ApiRequestError | null>(null);
  // The server's copy changed (a review, a refetch): take it, unless that would drop unsaved input.
  const latest = useRef({ base, dirty: kept.dirty });
  latest.current = { base, dirty: kept.dirty };
  useEffect(() => {
    const { base: current, dirty } = latest.current;
    if (server === current) return;
    if (server.rowVersion === current.rowVersion) setBase(server);
    else if (dirty) setConflict(server);
    else {
      setBase(server);
      setDraft(draftOf(server));
    }
  }, [server]);

  const refresh = useCallback(
    (fresh: ReportBody) => {
      latest.current.base = fresh;
      setBase(fresh);
      queryClient.setQueryData(queryKeys.report(fresh.id), fresh);
      void queryClient.invalidateQueries({ queryKey: queryKeys.myReports });
      void queryClient.invalidateQueries({ queryKey: queryKeys.rollup(fresh.roundId) });
    },
    [queryClient],
  );
  /** Sends the values with the newest row version; someone else's save meanwhile opens the comparison. */
  const send = useCallback(
    async (kind: 'draft' | 'submit', values: Draft) => {
      const { base: current } = latest.current;
      const body = { rowVersion: current.rowVersion, ...valuesOf(values) };
      try {
        const fresh = await (kind === 'draft'
          ? api.reports.save(current.id, body)
          : api.reports.submit(current.id, body));
        refresh(fresh);
        return fresh;
      } catch (error) {
        if (error instanceof ApiRequestError && error.code === 'stale_version') {
          const newer = await api.reports.get(current.id).catch(() => null);
          if (newer) {
            setConflict(newer);
            setCompareOpen(true);
          }
        }
        throw error;
      }
    },
    [refresh],
  );
  const { invalid: fieldsInvalid, validity: fieldValidity } = useFieldValidity();
  // A draft the server would refuse (a cancelled measure without its reason yet) is kept in this
  // browser only until it can be sent; "Save draft" says what is missing.
  const sendable = useMemo(
    () => reportSchema.safeParse({ rowVersion: 1, ...valuesOf(draft) }).success,
    [draft],
  );
  const autosave = useAutosave({
    enabled: editable && !conflict && !fieldsInvalid && sendable,
    dirty: kept.dirty,
    values: draft,
    save: (values) => send('draft', values),
  });
  const save = useMutation({
    mutationFn: async (kind: 'draft' | 'submit') => {
      await autosave.flush();
      return send(kind, draft);
    },
    onSuccess: (_fresh, kind) => {
      notifications.show({
        color: 'green',
        message: t(kind === 'draft' ? 'followup.report.savedNotice' : 'followup.report.submittedNotice'),
      });
    },
  });
  const compareRows = useReportCompare();
  const older = kept.older && isDraft(kept.older.values) ? kept.older.values : null;

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
          {unitName(base, lang)} · {base.position && `${measureLabel(t, base.position)} · `}
          {base.issueTitle}
        </Text>
        <Title order={2}>{base.measureTitle}</Title>
        <Badge color={SLOT_STATE_COLORS[base.state]} variant="light" tt="none" mt={4}>
          {t(`followup.states.${base.state}`)}
        </Badge>
      </div>

      {base.state === 'returned' && base.reviewComment && (
        <Alert color="orange" title={t('followup.states.returned')} role="note">
          {t('followup.mine.returnComment', { comment: base.reviewComment })}
        </Alert>
      )}
      {base.state !== 'returned' && base.reviewComment && (
        <details>
          <summary>
            <Text span size="sm" c="dimmed">
              {t('reportView.history')}
            </Text>
          </summary>
          <Text size="sm" mt={4}>
            {t('followup.mine.returnComment', { comment: base.reviewComment })}
          </Text>
        </details>
      )}

      {editable && (
        <DraftNotes
          restored={kept.restored}
          older={kept.older}
          onDiscard={kept.discard}
          onDismiss={kept.dismissNote}
          onCompare={() => setCompareOpen(true)}
        />
      )}
      {editable && conflict && !compareOpen && (
        <Alert color="orange" title={t('drafts.compareTitle')} role="status">
          <Button size="compact-sm" onClick={() => setCompareOpen(true)}>
            {t('drafts.compare')}
          </Button>
        </Alert>
      )}

      {base.steps.length > 0 && (
        <Paper withBorder p="xs" bg="gray.0">
          <Text size="sm" fw={500}>
            {t('followup.report.steps')}
          </Text>
          <List type="ordered" size="sm">
            {base.steps.map((s, k) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: steps come without ids, in order
              <List.Item key={k}>{s}</List.Item>
            ))}
          </List>
        </Paper>
      )}
      {base.previous && (
        <Alert color="blue" variant="light">
          {t('followup.report.previous', {
            label: base.previous.roundLabel,
            progress: PROGRESS_LABELS[base.previous.progress][lang],
            percent: base.previous.percent,
          })}
          {base.previous.result && <Text size="sm">{base.previous.result}</Text>}
        </Alert>
      )}

      {!editable && isReporter && (
        <Alert color="gray">
          {t('followup.report.locked', { state: t(`followup.states.${base.state}`) })}
        </Alert>
      )}

      {!editable && <ReportReadView report={base} />}
      {editable && (
        <fieldset style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
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
              <NumberField
                label={t('followup.report.percent')}
                description={t('followup.report.percentHelp')}
                min={0}
                max={100}
                integer
                required
                value={draft.percent}
                onValidityChange={fieldValidity('percent')}
                onChange={(value) => {
                  const percent = value ?? 0;
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
                bounds={activityDateBounds(base.fiscalYear)}
                onValidityChange={fieldValidity('activityStart')}
              />
              <DateField
                label={t('followup.report.activityEnd')}
                value={draft.activityEnd}
                onChange={(v) => set('activityEnd', v)}
                bounds={{
                  ...activityDateBounds(base.fiscalYear),
                  min: draft.activityStart || activityDateBounds(base.fiscalYear).min,
                }}
                onValidityChange={fieldValidity('activityEnd')}
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
                        bounds={paperDateBounds()}
                        onValidityChange={fieldValidity(`paperRefs.${k}.date`)}
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
      )}

      <Evidence slotId={base.id} editable={editable} />

      {editable && autosave.status.kind !== 'refused' && <AutosaveNote status={autosave.status} />}
      <FormError error={save.error ?? (autosave.status.kind === 'refused' ? autosave.status.error : null)} />
      {editable && (
        <Group gap="sm" wrap="wrap">
          <Button
            variant="default"
            onClick={() => save.mutate('draft')}
            loading={save.isPending}
            disabled={fieldsInvalid}
          >
            {t('followup.report.saveDraft')}
          </Button>
          <Button onClick={() => save.mutate('submit')} loading={save.isPending} disabled={fieldsInvalid}>
            {t('followup.report.submit')}
          </Button>
        </Group>
      )}

      {stale && (
        <StaleNotice
          error={stale}
          onReload={() => {
            setStale(null);
            void queryClient.invalidateQueries({ queryKey: queryKeys.report(base.id) });
          }}
        />
      )}
      {canReview && base.state === 'submitted' && (
        <Review report={base} onDone={refresh} onStale={setStale} />
      )}

      {editable && (conflict || older) && (
        <CompareVersions
          opened={compareOpen}
          rows={compareRows(conflict ? draft : (older ?? draft), conflict ? draftOf(conflict) : saved)}
          onClose={() => setCompareOpen(false)}
          onKeepMine={() => {
            if (conflict) {
              latest.current.base = conflict;
              setBase(conflict);
              setConflict(null);
            } else {
              kept.takeOlder();
            }
            setCompareOpen(false);
          }}
          onTakeTheirs={() => {
            if (conflict) {
              latest.current.base = conflict;
              setBase(conflict);
              setDraft(draftOf(conflict));
              setConflict(null);
            } else {
              kept.discard();
            }
            setCompareOpen(false);
          }}
        />
      )}
    </Stack>
  );
}

/**
 * A report's date in the Buddhist era. The UI bounds are wide (a paper is dated by today, an activity
 * from 2500 BE to the year after next); the server also keeps activities near the plan's fiscal year.
 */
function DateField({
  label,
  value,
  onChange,
  bounds,
  onValidityChange,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  bounds: DateBounds;
  onValidityChange: (valid: boolean) => void;
}) {
  return (
    <BeDateInput
      label={label}
      value={value}
      onChange={(v) => onChange(v ?? '')}
      onValidityChange={onValidityChange}
      {...boundsProps(bounds)}
    />
  );
}

function Evidence({ slotId, editable }: { slotId: string; editable: boolean }) {
  const { t } = useTranslation();
  const format = useLang();
  const formatOf = useFormat();
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
              <List size="sm" spacing="xs" listStyleType="none" ml={0} pl={0}>
                {list.map((f) => (
                  <List.Item key={f.id}>
                    <Group gap="xs" wrap="wrap">
                      {f.mediaType.startsWith('image/') && (
                        <a href={api.evidence.downloadUrl(f.id)} download={f.originalName}>
                          <img
                            src={api.evidence.downloadUrl(f.id)}
                            alt={t('reportView.preview', { name: f.originalName })}
                            loading="lazy"
                            style={{
                              maxWidth: 160,
                              maxHeight: 120,
                              objectFit: 'contain',
                              border: '1px solid var(--mantine-color-gray-4)',
                              borderRadius: 4,
                              display: 'block',
                            }}
                          />
                        </a>
                      )}
                      <Anchor href={api.evidence.downloadUrl(f.id)} download={f.originalName}>
                        {f.originalName}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {t('reportView.fileInfo', {
                          type: fileType(f),
                          size: fileSize(f.sizeBytes, format),
                          by: f.uploadedBy.displayName,
                          date: formatOf.date(f.uploadedAt),
                        })}
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

function Review({
  report,
  onDone,
  onStale,
}: {
  report: ReportBody;
  onDone: (fresh: ReportBody) => void;
  onStale: (error: ApiRequestError) => void;
}) {
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
    onError: (error) => {
      if (isStale(error)) onStale(error);
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
        {!isStale(review.error) && <FormError error={review.error} />}
      </Stack>
    </Paper>
  );
}

/** The report's fields as text, labelled as on the form, for the comparison of two versions. */
function useReportCompare() {
  const { t } = useTranslation();
  const lang = useLang();
  return useCallback(
    (mine: Draft, theirs: Draft): CompareRow[] => {
      const date = (value: string) => (value ? calendarDate(value, lang) : '—');
      const text = (d: Draft): Record<string, string> => ({
        result: d.result || '—',
        progress: `${PROGRESS_LABELS[d.progress][lang]} · ${t('reportView.percent', { n: d.percent })}`,
        cancelReason: d.progress === 'cancelled' ? d.cancelReason || '—' : '—',
        problems: d.problems || '—',
        suggestions: d.suggestions || '—',
        activityStart: date(d.activityStart),
        activityEnd: date(d.activityEnd),
        links:
          d.links
            .filter((l) => l.url.trim())
            .map((l) => (l.label ? `${l.label} — ${l.url}` : l.url))
            .join('\n') || '—',
        paperRefs:
          d.paperRefs
            .filter((p) => p.kind.trim() || p.number.trim())
            .map((p) => [p.kind, p.number, p.date && date(p.date), p.title].filter(Boolean).join(' '))
            .join('\n') || '—',
      });
      const labels: Record<string, string> = {
        result: t('followup.report.result'),
        progress: t('followup.report.progress'),
        cancelReason: t('followup.report.cancelReason'),
        problems: t('followup.report.problems'),
        suggestions: t('followup.report.suggestions'),
        activityStart: t('followup.report.activityStart'),
        activityEnd: t('followup.report.activityEnd'),
        links: t('followup.report.links'),
        paperRefs: t('followup.report.papers'),
      };
      const a = text(mine);
      const b = text(theirs);
      return Object.keys(labels)
        .filter((key) => a[key] !== b[key])
        .map((key) => ({ key, label: labels[key] ?? key, mine: a[key], theirs: b[key] }));
    },
    [t, lang],
  );
}

/**
 * The report as the reviewer (and the unit, once it is sent) reads it: the answers as text under
 * their labels, the status as a badge with words, dates in the UI language, links that open.
 */
function ReportReadView({ report }: { report: ReportBody }) {
  const { t } = useTranslation();
  const lang = useLang();
  const format = useFormat();
  const none = (
    <Text span size="sm" c="dimmed">
      {t('reportView.notGiven')}
    </Text>
  );
  const paragraph = (value: string | null) =>
    value?.trim() ? (
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {value}
      </Text>
    ) : (
      none
    );
  const date = (value: string | null) => (value ? calendarDate(value, lang) : null);
  const start = date(report.activityStart);
  const end = date(report.activityEnd);
  const answers: { key: string; label: string; value: ReactNode }[] = [
    { key: 'result', label: t('followup.report.result'), value: paragraph(report.result) },
    {
      key: 'progress',
      label: t('followup.report.progress'),
      value: (
        <Group gap="xs">
          <Badge color={PROGRESS_COLORS[report.progress]} variant="light" tt="none">
            {PROGRESS_LABELS[report.progress][lang]}
          </Badge>
          <Text size="sm">{t('reportView.percent', { n: format.number(report.percent) })}</Text>
        </Group>
      ),
    },
    ...(report.progress === 'cancelled'
      ? [{ key: 'cancel', label: t('followup.report.cancelReason'), value: paragraph(report.cancelReason) }]
      : []),
    { key: 'problems', label: t('followup.report.problems'), value: paragraph(report.problems) },
    { key: 'suggestions', label: t('followup.report.suggestions'), value: paragraph(report.suggestions) },
    {
      key: 'period',
      label: `${t('followup.report.activityStart')} – ${t('followup.report.activityEnd')}`,
      value:
        start || end ? (
          <Text size="sm">{start && end ? t('reportView.period', { start, end }) : start ? start : end}</Text>
        ) : (
          none
        ),
    },
    {
      key: 'links',
      label: t('followup.report.links'),
      value:
        report.links.length === 0 ? (
          <Text span size="sm" c="dimmed">
            {t('reportView.noLinks')}
          </Text>
        ) : (
          <List size="sm" spacing={2}>
            {report.links.map((link) => (
              <List.Item key={link.url} style={{ overflowWrap: 'anywhere' }}>
                <Anchor href={link.url} target="_blank" rel="noopener noreferrer">
                  {link.label || link.url}
                  <VisuallyHidden> {t('reportView.newTab')}</VisuallyHidden>
                </Anchor>
                {link.label && (
                  <Text span size="xs" c="dimmed">
                    {' '}
                    {link.url}
                  </Text>
                )}
              </List.Item>
            ))}
          </List>
        ),
    },
    ...(report.paperRefs.length > 0
      ? [
          {
            key: 'papers',
            label: t('followup.report.papers'),
            value: (
              <List size="sm" spacing={2}>
                {report.paperRefs.map((p) => (
                  <List.Item key={`${p.kind}-${p.number}-${p.title}`}>
                    {[
                      t('reportView.paper', { kind: p.kind, number: p.number }).trim(),
                      p.date && t('reportView.paperDate', { date: calendarDate(p.date, lang) }),
                      p.title,
                    ]
                      .filter(Boolean)
                      .join(' ')}
                  </List.Item>
                ))}
              </List>
            ),
          },
        ]
      : []),
  ];
  return (
    <Paper withBorder p={{ base: 'xs', sm: 'md' }} component="section" aria-labelledby="report-answers">
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Title order={3} size="h4" id="report-answers">
            {t('reportView.title')}
          </Title>
          {report.submittedAt && (
            <Text size="xs" c="dimmed">
              {t('reportView.submittedAt', { at: format.dateTime(report.submittedAt) })}
            </Text>
          )}
        </Group>
        <Box component="dl" m={0}>
          {answers.map((a) => (
            <Box key={a.key} mb="sm">
              <Text component="dt" size="sm" fw={700}>
                {a.label}
              </Text>
              <Box component="dd" m={0} mt={2}>
                {a.value}
              </Box>
            </Box>
          ))}
        </Box>
      </Stack>
    </Paper>
  );
}

/** A file's type in words a person reads ("PDF", "รูปภาพ PNG") from its media type and name. */
function fileType(file: EvidenceRow): string {
  const ext = /\.([a-z0-9]+)$/i.exec(file.originalName)?.[1];
  if (file.mediaType === 'application/pdf') return 'PDF';
  if (file.mediaType.startsWith('image/')) return file.mediaType.slice(6).toUpperCase();
  return (ext ?? file.mediaType).toUpperCase();
}

function fileSize(bytes: number, lang: 'th' | 'en'): string {
  const kb = bytes / 1024;
  const n = (v: number, d = 0) =>
    v.toLocaleString(lang === 'th' ? 'th-TH' : 'en-GB', { maximumFractionDigits: d });
  return kb >= 1024 ? `${n(kb / 1024, 1)} MB` : `${n(Math.max(1, Math.round(kb)))} KB`;
}
