import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Grid,
  Group,
  List,
  Paper,
  Stack,
  Tabs,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorDetail } from '#shared/http/api-error.ts';
import type { PlanMeasure } from '#shared/plans/contract.ts';
import { ApiRequestError, api, type OrganizationRow, type PlanDetailBody, queryKeys } from '../../api.ts';
import { useFieldValidity } from '../../components/BeDateInput.tsx';
import { DraftNotes } from '../../components/DraftNotes.tsx';
import { FormError } from '../../components/FormError.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useLang } from '../../i18n/index.ts';
import { Link } from '../../router.tsx';
import { DocumentPanel } from '../documents/DocumentPanel.tsx';
import { RoundsSection } from '../followup/RoundsSection.tsx';
import { orgName } from '../organizations/names.ts';
import { PublishPanel } from '../publications/PublishPanel.tsx';
import { CompletenessPanel } from './CompletenessPanel.tsx';
import { EDITABLE_STATUSES, planPaths, STATUS_COLORS, useRoleOn } from './common.ts';
import {
  contentPath,
  errorLookup,
  type PlanContent,
  sameContent,
  validateDraft,
  withFreshIds,
} from './editor/draft.ts';
import { anchors, type EditorEnv, EditorEnvProvider, focusAnchor, type UnitOption } from './editor/env.tsx';
import { PlanEditor } from './editor/PlanEditor.tsx';
import { usePlanDraft } from './editor/usePlanDraft.ts';
import { useFieldLabel } from './fieldLabel.ts';
import { MergeModal } from './MergeModal.tsx';
import { PlanReadView } from './PlanReadView.tsx';
import { SuggestionsPanel } from './SuggestionsPanel.tsx';
import { WorkflowPanel } from './WorkflowPanel.tsx';

/** One plan version: its approval state, the outline editor and, beside it, completeness and suggestions. */
export function PlanPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const plan = useQuery({ queryKey: queryKeys.plan(id), queryFn: () => api.plans.get(id) });
  const organizations = useQuery({ queryKey: queryKeys.organizations, queryFn: api.organizations.list });
  return (
    <Stack>
      <Anchor component={Link} to={planPaths.list()} size="sm">
        ← {t('plans.back')}
      </Anchor>
      <QueryState query={plan}>
        {(data) => (
          <QueryState query={organizations}>
            {(orgs) => <PlanWorkspace server={data} organizations={orgs} />}
          </QueryState>
        )}
      </QueryState>
    </Stack>
  );
}

