import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  CopyButton,
  Group,
  PasswordInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError, api, type LineSettingsRow } from '../../api.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { FormError } from '../../components/FormError.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useFormat } from '../../format.ts';
import { useLang } from '../../i18n/index.ts';

const SETTINGS_KEY = ['line', 'settings'] as const;
const STATUS_COLOR = { active: 'green', token_refused: 'red', disconnected: 'gray' } as const;

/** "2025-04" → "เมษายน 2568" / "April 2568 BE": a month of the bill in the page's language. */
function monthLabel(month: string, lang: 'th' | 'en') {
  const [y, m] = month.split('-').map(Number);
  const name = new Intl.DateTimeFormat(lang === 'th' ? 'th-TH' : 'en-GB', { month: 'long' }).format(
    new Date(Date.UTC(y!, m! - 1, 15)),
  );
  return lang === 'th' ? `${name} ${y! + 543}` : `${name} ${y! + 543} BE`;
}

/** The LINE Official Account of each organisation the person runs (secretariat or admin). */
export function LineSettingsPage() {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: SETTINGS_KEY, queryFn: api.line.settings });
  return (
    <Stack maw={900}>
      <Title order={2}>{t('line.settings.title')}</Title>
      <Text size="sm">{t('line.settings.intro')}</Text>
      <QueryState query={query}>
        {(rows) =>
          rows.length === 0 ? (
            <Alert color="gray">{t('line.settings.none')}</Alert>
          ) : (
            rows.map((row) => <OrganizationLine key={row.organizationId} row={row} />)
          )
        }
      </QueryState>
    </Stack>
  );
}

