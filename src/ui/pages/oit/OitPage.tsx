import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Progress,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OIT_STATUSES, type OitStatus } from '#shared/oit/contract.ts';
import { ApiRequestError, api, type OitRowBody, type OitTrackerBody, queryKeys } from '../../api.ts';
import { FormError } from '../../components/FormError.tsx';
import { Check, Cross } from '../../components/icons.tsx';
import {
  chosenOrganization,
  OrgYearChooser,
  OrgYearPage,
  type OrgYearViewProps,
} from '../../components/OrgYearChooser.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useFormat } from '../../format.ts';
import { bilingual, useLang } from '../../i18n/index.ts';
import { navigate, useLeaveGuard, useSearchParams } from '../../router.tsx';
import { orgName } from '../organizations/names.ts';
import { chosenFiscalYear, editionYears } from '../results/common.ts';

const STATUS_COLORS: Record<OitStatus, string> = {
  not_started: 'gray',
  in_progress: 'yellow',
  ready: 'green',
};

/** `/oit?org=…&year=…`: the OIT items of an organisation's fiscal year, their links and readiness. */
export function OitPage() {
  const { t } = useTranslation();
  return <OrgYearPage scope="oit" noEditions={t('oit.noEditions')} view={OitChooser} />;
}

function OitChooser({ organizations, editions }: OrgYearViewProps) {
  const params = useSearchParams();
  const org = chosenOrganization(organizations, params.get('org'));
  const years = editionYears(editions);
  const fiscalYear = chosenFiscalYear(editions, params.get('year'));
  const choose = (next: { org?: string; year?: number }) => {
    const query = new URLSearchParams({ org: next.org ?? org.id, year: String(next.year ?? fiscalYear) });
    navigate(`/oit?${query.toString()}`, { replace: true });
  };
  const tracker = useQuery({
    queryKey: queryKeys.oit(org.id, fiscalYear),
    queryFn: () => api.oit.tracker(org.id, fiscalYear),
  });
  return (
    <Stack>
      <OrgYearChooser
        scope="oit"
        organizations={organizations}
        organizationId={org.id}
        onOrganization={(id) => choose({ org: id })}
        years={years}
        fiscalYear={fiscalYear}
        onFiscalYear={(year) => choose({ year })}
      />
      <QueryState query={tracker}>{(data) => <Tracker tracker={data} />}</QueryState>
    </Stack>
  );
}