function PlanWorkspace({
  server,
  organizations,
}: {
  server: PlanDetailBody;
  organizations: OrganizationRow[];
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const queryClient = useQueryClient();
  const roleOn = useRoleOn(organizations);
  const roles = {
    edit: roleOn(['secretariat', 'admin'], server.organizationId),
    decide: roleOn(['executive'], server.organizationId),
    admin: roleOn(['admin'], server.organizationId),
  };

  /** The saved plan the draft started from (its rowVersion goes with the next save). */
  const [base, setBase] = useState(server);
  const [draft, setDraft] = useState<PlanContent>(server.content);
  /** The content the draft started from, for a three-way comparison when someone else saves. */
  const [origin, setOrigin] = useState<PlanContent>(server.content);
  const [errors, setErrors] = useState<ErrorDetail[]>([]);
  const [conflict, setConflict] = useState<PlanDetailBody | null>(null);
  const [mergeOpen, setMergeOpen] = useState(false);
  const [selectedIssueId, setSelectedIssueId] = useState<string | null>(server.content.issues[0]?.id ?? null);
  const [announcement, setAnnouncement] = useState('');
  const [sideTab, setSideTab] = useState<'completeness' | 'suggestions'>('completeness');

  const editable = roles.edit && EDITABLE_STATUSES.includes(base.status);
  const dirty = useMemo(() => !sameContent(draft, base.content), [draft, base.content]);
  const kept = usePlanDraft({ base, draft, setDraft, editable });

  // The server's copy changed (a workflow action, a receipt, a refetch): take it, unless that would drop
  // unsaved work; then the user compares and merges.
  const latest = useRef({ base, dirty });
  latest.current = { base, dirty };
  useEffect(() => {
    const { base: current, dirty: unsaved } = latest.current;
    if (server === current) return;
    if (server.rowVersion === current.rowVersion) {
      setBase(server);
    } else if (unsaved) {
      setConflict(server);
    } else {
      setBase(server);
      setDraft(server.content);
      setOrigin(server.content);
      setConflict(null);
    }
  }, [server]);

  const adopt = useCallback(
    (saved: PlanDetailBody) => {
      queryClient.setQueryData(queryKeys.plan(saved.id), saved);
      setBase(saved);
      setOrigin(saved.content);
      setConflict(null);
    },
    [queryClient],
  );

  const save = useMutation({
    mutationFn: (content: PlanContent) => api.plans.save(base.id, { rowVersion: base.rowVersion, content }),
    onSuccess: (saved, sent) => {
      adopt(saved);
      // Typing during the save stays: only content identical to what was sent is replaced.
      setDraft((current) => (sameContent(current, sent) ? saved.content : current));
      setErrors([]);
      void queryClient.invalidateQueries({ queryKey: queryKeys.planSuggestions(saved.id) });
      void queryClient.invalidateQueries({ queryKey: ['plans', 'list'] });
      notifications.show({ color: 'green', message: t('plans.editor.saved') });
    },
    onError: async (error) => {
      if (!(error instanceof ApiRequestError)) return;
      if (error.code === 'stale_version') {
        const latest = await api.plans.get(base.id).catch(() => null);
        if (latest) {
          setConflict(latest);
          setMergeOpen(true);
        }
        return;
      }
      setErrors(error.details.map((d) => ({ ...d, path: contentPath(d.path) })));
    },
  });

  const doSave = () => {
    const found = validateDraft(draft);
    setErrors(found);
    if (found.length > 0) {
      requestAnimationFrame(() => document.getElementById('plan-save-errors')?.focus());
      return;
    }
    save.mutate(draft);
  };

  const announce = useCallback((message: string) => setAnnouncement(message), []);
  const fields = useFieldValidity();
  const env = useMemo<EditorEnv>(() => {
    const byId = new Map(organizations.map((o) => [o.id, o]));
    const units: UnitOption[] = server.units.map((u) => {
      const org = byId.get(u.id);
      const name = org ? orgName(org, lang) : u.nameTh;
      const short = lang === 'th' ? u.shortNameTh : (org?.shortNameEn ?? u.shortNameTh);
      return { value: u.id, label: short ? `${name} (${short})` : name, depth: u.depth };
    });
    return {
      readOnly: !editable,
      fiscalYear: base.fiscalYear,
      units,
      errorAt: errorLookup(errors, lang),
      announce,
      fieldValidity: fields.validity,
    };
  }, [organizations, server.units, lang, editable, base.fiscalYear, errors, announce, fields.validity]);

  const go = (anchor: string) => {
    const issueId = draft.issues.find((i) => anchor.includes(i.id))?.id;
    if (issueId) setSelectedIssueId(issueId);
    if (!focusAnchor(anchor)) focusAnchor('plan-issues-title');
  };

  const showSuggestions = useCallback((issueId: string) => {
    setSelectedIssueId(issueId);
    setSideTab('suggestions');
    requestAnimationFrame(() => focusAnchor('suggestions-title'));
  }, []);

  const addSuggested = (issueId: string, measure: PlanMeasure) => {
    const copy = withFreshIds(measure);
    setDraft((d) => ({
      ...d,
      issues: d.issues.map((i) => (i.id === issueId ? { ...i, measures: [...i.measures, copy] } : i)),
    }));
    announce(t('plans.suggestions.added', { title: copy.title }));
    notifications.show({ color: 'blue', message: t('plans.suggestions.added', { title: copy.title }) });
    requestAnimationFrame(() =>
      requestAnimationFrame(() => focusAnchor(anchors.measureField(copy.id, 'title'))),
    );
  };

  const org = organizations.find((o) => o.id === base.organizationId);
  const errorCount = base.completeness.filter((c) => c.severity === 'error').length;
  const pathLabel = usePathLabel();
  const wide = useMediaQuery('(min-width: 75em)');

  return (
    <EditorEnvProvider value={env}>
      <Stack gap="md">
        <div>
          <Group gap="xs" wrap="wrap">
            <Badge color={STATUS_COLORS[base.status]} variant="filled" tt="none" size="lg">
              {t(`plans.status.${base.status}`)}
            </Badge>
            <Text size="sm" c="dimmed">
              {org ? orgName(org, lang) : base.organizationNameTh} ·{' '}
              {t('plans.yearOption', { year: base.fiscalYear })} ·{' '}
              {t('plans.versionNo', { n: base.versionNo })}
            </Text>
          </Group>
          <Title order={2} mt={4}>
            {base.content.title}
          </Title>
        </div>

        {base.status === 'returned' && base.returnComment && (
          <Alert color="orange" title={t('plans.workflow.returnedTitle')}>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {base.returnComment}
            </Text>
          </Alert>
        )}

        <WorkflowPanel
          plan={base}
          dirty={dirty}
          roles={roles}
          organizations={organizations}
          onUpdated={adopt}
        />

        {editable ? (
          <Paper
            withBorder
            p="xs"
            shadow="xs"
            style={{
              position: 'sticky',
              top: 'calc(var(--app-shell-header-height, 60px) + 4px)',
              zIndex: 20,
            }}
            component="section"
            aria-label={t('plans.editor.saveBar')}
          >
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Group gap={6} wrap="wrap" style={{ minWidth: 0 }}>
                <Badge color={dirty ? 'yellow' : 'green'} variant="light" tt="none" role="status">
                  {dirty ? t('plans.editor.unsaved') : t('plans.editor.allSaved')}
                </Badge>
                <Anchor
                  href="#completeness-title"
                  size="sm"
                  c={errorCount ? 'red.8' : 'green.8'}
                  onClick={(event) => {
                    event.preventDefault();
                    setSideTab('completeness');
                    requestAnimationFrame(() => focusAnchor('completeness-title'));
                  }}
                >
                  {t('plans.editor.completenessLink', { n: errorCount })}
                </Anchor>
              </Group>
              <Button
                onClick={doSave}
                loading={save.isPending}
                disabled={(!dirty && !conflict) || fields.invalid}
                style={{ flexShrink: 0 }}
              >
                {t('plans.editor.save')}
              </Button>
            </Group>
          </Paper>
        ) : null}

        {editable && (
          <DraftNotes
            restored={kept.restored}
            older={kept.older}
            onDiscard={kept.discard}
            onDismiss={kept.dismissNote}
            onCompare={() => {
              // Mine (typed on an older version) against the saved plan, from what mine was typed over.
              if (kept.older?.base) setOrigin(kept.older.base);
              kept.takeOlder();
              setConflict(base);
              setMergeOpen(true);
            }}
          />
        )}
        {conflict && !mergeOpen && (
          <Alert color="orange" title={t('plans.merge.bannerTitle')}>
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{t('plans.merge.banner')}</Text>
              <Button size="compact-sm" onClick={() => setMergeOpen(true)}>
                {t('plans.merge.open')}
              </Button>
            </Stack>
          </Alert>
        )}

        {errors.length > 0 && (
          <Alert
            color="red"
            title={t('plans.editor.saveRefused', { n: errors.length })}
            id="plan-save-errors"
            tabIndex={-1}
          >
            <List size="sm" spacing={2}>
              {errors.slice(0, 20).map((e) => (
                <List.Item key={`${e.path}-${e.message_en}`}>
                  <Text span size="sm" fw={500}>
                    {pathLabel(e.path)}:{' '}
                  </Text>
                  {lang === 'th' ? e.message_th : e.message_en}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        {save.error &&
          !(
            save.error instanceof ApiRequestError &&
            ['stale_version', 'validation_failed'].includes(save.error.code)
          ) && <FormError error={save.error} />}

        {/* Whoever does not edit the plan (now) reads it as a document, not as a disabled form. */}
        {!editable && <PlanReadView plan={base} organizations={organizations} />}
        {editable && (
          <Grid gap="md">
            <Grid.Col span={{ base: 12, lg: 8 }}>
              <PlanEditor
                draft={draft}
                setDraft={setDraft}
                analysisId={base.analysisId}
                selectedIssueId={selectedIssueId}
                onSelectIssue={setSelectedIssueId}
                onShowSuggestions={showSuggestions}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 4 }}>
              <Box
                style={
                  wide
                    ? {
                        position: 'sticky',
                        top: 'calc(var(--app-shell-header-height, 60px) + 64px)',
                        maxHeight: 'calc(100vh - 140px)',
                        overflowY: 'auto',
                      }
                    : undefined
                }
              >
                {editable ? (
                  <Tabs
                    value={sideTab}
                    onChange={(value) => setSideTab(value === 'suggestions' ? value : 'completeness')}
                  >
                    <Tabs.List grow>
                      <Tabs.Tab value="completeness">
                        {t('plans.side.completenessTab', { n: errorCount })}
                      </Tabs.Tab>
                      <Tabs.Tab value="suggestions">{t('plans.side.suggestionsTab')}</Tabs.Tab>
                    </Tabs.List>
                    <Tabs.Panel value="completeness" pt="xs">
                      <CompletenessPanel
                        plan={base}
                        draft={draft}
                        dirty={dirty}
                        readOnly={!editable}
                        onGo={go}
                      />
                    </Tabs.Panel>
                    <Tabs.Panel value="suggestions" pt="xs">
                      <SuggestionsPanel
                        planId={base.id}
                        draft={draft}
                        selectedIssueId={selectedIssueId}
                        onSelectIssue={setSelectedIssueId}
                        onAdd={addSuggested}
                      />
                    </Tabs.Panel>
                  </Tabs>
                ) : (
                  <CompletenessPanel plan={base} draft={draft} dirty={dirty} readOnly={!editable} onGo={go} />
                )}
              </Box>
            </Grid.Col>
          </Grid>
        )}

        {(base.status === 'approved' || base.status === 'circulated') && (
          <RoundsSection planId={base.id} canManage={roles.edit} />
        )}

        <DocumentPanel
          subjectType="plan"
          subjectId={base.id}
          organizationId={base.organizationId}
          kinds={['plan', 'memo', 'circular', 'circular-letter', 'publication-form']}
          canEdit={roles.edit}
        />
        <PublishPanel
          kind="plan"
          subjectId={base.id}
          organizationId={base.organizationId}
          canEdit={roles.edit}
          publishable={base.status === 'approved' || base.status === 'circulated'}
          address={{ fiscalYear: base.fiscalYear, pathKey: 'plan' }}
          notPublishableReason={t('publications.reasons.planNotApproved')}
        />

        <VisuallyHidden role="status" aria-live="polite">
          {announcement}
        </VisuallyHidden>

        {mergeOpen && conflict && (
          <MergeModal
            base={origin}
            mine={draft}
            theirs={conflict}
            onClose={() => setMergeOpen(false)}
            onResolve={(merged) => {
              queryClient.setQueryData(queryKeys.plan(conflict.id), conflict);
              setBase(conflict);
              setOrigin(conflict.content);
              setDraft(merged);
              setConflict(null);
              setMergeOpen(false);
              setErrors([]);
            }}
          />
        )}
      </Stack>
    </EditorEnvProvider>
  );
}

/** "ประเด็นที่ 1 › มาตรการที่ 1.2 › ขั้นตอนที่ 3 › …" for an error path such as `issues[0].measures[1].steps[2].text`. */
function usePathLabel() {
  const { t } = useTranslation();
  const fieldLabel = useFieldLabel();
  return (path: string): string => {
    const parts: string[] = [];
    const issue = /^issues\[(\d+)\]/.exec(path);
    const measure = /\.measures\[(\d+)\]/.exec(path);
    const step = /\.steps\[(\d+)\]/.exec(path);
    const point = /\.points\[(\d+)\]/.exec(path);
    if (issue) parts.push(t('plans.editor.issueN', { n: Number(issue[1]) + 1 }));
    if (issue && measure) {
      parts.push(t('plans.editor.measureN', { n: `${Number(issue[1]) + 1}.${Number(measure[1]) + 1}` }));
    }
    if (step) parts.push(t('plans.editor.stepN', { n: Number(step[1]) + 1 }));
    if (point) parts.push(t('plans.editor.pointN', { n: Number(point[1]) + 1 }));
    // The field named after the last numbered part (a step's text is the step itself).
    const field = /(?:^|\])\.?([a-zA-Z]+)(?:\.[a-zA-Z]+|\[\d+\])*$/.exec(
      path.replace(/^issues\[\d+\](\.measures\[\d+\])?(\.(steps|points)\[\d+\])?/, ']'),
    )?.[1];
    if (field && field !== 'text')
      parts.push(fieldLabel(field, measure ? 'measure' : issue ? 'issue' : 'plan'));
    if (parts.length === 0) parts.push(path || t('plans.editor.wholePlan'));
    return parts.join(' › ');
  };
}
