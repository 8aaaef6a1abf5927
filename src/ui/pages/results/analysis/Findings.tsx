import { Badge, Button, Group, List, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FINDING_KIND_LABELS, type Finding, type FindingKind } from '#shared/assessments/analysis.ts';
import type { EditionQuestion } from '#shared/catalogue/edition.schema.ts';
import { type AnalysisBody, api, queryKeys } from '../../../api.ts';
import { FormError } from '../../../components/FormError.tsx';
import { useLang } from '../../../i18n/index.ts';
import { useScoreText } from '../common.ts';
import { questionLabel } from './finding-label.ts';

export const KIND_COLORS: Record<FindingKind, string> = {
  urgent: 'red',
  develop: 'orange',
  strength: 'green',
};

/** The name of each group of the analysis, in the current language, by key (for "also in …"). */
function groupNames(analysis: AnalysisBody, lang: 'th' | 'en') {
  return new Map(analysis.outcome.groups.map((g) => [g.key, lang === 'en' ? g.name_en : g.name_th]));
}

/** "ประเด็นที่ 2 …, ประเด็นที่ 5 … และประเด็นการจัดซื้อ" / "Issue 2 …, Issue 5 … and Procurement". */
function groupList(names: readonly string[], lang: 'th' | 'en'): string {
  if (lang === 'en') return new Intl.ListFormat('en', { type: 'conjunction' }).format(names);
  const th = names.map((n) => (n.startsWith('ประเด็น') ? n : `ประเด็น${n}`));
  return th.length <= 1 ? th.join('') : `${th.slice(0, -1).join(', ')} และ${th.at(-1)}`;
}

/**
 * The findings under each group of the chosen grouping, each once (where it belongs first); a
 * question's finding stands right under its indicator's, indented. Groups without findings are named
 * once at the end.
 */
