import {
  Alert,
  Badge,
  Box,
  Breadcrumbs,
  Group,
  List,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanStatus } from '#shared/plans/contract.ts';
import { api, type NationalNodeRow, type NationalViewBody, queryKeys } from '../../api.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { useFormat } from '../../format.ts';
import { useLang } from '../../i18n/index.ts';
import { Link, navigate, useSearchParams } from '../../router.tsx';
import { orgName } from '../organizations/names.ts';
import { barPercent, evidenceSentence, type Sentence, signed, targetSentence } from './national-text.ts';

/** The address of the view of a node and a year (the year left out: the latest with results). */
export function nationalPath(organizationId: string, fiscalYear?: number): string {
  const query = new URLSearchParams({ org: organizationId });
  if (fiscalYear !== undefined) query.set('year', String(fiscalYear));
  return `/national?${query}`;
}

/**
 * The national and ministry view: for a node of the tree the caller may see and one fiscal year, its
 * agencies' results and their change, the national target, the weakest indicators, plans not approved
 * or not published, late rounds and the standard measures beside the change of their indicators.
 */
export function NationalPage() {
  const { t } = useTranslation();
  const params = useSearchParams();
  const roots = useQuery({ queryKey: queryKeys.nationalRoots, queryFn: api.national.roots });
  const requestedYear = Number(params.get('year')) || undefined;
  return (
    <Stack>
      <Title order={2}>{t('national.title')}</Title>
      <Text c="dimmed" size="sm">
        {t('national.intro')}
      </Text>
      <QueryState query={roots}>
        {(nodes) =>
          nodes.length === 0 ? (
            <Text>{t('national.noNodes')}</Text>
          ) : (
            <NodeView
              roots={nodes}
              organizationId={params.get('org') ?? nodes[0]!.id}
              fiscalYear={requestedYear}
            />
          )
        }
      </QueryState>
    </Stack>
  );
}