function OrganizationLine({ row }: { row: LineSettingsRow }) {
  const { t } = useTranslation();
  const f = useFormat();
  const lang = useLang();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const channel = row.channel;
  const usable = channel && channel.status !== 'disconnected';
  const refresh = (updated: LineSettingsRow) =>
    queryClient.setQueryData<LineSettingsRow[]>(SETTINGS_KEY, (all) =>
      all?.map((r) => (r.organizationId === updated.organizationId ? updated : r)),
    );
  const disconnect = useMutation({
    mutationFn: () => api.line.disconnect(row.organizationId),
    onSuccess: (updated) => {
      refresh(updated);
      setConfirming(false);
      notifications.show({ color: 'green', message: t('line.settings.disconnected') });
    },
  });

  return (
    <Card withBorder data-testid="line-organization">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={3} size="h4">
            {row.organizationNameTh}
          </Title>
          {channel ? (
            <Badge color={STATUS_COLOR[channel.status]} variant="light">
              {t(`line.settings.status.${channel.status}`)}
            </Badge>
          ) : (
            <Badge color="gray" variant="light">
              {t('line.settings.notConnected')}
            </Badge>
          )}
        </Group>
        {channel?.status === 'token_refused' && (
          <Alert color="red" role="alert" title={t('line.settings.status.token_refused')}>
            <Stack gap={4}>
              <Text size="sm">{t('line.settings.tokenRefused')}</Text>
              {channel.statusReason && (
                <Text size="xs" c="dimmed">
                  LINE: {channel.statusReason}
                </Text>
              )}
            </Stack>
          </Alert>
        )}
        {channel && usable && (
          <Stack gap={6}>
            <Text size="sm">
              {t('line.settings.account')}: <strong>{channel.displayName}</strong> ({channel.basicId})
            </Text>
            {channel.secretsSetAt && (
              <Text size="sm" c="dimmed">
                {t('line.settings.secretsSet', { date: f.dateTime(channel.secretsSetAt) })}
              </Text>
            )}
            <Text size="sm">{t('line.settings.webhook')}</Text>
            <Group gap="xs" wrap="nowrap" align="center">
              <Code data-testid="line-webhook-url" style={{ overflowWrap: 'anywhere' }}>
                {channel.webhookUrl}
              </Code>
              <CopyButton value={channel.webhookUrl}>
                {({ copied, copy }) => (
                  <Button size="compact-xs" variant="light" onClick={copy}>
                    {copied ? t('line.settings.copied') : t('line.settings.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <Text size="sm">
              {t('line.settings.linked', {
                people: f.number(channel.linkedPeople),
                groups: f.number(channel.linkedGroups),
              })}
            </Text>
            {channel.undeliverable > 0 && (
              <Text size="sm" c="orange.9">
                {t('line.settings.undeliverable', { n: f.number(channel.undeliverable) })}
              </Text>
            )}
            <Text size="sm" fw={600} mt="xs">
              {t('line.settings.usage')}
            </Text>
            {channel.usage.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('line.settings.noUsage')}
              </Text>
            ) : (
              <Table withTableBorder striped maw={520} data-testid="line-usage">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('line.settings.month')}</Table.Th>
                    <Table.Th ta="right">{t('line.settings.delivered')}</Table.Th>
                    <Table.Th ta="right">{t('line.settings.toPeople')}</Table.Th>
                    <Table.Th ta="right">{t('line.settings.toGroups')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {channel.usage.map((u) => (
                    <Table.Tr key={u.month}>
                      <Table.Td>{monthLabel(u.month, lang)}</Table.Td>
                      <Table.Td ta="right">{f.number(u.delivered)}</Table.Td>
                      <Table.Td ta="right">{f.number(u.userMessages)}</Table.Td>
                      <Table.Td ta="right">{f.number(u.groupMessages)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {channel.usage.some((u) => u.groupMessages > 0) && (
              <Text size="xs" c="dimmed">
                {t('line.settings.groupNote')}
              </Text>
            )}
          </Stack>
        )}
        <ConnectForm row={row} onSaved={refresh} />
        {usable && (
          <Group>
            <Button variant="subtle" color="red" onClick={() => setConfirming(true)}>
              {t('line.settings.disconnect')}
            </Button>
          </Group>
        )}
      </Stack>
      <ConfirmDialog
        opened={confirming}
        title={t('line.settings.disconnect')}
        message={t('line.settings.disconnectConfirm', { org: row.organizationNameTh })}
        confirmLabel={t('line.settings.disconnect')}
        loading={disconnect.isPending}
        error={disconnect.error}
        onConfirm={() => disconnect.mutate()}
        onClose={() => setConfirming(false)}
      />
    </Card>
  );
}

function ConnectForm({ row, onSaved }: { row: LineSettingsRow; onSaved: (row: LineSettingsRow) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [channelSecret, setChannelSecret] = useState('');
  const [accessToken, setAccessToken] = useState('');
  const connect = useMutation({
    mutationFn: () => api.line.connect(row.organizationId, { channelSecret, accessToken }),
    onSuccess: (updated) => {
      setChannelSecret('');
      setAccessToken('');
      onSaved(updated);
      notifications.show({ color: 'green', message: t('line.settings.connected') });
    },
  });
  const fieldError = (path: string) => {
    const d =
      connect.error instanceof ApiRequestError
        ? connect.error.details.find((x) => x.path === path)
        : undefined;
    return d ? (lang === 'th' ? d.message_th : d.message_en) : undefined;
  };
  const replacing = row.channel && row.channel.status !== 'disconnected';
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        connect.mutate();
      }}
    >
      <Stack gap="xs" maw={560}>
        <Text fw={600} size="sm">
          {replacing ? t('line.settings.replaceTitle') : t('line.settings.connectTitle')}
        </Text>
        <TextInput
          label={t('line.settings.channelSecret')}
          description={t('line.settings.channelSecretHelp')}
          value={channelSecret}
          onChange={(e) => setChannelSecret(e.currentTarget.value)}
          error={fieldError('channelSecret')}
          autoComplete="off"
          spellCheck={false}
          required
        />
        <PasswordInput
          label={t('line.settings.accessToken')}
          description={t('line.settings.accessTokenHelp')}
          value={accessToken}
          onChange={(e) => setAccessToken(e.currentTarget.value)}
          error={fieldError('accessToken')}
          autoComplete="off"
          required
        />
        <FormError error={connect.error} fields={['channelSecret', 'accessToken']} />
        <Group>
          <Button type="submit" loading={connect.isPending}>
            {t('line.settings.connect')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