export function FindingGroups({
  analysis,
  canWrite,
  questions = [],
}: {
  analysis: AnalysisBody;
  canWrite: boolean;
  /** The edition's questions, for the English wording of a question (an OIT item's translation). */
  questions?: Pick<EditionQuestion, 'code' | 'text_en'>[];
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const englishOf = new Map(questions.flatMap((q) => (q.text_en ? [[q.code, q.text_en] as const] : [])));
  const groups = analysis.outcome.groups;
  const withFindings = groups.filter((g) => g.findings.length > 0);
  const empty = groups.filter((g) => g.findings.length === 0);
  const narratives = new Map(analysis.narratives.map((n) => [n.findingKey, n]));
  const count = (kind: FindingKind) =>
    new Set(groups.flatMap((g) => g.findings.filter((f) => f.kind === kind).map((f) => f.key))).size;

  return (
    <Stack component="section" aria-labelledby="findings-title">
      <div>
        <Title order={3} size="h4" id="findings-title">
          {t('analysis.findings')}
        </Title>
        <Group gap="xs" mt={4}>
          {(['urgent', 'develop', 'strength'] as const).map((kind) => (
            <Badge key={kind} color={KIND_COLORS[kind]} variant="light">
              {FINDING_KIND_LABELS[kind][lang]}: {count(kind)}
            </Badge>
          ))}
        </Group>
      </div>
      {withFindings.length === 0 && <Text size="sm">{t('analysis.noFindings')}</Text>}
      {withFindings.map((group) => (
        <Stack
          key={group.key}
          gap="xs"
          component="section"
          aria-label={lang === 'en' ? group.name_en : group.name_th}
        >
          <Title order={4} size="h5">
            {lang === 'en' ? group.name_en : group.name_th}{' '}
            <Text span c="dimmed" size="sm">
              ({t('analysis.findingCount', { n: group.findings.length })})
            </Text>
          </Title>
          {nest(group.findings).map(({ finding, children }) => (
            <Stack key={finding.key} gap="xs">
              <FindingCard
                analysis={analysis}
                finding={finding}
                saved={narratives.get(finding.key)}
                canWrite={canWrite}
                nested={false}
                english={englishOf}
              />
              {children.length > 0 && (
                <Stack
                  gap="xs"
                  ml={{ base: 'xs', sm: 'xl' }}
                  pl={{ base: 'xs', sm: 'sm' }}
                  style={{ borderLeft: '3px solid var(--mantine-color-gray-4)' }}
                  role="group"
                  aria-label={t('analysis.finding.questionsOf', { number: finding.indicator })}
                >
                  {children.map((child) => (
                    <FindingCard
                      key={child.key}
                      analysis={analysis}
                      finding={child}
                      saved={narratives.get(child.key)}
                      canWrite={canWrite}
                      nested
                      english={englishOf}
                    />
                  ))}
                </Stack>
              )}
            </Stack>
          ))}
        </Stack>
      ))}
      {empty.length > 0 && withFindings.length > 0 && (
        <Text size="xs" c="dimmed">
          {t('analysis.emptyGroups')}: {empty.map((g) => (lang === 'en' ? g.name_en : g.name_th)).join(' · ')}
        </Text>
      )}
    </Stack>
  );
}

/** The group's findings as roots, each with the question findings that stand under it (`parentKey`). */
function nest(findings: readonly Finding[]) {
  const keys = new Set(findings.map((f) => f.key));
  return findings
    .filter((f) => f.parentKey === null || !keys.has(f.parentKey))
    .map((finding) => ({ finding, children: findings.filter((f) => f.parentKey === finding.key) }));
}

function FindingCard({
  analysis,
  finding,
  saved,
  canWrite,
  nested,
  english,
}: {
  analysis: AnalysisBody;
  finding: Finding;
  saved: AnalysisBody['narratives'][number] | undefined;
  canWrite: boolean;
  /** Shown under its indicator's finding. */
  nested: boolean;
  /** English wording by question code. */
  english: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const score = useScoreText();
  const code =
    finding.scope === 'indicator'
      ? t('analysis.indicatorCode', { number: finding.indicator })
      : finding.displayCode;
  const indicator = analysis.outcome.indicators.find((i) => i.number === finding.indicator);
  const indicatorName = indicator ? (lang === 'en' ? indicator.name_en : indicator.name_th) : '';
  // A question without wording is named by its indicator, never by an empty line or its code again.
  const wording = finding.scope === 'question' ? questionLabel(finding, english, lang) : null;
  const label =
    finding.scope === 'indicator'
      ? indicatorName
      : (wording?.text ??
        t('analysis.finding.questionNoWording', { number: finding.indicator, name: indicatorName }).trim());
  const n = finding.rule === 'bottom_n' ? analysis.settings.urgentBottomN : analysis.settings.strengthTopN;
  const yoy = finding.yoy;
  const ranked = analysis.settings.urgentBottomN !== null;
  const indicatorPassed = finding.indicatorStatus === 'ok' || finding.indicatorStatus === 'strength';
  // How its indicator stands: said for a question, always when the indicator passed ("its indicator
  // passed" is not hidden), and when the question does not stand under its indicator's finding.
  const stands =
    finding.scope === 'question' && (indicatorPassed || !nested)
      ? t(`analysis.finding.${ranked ? 'indicatorRanked' : 'indicatorStands'}.${finding.indicatorStatus}`, {
          number: finding.indicator,
          score: score(finding.indicatorScore),
        })
      : null;
  const names = groupNames(analysis, lang);
  const alsoIn = finding.alsoIn.map((key) => names.get(key)).filter((name): name is string => !!name);
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="article" aria-label={`${code} ${label}`}>
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap">
          <Badge color={KIND_COLORS[finding.kind]}>{FINDING_KIND_LABELS[finding.kind][lang]}</Badge>
          <Text ff={finding.scope === 'question' ? 'monospace' : undefined} fw={700}>
            {code}
          </Text>
          <Text size="xs" c="dimmed">
            {finding.instrument}
            {finding.scope === 'question'
              ? ` · ${t('analysis.indicatorCode', { number: finding.indicator })}`
              : ''}
          </Text>
        </Group>
        <Text
          size="sm"
          lang={wording?.lang === 'th' && lang === 'en' ? 'th' : undefined}
          c={finding.scope === 'question' && !finding.label_th ? 'dimmed' : undefined}
        >
          {label}
        </Text>
        <Text size="sm" fw={600}>
          {t(`analysis.rule.${finding.rule}`, {
            score: score(finding.score),
            threshold: score(finding.threshold),
            n: n ?? '',
          })}
        </Text>
        {stands && (
          <Text size="sm" c={indicatorPassed ? 'indigo.8' : undefined}>
            {stands}
          </Text>
        )}
        {alsoIn.length > 0 && (
          <Text size="sm" c="dimmed">
            {t('analysis.finding.alsoIn', { names: groupList(alsoIn, lang) })}
          </Text>
        )}
        {yoy && yoy.previous !== null && (
          <Text size="sm" c="dimmed">
            {t('analysis.yoyLine', {
              year: yoy.previousFiscalYear,
              previous: score(yoy.previous),
              change: yoy.change === null ? '—' : `${yoy.change > 0 ? '+' : ''}${score(yoy.change)}`,
            })}
          </Text>
        )}
        {finding.passed === false && (
          <Badge color="red" variant="outline" w="fit-content">
            {t('entry.failed')}
          </Badge>
        )}
        {finding.reason && (
          <Text size="sm">
            <Text span fw={600}>
              {t('entry.reason')}:
            </Text>{' '}
            {finding.reason}
          </Text>
        )}
        {finding.recommendations.length > 0 && (
          <div>
            <Text size="sm" fw={600}>
              {t('analysis.recommendations')}
            </Text>
            <List size="sm" spacing={2}>
              {finding.recommendations.map((r) => (
                <List.Item key={r}>{r}</List.Item>
              ))}
            </List>
          </div>
        )}
        <NarrativeEditor
          key={`${finding.key}:${saved?.editedAt ?? 'draft'}`}
          analysis={analysis}
          finding={finding}
          code={code}
          saved={saved}
          canWrite={canWrite}
        />
      </Stack>
    </Paper>
  );
}

/** The secretariat's words for a finding: the draft until saved; marked stale when the numbers move. */
function NarrativeEditor({
  analysis,
  finding,
  code,
  saved,
  canWrite,
}: {
  analysis: AnalysisBody;
  finding: Finding;
  code: string;
  saved: AnalysisBody['narratives'][number] | undefined;
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const queryClient = useQueryClient();
  const initial = saved?.text ?? finding.draftNarrative_th;
  const [text, setText] = useState(initial);
  const save = useMutation({
    mutationFn: () => api.analyses.saveNarrative(analysis.id, finding.key, text),
    onSuccess: (updated) => {
      queryClient.setQueryData(queryKeys.analysis(updated.id), updated);
      notifications.show({ color: 'green', message: t('analysis.narrativeSaved', { code }) });
    },
  });
  const dirty = text !== initial;
  return (
    <Stack gap={4} pt={4}>
      <Group gap="xs">
        {saved ? (
          <Badge color="blue" variant="light">
            {t('analysis.narrativeSavedBadge')}
          </Badge>
        ) : (
          <Badge color="gray" variant="light">
            {t('analysis.narrativeDraft')}
          </Badge>
        )}
        {saved?.stale && (
          <Badge color="orange" variant="filled" role="status">
            {t('analysis.stale')}
          </Badge>
        )}
      </Group>
      {lang === 'en' && (
        <Text size="sm" lang="en">
          {finding.draftNarrative_en}
        </Text>
      )}
      <Textarea
        label={t('analysis.narrativeOf', { code })}
        description={lang === 'en' ? t('analysis.narrativeInDocument') : undefined}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        autosize
        minRows={2}
        maxRows={12}
        readOnly={!canWrite}
        lang="th"
      />
      <FormError error={save.error} />
      {canWrite && (
        <Group gap="xs" justify="flex-end">
          {text !== finding.draftNarrative_th && (
            <Button size="compact-sm" variant="subtle" onClick={() => setText(finding.draftNarrative_th)}>
              {t('analysis.useDraft')}
            </Button>
          )}
          <Button
            size="compact-sm"
            onClick={() => save.mutate()}
            loading={save.isPending}
            disabled={!dirty && !!saved && !saved.stale}
            aria-label={t('analysis.saveNarrativeOf', { code })}
          >
            {t('analysis.saveNarrative')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