function Tracker({ tracker }: { tracker: OitTrackerBody }) {
  const { t } = useTranslation();
  const lang = useLang();
  const queryClient = useQueryClient();
  const key = queryKeys.oit(tracker.organizationId, tracker.fiscalYear);
  const s = tracker.summary;
  const checkAll = useMutation({
    mutationFn: () => api.oit.checkAll(tracker.organizationId, tracker.fiscalYear),
    onSuccess: (run) => {
      queryClient.setQueryData(key, run.tracker);
      notifications.show({
        color: run.failed === 0 ? 'green' : 'yellow',
        message: t('oit.checkDone', { checked: run.checked, ok: run.ok, failed: run.failed }),
      });
    },
  });
  const onSaved = (row: OitRowBody) => {
    queryClient.setQueryData<OitTrackerBody>(key, (old) =>
      old ? { ...old, rows: old.rows.map((r) => (r.itemCode === row.itemCode ? row : r)) } : old,
    );
    void queryClient.invalidateQueries({ queryKey: key });
    notifications.show({ color: 'green', message: t('oit.saved', { code: row.displayCode }) });
  };

  return (
    <Stack>
      <Stack gap={4} maw={720}>
        <Group justify="space-between">
          <Text fw={600}>{t('oit.summary', { ready: s.ready, total: s.total })}</Text>
          <Text size="sm" c="dimmed">
            {bilingual(tracker.editionTitleTh, tracker.editionTitleEn, lang)}
          </Text>
        </Group>
        {/* Each part names itself (a bare div may not carry a label): "พร้อมแล้ว 3/26". */}
        <Progress.Root size="lg">
          <Progress.Section
            value={s.total ? (100 * s.ready) / s.total : 0}
            color="green"
            aria-label={`${t('oit.status.ready')} ${s.ready}/${s.total}`}
          />
          <Progress.Section
            value={s.total ? (100 * s.inProgress) / s.total : 0}
            color="yellow"
            aria-label={`${t('oit.status.in_progress')} ${s.inProgress}/${s.total}`}
          />
        </Progress.Root>
        <Text size="sm" c="dimmed">
          {t('oit.summaryDetail', s)}
        </Text>
      </Stack>
      <Group>
        {tracker.canEdit && (
          <Button onClick={() => checkAll.mutate()} loading={checkAll.isPending}>
            {t('oit.checkAll')}
          </Button>
        )}
        <Button
          component="a"
          variant="light"
          href={api.oit.exportUrl(tracker.organizationId, tracker.fiscalYear)}
          download
        >
          {t('oit.download')}
        </Button>
      </Group>
      <FormError error={checkAll.error} />
      {!tracker.canEdit && (
        <Alert color="gray" variant="light">
          {t('oit.readOnly')}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={1100}>
        <Table striped verticalSpacing="xs" aria-label={t('oit.tableLabel')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('oit.columns.code')}</Table.Th>
              <Table.Th>{t('oit.columns.item')}</Table.Th>
              <Table.Th>{t('oit.columns.status')}</Table.Th>
              <Table.Th miw={260}>{t('oit.columns.url')}</Table.Th>
              <Table.Th miw={180}>{t('oit.columns.owner')}</Table.Th>
              <Table.Th miw={180}>{t('oit.columns.notes')}</Table.Th>
              <Table.Th miw={200}>{t('oit.columns.check')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tracker.rows.map((row) => (
              <ItemRow
                key={`${row.itemCode}:${row.rowVersion}`}
                row={row}
                tracker={tracker}
                onSaved={onSaved}
              />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

/** Fields of a row that show their own error under the input. */
const ROW_FIELDS = ['url', 'urlNote', 'ownerUnitId', 'notes'] as const;

/** A refusal whose every detail is shown beside its field needs no other message. */
const onlyFieldErrors = (error: unknown) =>
  error instanceof ApiRequestError &&
  error.code === 'validation_failed' &&
  error.details.length > 0 &&
  error.details.every((d) => (ROW_FIELDS as readonly string[]).includes(d.path));

type Draft = {
  url: string;
  urlNote: string;
  status: OitStatus;
  ownerUnitId: string | null;
  notes: string;
};

const draftOf = (row: OitRowBody): Draft => ({
  url: row.url ?? '',
  urlNote: row.urlNote,
  status: row.status,
  ownerUnitId: row.ownerUnitId,
  notes: row.notes,
});

function ItemRow({
  row,
  tracker,
  onSaved,
}: {
  row: OitRowBody;
  tracker: OitTrackerBody;
  onSaved: (row: OitRowBody) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const format = useFormat();
  const [draft, setDraft] = useState<Draft>(() => draftOf(row));
  const initial = draftOf(row);
  const dirty = (Object.keys(initial) as (keyof Draft)[]).some((k) => initial[k] !== draft[k]);
  useLeaveGuard(dirty && tracker.canEdit, t('drafts.leave'));
  const save = useMutation({
    mutationFn: () =>
      api.oit.saveItem(tracker.organizationId, tracker.fiscalYear, row.itemCode, {
        rowVersion: row.rowVersion,
        url: draft.url.trim() === '' ? null : draft.url.trim(),
        urlNote: draft.urlNote,
        status: draft.status,
        ownerUnitId: draft.ownerUnitId,
        notes: draft.notes,
      }),
    onSuccess: onSaved,
  });
  const fieldError = (path: string) => {
    const error = save.error;
    if (!(error instanceof ApiRequestError)) return undefined;
    const d = error.details.find((x) => x.path === path);
    return d ? (lang === 'th' ? d.message_th : d.message_en) : undefined;
  };
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const editable = tracker.canEdit;
  const units = tracker.units.map((u) => ({
    value: u.id,
    label: `${'\u2003'.repeat(u.depth)}${orgName(u, lang)}`,
  }));
  // The English name is our translation: the Thai wording, the official one, is shown under it.
  const english = lang === 'en' && row.labelEn ? row.labelEn : null;
  const owner =
    row.ownerUnitNameTh === null
      ? null
      : orgName({ nameTh: row.ownerUnitNameTh, nameEn: row.ownerUnitNameEn }, lang);

  return (
    <Table.Tr>
      <Table.Td style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>
        <Text fw={600}>{row.displayCode}</Text>
      </Table.Td>
      <Table.Td style={{ verticalAlign: 'top' }} maw={280}>
        {english ? (
          <>
            <Text size="sm">{english}</Text>
            <Text size="xs" c="dimmed" lang="th">
              {row.labelTh}
            </Text>
          </>
        ) : (
          <Text size="sm" lang={lang === 'en' ? 'th' : undefined}>
            {row.labelTh}
          </Text>
        )}
        <Group gap={4} mt={2}>
          {row.labelTentative && (
            <Tooltip label={t('oit.tentativeHint')} multiline w={260}>
              <Badge size="xs" color="orange" variant="light" tt="none">
                {t('oit.tentative')}
              </Badge>
            </Tooltip>
          )}
          {row.produces && (
            <Badge size="xs" color="blue" variant="light" tt="none">
              {t(`oit.produces.${row.produces}`)}
            </Badge>
          )}
        </Group>
        {row.updatedByName && row.updatedAt && (
          <Text size="xs" c="dimmed" mt={2}>
            {t('oit.updatedBy', { name: row.updatedByName, at: format.dateTime(row.updatedAt) })}
          </Text>
        )}
      </Table.Td>
      <Table.Td style={{ verticalAlign: 'top' }}>
        {editable ? (
          <Select
            size="xs"
            w={140}
            aria-label={`${t('oit.columns.status')} ${row.displayCode}`}
            data={OIT_STATUSES.map((s) => ({ value: s, label: t(`oit.status.${s}`) }))}
            value={draft.status}
            onChange={(value) => value && set({ status: value as OitStatus })}
            allowDeselect={false}
          />
        ) : (
          <Badge color={STATUS_COLORS[row.status]} variant="light" tt="none">
            {t(`oit.status.${row.status}`)}
          </Badge>
        )}
      </Table.Td>
      <Table.Td style={{ verticalAlign: 'top' }}>
        {editable ? (
          <Stack gap={4}>
            <TextInput
              size="xs"
              type="url"
              aria-label={`${t('oit.columns.url')} ${row.displayCode}`}
              placeholder={row.autoUrl ?? 'https://'}
              value={draft.url}
              onChange={(e) => set({ url: e.currentTarget.value })}
              error={fieldError('url')}
            />
            <TextInput
              size="xs"
              aria-label={`${t('oit.urlNote')} ${row.displayCode}`}
              placeholder={t('oit.urlNote')}
              value={draft.urlNote}
              onChange={(e) => set({ urlNote: e.currentTarget.value })}
              error={fieldError('urlNote')}
            />
          </Stack>
        ) : row.effectiveUrl ? (
          <Stack gap={2}>
            <Anchor
              href={row.effectiveUrl}
              target="_blank"
              rel="noopener noreferrer"
              size="sm"
              style={{ wordBreak: 'break-all' }}
            >
              {row.effectiveUrl}
            </Anchor>
            {row.urlNote && (
              <Text size="xs" c="dimmed">
                {row.urlNote}
              </Text>
            )}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            {t('oit.noUrl')}
          </Text>
        )}
        {row.autoUrl && !row.url && (
          <Text size="xs" c="dimmed" mt={2} style={{ wordBreak: 'break-all' }}>
            {t('oit.autoUrl', { url: row.autoUrl })}
          </Text>
        )}
      </Table.Td>
      <Table.Td style={{ verticalAlign: 'top' }}>
        {editable ? (
          <Select
            size="xs"
            aria-label={`${t('oit.columns.owner')} ${row.displayCode}`}
            placeholder={t('oit.ownerPlaceholder')}
            data={units}
            value={draft.ownerUnitId}
            onChange={(value) => set({ ownerUnitId: value })}
            clearable
            searchable
            nothingFoundMessage={t('common.nothingFound')}
            error={fieldError('ownerUnitId')}
          />
        ) : (
          <Text size="sm" c={owner ? undefined : 'dimmed'}>
            {owner ?? t('oit.noOwner')}
          </Text>
        )}
      </Table.Td>
      <Table.Td style={{ verticalAlign: 'top' }}>
        {editable ? (
          <Stack gap={4}>
            <Textarea
              size="xs"
              autosize
              minRows={1}
              maxRows={6}
              aria-label={`${t('oit.columns.notes')} ${row.displayCode}`}
              value={draft.notes}
              onChange={(e) => set({ notes: e.currentTarget.value })}
              error={fieldError('notes')}
            />
            {dirty && (
              <Group gap={4}>
                <Button size="compact-xs" onClick={() => save.mutate()} loading={save.isPending}>
                  {t('oit.save')}
                </Button>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  onClick={() => {
                    setDraft(draftOf(row));
                    save.reset();
                  }}
                >
                  {t('oit.cancel')}
                </Button>
              </Group>
            )}
            {save.error !== null && !onlyFieldErrors(save.error) && (
              <FormError error={save.error} fields={ROW_FIELDS} />
            )}
          </Stack>
        ) : (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {row.notes}
          </Text>
        )}
      </Table.Td>
      <Table.Td style={{ verticalAlign: 'top' }}>
        <CheckCell row={row} fiscalYear={tracker.fiscalYear} />
      </Table.Td>
    </Table.Tr>
  );
}

function CheckCell({ row, fiscalYear }: { row: OitRowBody; fiscalYear: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  const format = useFormat();
  const check = row.lastCheck;
  if (!check) {
    return (
      <Text size="sm" c="dimmed">
        {t('oit.notChecked')}
      </Text>
    );
  }
  const media = check.contentType?.split(';')[0]?.trim();
  return (
    <Stack gap={2}>
      <Group gap={4} wrap="nowrap">
        {check.reachable ? (
          <Check color="var(--mantine-color-green-7)" />
        ) : (
          <Cross color="var(--mantine-color-red-7)" />
        )}
        <Text size="sm" fw={500}>
          {check.reachable ? t('oit.reachable') : t('oit.unreachable')}
          {check.httpStatus !== null && ` · ${t('oit.httpStatus', { status: check.httpStatus })}`}
        </Text>
      </Group>
      <Group gap={4}>
        {check.needsLogin ? (
          <Badge size="xs" color="orange" variant="light" tt="none">
            {t('oit.needsLogin')}
          </Badge>
        ) : check.httpStatus !== null ? (
          <Badge size="xs" color="gray" variant="light" tt="none">
            {t('oit.noLogin')}
          </Badge>
        ) : null}
        {check.httpStatus !== null && (
          <Badge
            size="xs"
            variant="light"
            tt="none"
            color={
              check.mentionsFiscalYear === true
                ? 'green'
                : check.mentionsFiscalYear === false
                  ? 'red'
                  : 'gray'
            }
          >
            {check.mentionsFiscalYear === true
              ? t('oit.yearFound', { year: fiscalYear })
              : check.mentionsFiscalYear === false
                ? t('oit.yearMissing', { year: fiscalYear })
                : t('oit.yearUnknown')}
          </Badge>
        )}
      </Group>
      {media && (
        <Text size="xs" c="dimmed">
          {t('oit.contentType', { type: media })}
          {check.redirects > 0 && ` · ${t('oit.redirects', { n: check.redirects })}`}
        </Text>
      )}
      {check.error && (
        <Text size="xs" c="red">
          {lang === 'th' ? check.error.message_th : check.error.message_en}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {t('oit.checkedAt', { at: format.dateTime(check.checkedAt) })}
      </Text>
    </Stack>
  );
}