function NodeView({
  roots,
  organizationId,
  fiscalYear,
}: {
  roots: NationalNodeRow[];
  organizationId: string;
  fiscalYear: number | undefined;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const view = useQuery({
    queryKey: queryKeys.national(organizationId, fiscalYear),
    queryFn: () => api.national.view(organizationId, fiscalYear),
    placeholderData: keepPreviousData,
  });
  return (
    <Stack>
      {roots.length > 1 && (
        <Select
          label={t('national.start')}
          data={roots.map((r) => ({ value: r.id, label: orgName(r, lang) }))}
          value={
            roots.find((r) => r.id === organizationId || view.data?.ancestors.some((a) => a.id === r.id))
              ?.id ?? null
          }
          onChange={(id) => id && navigate(nationalPath(id, fiscalYear))}
          allowDeselect={false}
          maw={420}
        />
      )}
      <QueryState query={view}>{(v) => <ViewBody view={v} />}</QueryState>
    </Stack>
  );
}

function ViewBody({ view }: { view: NationalViewBody }) {
  const { t } = useTranslation();
  const lang = useLang();
  const format = useFormat();
  const n = (value: number) => format.number(value);
  const say = (s: Sentence) => t(s.key, s.values);
  const levelName = (code: string | null) => {
    const level = view.levels.find((l) => l.code === code);
    if (!level || code === null) return t('national.levels.none');
    return (lang === 'en' ? level.name_en : level.name_th) ?? code;
  };
  return (
    <Stack gap="lg">
      <Group align="flex-end" justify="space-between" wrap="wrap">
        <Box component="nav" aria-label={t('national.breadcrumb')}>
          <Breadcrumbs separator="›">
            {[...view.ancestors, view.node].map((node) =>
              node.id === view.node.id ? (
                <Text key={node.id} fw={700} aria-current="page">
                  {orgName(node, lang)}
                </Text>
              ) : (
                <Link key={node.id} to={nationalPath(node.id, view.fiscalYear)}>
                  {orgName(node, lang)}
                </Link>
              ),
            )}
          </Breadcrumbs>
        </Box>
        <Select
          label={t('national.fiscalYear')}
          data={view.years.map((y) => ({ value: String(y), label: t('national.yearOption', { year: y }) }))}
          value={String(view.fiscalYear)}
          onChange={(y) => y && navigate(nationalPath(view.node.id, Number(y)))}
          allowDeselect={false}
          w={200}
        />
      </Group>

      <TargetCard view={view} />
      <Summary view={view} />

      <Section id="national-levels" title={t('national.levels.title')}>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <ScrollTable minWidth={300} label={t('national.levels.title')}>
            <Table withTableBorder aria-labelledby="national-levels">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('national.levels.level')}</Table.Th>
                  <Table.Th ta="right">{t('national.levels.agencies')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {view.levels.map((l) => (
                  <Table.Tr key={l.code ?? 'none'}>
                    <Table.Td>{levelName(l.code)}</Table.Td>
                    <Table.Td ta="right">{n(l.count)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
          <Bands view={view} />
        </SimpleGrid>
      </Section>

      {view.children.length > 0 && (
        <Section id="national-children" title={t('national.children.title')}>
          <ScrollTable minWidth={520} label={t('national.children.title')}>
            <Table withTableBorder striped aria-labelledby="national-children">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('national.children.node')}</Table.Th>
                  <Table.Th ta="right">{t('national.children.agencies')}</Table.Th>
                  <Table.Th ta="right">{t('national.children.withTotal')}</Table.Th>
                  <Table.Th ta="right">
                    {t('national.children.atOrAbove', { threshold: view.target.threshold })}
                  </Table.Th>
                  <Table.Th ta="right">{t('national.children.meanTotal')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {view.children.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      <Link to={nationalPath(c.id, view.fiscalYear)}>{orgName(c, lang)}</Link>
                    </Table.Td>
                    <Table.Td ta="right">{n(c.agencies)}</Table.Td>
                    <Table.Td ta="right">{n(c.withTotal)}</Table.Td>
                    <Table.Td ta="right">
                      {c.sharePercent === null
                        ? '—'
                        : t('national.children.share', { n: n(c.atOrAbove), share: n(c.sharePercent) })}
                    </Table.Td>
                    <Table.Td ta="right">
                      {c.meanTotal === null ? '—' : format.number(c.meanTotal, 2)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        </Section>
      )}

      <Section id="national-agencies" title={t('national.agencies.title')}>
        {view.agencies.length < view.summary.agencies && (
          <Text size="sm" c="dimmed">
            {t('national.agencies.first', {
              shown: n(view.agencies.length),
              total: n(view.summary.agencies),
            })}
          </Text>
        )}
        <ScrollTable minWidth={560} label={t('national.agencies.title')}>
          <Table withTableBorder striped aria-labelledby="national-agencies">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('national.agencies.agency')}</Table.Th>
                <Table.Th ta="right">{t('national.agencies.total', { year: view.fiscalYear })}</Table.Th>
                <Table.Th>{t('national.agencies.level')}</Table.Th>
                <Table.Th ta="right">
                  {t('national.agencies.previous', { year: view.fiscalYear - 1 })}
                </Table.Th>
                <Table.Th ta="right">{t('national.agencies.change')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {view.agencies.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{orgName(a, lang)}</Table.Td>
                  <Table.Td ta="right" fw={700}>
                    {a.total === null
                      ? a.hasResult
                        ? t('national.agencies.noTotal')
                        : t('national.agencies.noResult')
                      : format.number(a.total, 2)}
                  </Table.Td>
                  <Table.Td>{a.total === null ? '—' : levelName(a.level)}</Table.Td>
                  <Table.Td ta="right">
                    {a.previousTotal === null ? '—' : format.number(a.previousTotal, 2)}
                  </Table.Td>
                  <Table.Td ta="right" c={a.change === null ? undefined : a.change < 0 ? 'red.9' : 'green.9'}>
                    {a.change === null ? '—' : signed(a.change, (x) => format.number(x, 2))}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      </Section>

      <Section id="national-indicators" title={t('national.indicators.title')}>
        <Text size="sm" c="dimmed">
          {t('national.indicators.intro', { threshold: view.target.threshold })}
        </Text>
        {view.indicators.length === 0 ? (
          <Text size="sm">{t('national.indicators.none')}</Text>
        ) : (
          <ScrollTable minWidth={560} label={t('national.indicators.title')}>
            <Table withTableBorder striped aria-labelledby="national-indicators">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('national.indicators.indicator')}</Table.Th>
                  <Table.Th ta="right">{t('national.indicators.mean')}</Table.Th>
                  <Table.Th ta="right">
                    {t('national.indicators.below', { threshold: view.target.threshold })}
                  </Table.Th>
                  <Table.Th ta="right">{t('national.indicators.change')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {view.indicators.map((i) => (
                  <Table.Tr key={i.number}>
                    <Table.Td>
                      {t('national.indicators.name', {
                        number: i.number,
                        name: (lang === 'en' ? i.name_en : i.name_th) ?? '',
                      })}
                    </Table.Td>
                    <Table.Td ta="right" fw={700}>
                      {format.number(i.mean, 2)}
                    </Table.Td>
                    <Table.Td ta="right">
                      {t('national.indicators.belowCount', { below: n(i.below), scored: n(i.scored) })}
                    </Table.Td>
                    <Table.Td ta="right">
                      {i.meanChange === null ? '—' : signed(i.meanChange, (x) => format.number(x, 2))}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </Section>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Section id="national-plans" title={t('national.plans.title', { year: view.fiscalYear })}>
          <Text size="sm">
            {t('national.plans.notApproved', { n: n(view.plans.notApproved), total: n(view.plans.agencies) })}
          </Text>
          <Names
            items={view.plans.notApprovedList.map((a) => ({
              id: a.id,
              label: orgName(a, lang),
              note: a.latestStatus
                ? t(`plans.status.${a.latestStatus as PlanStatus}`)
                : t('national.plans.noPlan'),
            }))}
            total={view.plans.notApproved}
            grouped
          />
          <Text size="sm">
            {t('national.plans.notPublished', {
              n: n(view.plans.notPublished),
              total: n(view.plans.agencies),
            })}
          </Text>
          <Names
            items={view.plans.notPublishedList.map((a) => ({
              id: a.id,
              label: orgName(a, lang),
              note: a.approved
                ? t('national.plans.approvedNotPublished')
                : t('national.plans.notApprovedYet'),
            }))}
            total={view.plans.notPublished}
            grouped
          />
        </Section>
        <Section id="national-late" title={t('national.late.title')}>
          <Text size="sm">{t('national.late.count', { n: n(view.late.count) })}</Text>
          <Names
            items={view.late.list.map((a) => ({
              id: a.id,
              label: orgName(a, lang),
              note: t('national.late.detail', {
                days: n(a.daysLate),
                reports: n(a.openReports),
                due: format.date(a.earliestDue),
              }),
            }))}
            total={view.late.count}
          />
        </Section>
      </SimpleGrid>

      <Section id="national-measures" title={t('national.measures.title')}>
        <Alert color="blue" variant="light">
          {t('national.measures.caution', { year: view.fiscalYear, previous: view.fiscalYear - 1 })}
        </Alert>
        {view.measures.length === 0 ? (
          <Text size="sm">{t('national.measures.none', { year: view.fiscalYear })}</Text>
        ) : (
          <Stack gap="sm">
            {byMeasure(view.measures).map(([libraryId, rows]) => (
              <Paper key={libraryId} withBorder p="sm">
                <Text fw={700} size="sm">
                  {(lang === 'en' ? rows[0]!.titleEn : rows[0]!.titleTh) ?? libraryId}
                </Text>
                <List size="sm" spacing={4} mt={4}>
                  {rows.map((m) => (
                    <List.Item key={m.indicator}>
                      <Text span size="sm" fw={500}>
                        {t('national.indicators.name', {
                          number: m.indicator,
                          name: (lang === 'en' ? m.indicatorName_en : m.indicatorName_th) ?? '',
                        })}
                        :{' '}
                      </Text>
                      {say(evidenceSentence(m, view.minAgenciesToCompare, (x) => format.number(x, 2)))}
                    </List.Item>
                  ))}
                </List>
              </Paper>
            ))}
          </Stack>
        )}
      </Section>
    </Stack>
  );
}

/** The evidence rows of each library measure together (the server sends them by measure, then indicator). */
function byMeasure(rows: NationalViewBody['measures']): [string, NationalViewBody['measures']][] {
  const groups = new Map<string, NationalViewBody['measures']>();
  for (const row of rows) groups.set(row.libraryId, [...(groups.get(row.libraryId) ?? []), row]);
  return [...groups.entries()];
}

/**
 * A table wider than the screen scrolls inside its frame, and the frame can be reached and scrolled with
 * the keyboard (WCAG 2.1.1: a scrollable region is focusable and named).
 */
function ScrollTable({
  minWidth,
  label,
  children,
}: {
  minWidth: number;
  label: string;
  children: ReactNode;
}) {
  return (
    <Box role="region" aria-label={label} tabIndex={0} style={{ overflowX: 'auto' }}>
      <Box miw={minWidth}>{children}</Box>
    </Box>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Title order={3} size="h4" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

function TargetCard({ view }: { view: NationalViewBody }) {
  const { t } = useTranslation();
  const format = useFormat();
  const sentence = targetSentence(view.target, (x) => format.number(x));
  const color = view.target.met === null ? 'gray' : view.target.met ? 'green' : 'red';
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="national-target">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <Title order={3} size="h4" id="national-target">
          {t('national.target.title', { year: view.fiscalYear })}
        </Title>
        <Badge color={color} variant="light" size="lg">
          {view.target.met === null
            ? t('national.target.badgeNone')
            : view.target.met
              ? t('national.target.badgeMet')
              : t('national.target.badgeNotMet')}
        </Badge>
      </Group>
      <Text mt="xs">{t(sentence.key, sentence.values)}</Text>
    </Paper>
  );
}

function Summary({ view }: { view: NationalViewBody }) {
  const { t } = useTranslation();
  const format = useFormat();
  const n = (value: number) => format.number(value);
  const s = view.summary;
  const stat = (label: string, value: string, note?: string) => (
    <Paper withBorder p="sm">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl">
        {value}
      </Text>
      {note && (
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      )}
    </Paper>
  );
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
      {stat(t('national.summary.agencies'), n(s.agencies))}
      {stat(
        t('national.summary.withTotal'),
        n(s.withTotal),
        s.resultWithoutTotal > 0
          ? t('national.summary.withoutTotal', { n: n(s.resultWithoutTotal) })
          : undefined,
      )}
      {stat(t('national.summary.noResult'), n(s.noResult))}
      {stat(
        t('national.summary.mean', { year: view.fiscalYear }),
        s.meanTotal === null ? '—' : format.number(s.meanTotal, 2),
        s.meanPrevious === null
          ? undefined
          : t('national.summary.previous', {
              year: view.fiscalYear - 1,
              mean: format.number(s.meanPrevious, 2),
            }),
      )}
      <Box style={{ gridColumn: '1 / -1' }}>
        <Text size="sm">
          {s.withBoth === 0
            ? t('national.summary.noChange', { previous: view.fiscalYear - 1 })
            : t('national.summary.change', {
                n: n(s.withBoth),
                previous: view.fiscalYear - 1,
                rose: n(s.rose),
                fell: n(s.fell),
                same: n(s.same),
                mean: signed(s.meanChange ?? 0, (x) => format.number(x, 2)),
              })}
        </Text>
      </Box>
    </SimpleGrid>
  );
}

function Bands({ view }: { view: NationalViewBody }) {
  const { t } = useTranslation();
  const format = useFormat();
  const largest = Math.max(0, ...view.bands.map((b) => b.count));
  if (view.bands.length === 0) return <Text size="sm">{t('national.bands.none')}</Text>;
  return (
    <ScrollTable minWidth={300} label={t('national.bands.label')}>
      <Table aria-label={t('national.bands.label')} verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('national.bands.band')}</Table.Th>
            <Table.Th>{t('national.bands.agencies')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {view.bands.map((b) => (
            <Table.Tr key={b.from}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {t('national.bands.range', { from: format.number(b.from), to: format.number(b.to) })}
              </Table.Td>
              <Table.Td w="70%">
                <Group gap="xs" wrap="nowrap">
                  <Box
                    h={14}
                    w={`${barPercent(b.count, largest)}%`}
                    bg={b.from >= view.target.threshold ? 'green.7' : 'gray.6'}
                    style={{ borderRadius: 2, minWidth: b.count > 0 ? 4 : 0 }}
                    aria-hidden
                  />
                  <Text size="sm">{format.number(b.count)}</Text>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

function Names({
  items,
  total,
  grouped = false,
}: {
  items: { id: string; label: string; note: string | null }[];
  total: number;
  /** One heading per note, with its agencies under it, instead of the note repeated on every row. */
  grouped?: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  if (items.length === 0) return null;
  const groups = new Map<string | null, typeof items>();
  if (grouped) for (const item of items) groups.set(item.note, [...(groups.get(item.note) ?? []), item]);
  return (
    <>
      {grouped ? (
        [...groups.entries()].map(([note, members]) => (
          <Box key={note ?? ''}>
            {note && (
              <Text size="sm" fw={700}>
                {t('national.groupNote', { note, n: format.number(members.length) })}
              </Text>
            )}
            <List size="sm" spacing={2}>
              {members.map((item) => (
                <List.Item key={item.id}>{item.label}</List.Item>
              ))}
            </List>
          </Box>
        ))
      ) : (
        <List size="sm" spacing={2}>
          {items.map((item) => (
            <List.Item key={item.id}>
              {item.label}
              {item.note && (
                <Text span size="sm" c="dimmed">
                  {' '}
                  ({item.note})
                </Text>
              )}
            </List.Item>
          ))}
        </List>
      )}
      {items.length < total && (
        <Text size="xs" c="dimmed">
          {t('national.moreNotShown', {
            n: format.number(total - items.length),
            shown: format.number(items.length),
          })}
        </Text>
      )}
    </>
  );
}
