import {
  Button,
  Code,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bangkokToday, EARLIEST_DATE } from '#shared/format/date-bounds.ts';
import { type AuditEventRow, type AuditFilters, api, queryKeys } from '../../api.ts';
import { BeDateInput, useFieldValidity } from '../../components/BeDateInput.tsx';
import { ChevronDown, ChevronRight } from '../../components/icons.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useFormat } from '../../format.ts';

const PAGE = 100;
const ENTITY_TYPES = ['organization', 'user', 'role_assignment', 'catalogue_edition', 'deployment'] as const;
const ACTIONS = [
  'organization.create',
  'organization.update',
  'organization.move',
  'organization.deactivate',
  'organization.reactivate',
  'user.first_admin',
  'user.create',
  'user.update',
  'user.password_change',
  'user.password_reset',
  'role.grant',
  'role.revoke',
  'catalogue.load',
  'catalogue.import',
  'demo.seed',
] as const;

type FilterForm = { entityType: string | null; action: string | null; from: string; to: string };
const EMPTY: FilterForm = { entityType: null, action: null, from: '', to: '' };

/** Dates typed in the form are Bangkok days; the API takes ISO date-times with an offset. */
function toFilters(form: FilterForm): AuditFilters {
  return {
    entityType: form.entityType ?? undefined,
    action: form.action ?? undefined,
    from: form.from ? `${form.from}T00:00:00+07:00` : undefined,
    to: form.to ? `${form.to}T23:59:59.999+07:00` : undefined,
  };
}

export function AuditPage() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<FilterForm>(EMPTY);
  const { invalid: datesInvalid, validity: dateValidity } = useFieldValidity();
  const [filters, setFilters] = useState<AuditFilters>(toFilters(EMPTY));
  const query = useInfiniteQuery({
    queryKey: queryKeys.audit(filters),
    queryFn: ({ pageParam }) => api.audit.list({ ...filters, beforeId: pageParam }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => (last.length === PAGE ? last[last.length - 1]?.id : undefined),
  });

  const label = {
    entity: (value: string) =>
      (ENTITY_TYPES as readonly string[]).includes(value)
        ? t(`audit.entity.${value as (typeof ENTITY_TYPES)[number]}`)
        : value,
    action: (value: string) =>
      (ACTIONS as readonly string[]).includes(value)
        ? t(`audit.action.${value as (typeof ACTIONS)[number]}`)
        : value,
  };

  return (
    <Stack>
      <Title order={2}>{t('audit.title')}</Title>
      <Text c="dimmed" size="sm">
        {t('audit.intro')}
      </Text>
      <form
        aria-label={t('audit.filters')}
        onSubmit={(event) => {
          event.preventDefault();
          setFilters(toFilters(draft));
        }}
      >
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
          <Select
            label={t('audit.entityType')}
            clearable
            placeholder={t('audit.any')}
            data={ENTITY_TYPES.map((value) => ({ value, label: label.entity(value) }))}
            value={draft.entityType}
            onChange={(value) => setDraft({ ...draft, entityType: value })}
          />
          <Select
            label={t('audit.actionLabel')}
            clearable
            searchable
            placeholder={t('audit.any')}
            data={ACTIONS.map((value) => ({ value, label: label.action(value) }))}
            value={draft.action}
            onChange={(value) => setDraft({ ...draft, action: value })}
          />
          <BeDateInput
            label={t('audit.from')}
            value={draft.from}
            onChange={(value) => setDraft({ ...draft, from: value ?? '' })}
            onValidityChange={dateValidity('from')}
            minDate={EARLIEST_DATE}
            maxDate={bangkokToday()}
          />
          <BeDateInput
            label={t('audit.to')}
            value={draft.to}
            onChange={(value) => setDraft({ ...draft, to: value ?? '' })}
            onValidityChange={dateValidity('to')}
            minDate={draft.from || EARLIEST_DATE}
            maxDate={bangkokToday()}
          />
        </SimpleGrid>
        <Group mt="sm" gap="xs">
          <Button type="submit" disabled={datesInvalid}>
            {t('audit.apply')}
          </Button>
          <Button
            variant="default"
            onClick={() => {
              setDraft(EMPTY);
              setFilters(toFilters(EMPTY));
            }}
          >
            {t('audit.clear')}
          </Button>
        </Group>
      </form>
      <QueryState query={query}>
        {(data) => {
          const events = data.pages.flat();
          return (
            <Stack>
              {events.length === 0 ? (
                <Text>{t('audit.empty')}</Text>
              ) : (
                <AuditTable events={events} entityLabel={label.entity} actionLabel={label.action} />
              )}
              {query.hasNextPage && (
                <Button
                  variant="default"
                  onClick={() => void query.fetchNextPage()}
                  loading={query.isFetchingNextPage}
                  style={{ alignSelf: 'center' }}
                >
                  {t('audit.more')}
                </Button>
              )}
            </Stack>
          );
        }}
      </QueryState>
    </Stack>
  );
}

function AuditTable({
  events,
  entityLabel,
  actionLabel,
}: {
  events: AuditEventRow[];
  entityLabel: (value: string) => string;
  actionLabel: (value: string) => string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [open, setOpen] = useState<Set<number>>(() => new Set());
  const toggle = (id: number) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <Table.ScrollContainer minWidth={720}>
      <Table aria-label={t('audit.tableLabel')} verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('audit.columns.at')}</Table.Th>
            <Table.Th>{t('audit.columns.actor')}</Table.Th>
            <Table.Th>{t('audit.columns.action')}</Table.Th>
            <Table.Th>{t('audit.columns.entity')}</Table.Th>
            <Table.Th>{t('audit.columns.changes')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => {
            const expanded = open.has(event.id);
            return (
              <Fragment key={event.id}>
                <Table.Tr>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.dateTime(event.at)}</Table.Td>
                  <Table.Td>{event.actorName ?? t('audit.system')}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{actionLabel(event.action)}</Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {event.action}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{entityLabel(event.entityType)}</Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {event.entityId}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <UnstyledButton
                      onClick={() => toggle(event.id)}
                      aria-expanded={expanded}
                      aria-controls={expanded ? `audit-${event.id}` : undefined}
                      c="indigo"
                      fz="sm"
                    >
                      <Group gap={4} wrap="nowrap">
                        {expanded ? <ChevronDown size={14} /> : <ChevronRight size={14} />}
                        {expanded ? t('audit.hide') : t('audit.show')}
                      </Group>
                    </UnstyledButton>
                  </Table.Td>
                </Table.Tr>
                {expanded && (
                  <Table.Tr id={`audit-${event.id}`}>
                    <Table.Td colSpan={5}>
                      <SimpleGrid cols={{ base: 1, md: 2 }}>
                        <div>
                          <Text size="sm" fw={700}>
                            {t('audit.before')}
                          </Text>
                          <Code block>{JSON.stringify(event.before ?? null, null, 2)}</Code>
                        </div>
                        <div>
                          <Text size="sm" fw={700}>
                            {t('audit.after')}
                          </Text>
                          <Code block>{JSON.stringify(event.after ?? null, null, 2)}</Code>
                        </div>
                      </SimpleGrid>
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
