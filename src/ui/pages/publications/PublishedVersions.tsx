import {
  Alert,
  Anchor,
  Badge,
  Button,
  CopyButton,
  Group,
  Modal,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type PublicationRow } from '../../api.ts';
import { FormError } from '../../components/FormError.tsx';
import { useFormat } from '../../format.ts';
import { absoluteUrl, embedSnippet, publicationKeys } from './common.ts';

/** A link to a public page, opened in a new tab (the reader leaves the signed-in app). */
function PublicLink({ path, label, size = 'sm' }: { path: string; label?: string; size?: 'sm' | 'xs' }) {
  const { t } = useTranslation();
  const url = absoluteUrl(path);
  return (
    <Anchor
      href={url}
      target="_blank"
      rel="noopener noreferrer"
      size={size}
      style={label === undefined ? { wordBreak: 'break-all' } : undefined}
    >
      {label ?? url}
      <Text span size="xs" c="dimmed" ml={4} style={{ whiteSpace: 'nowrap' }}>
        {t('publications.newTab')}
      </Text>
    </Anchor>
  );
}

/**
 * The public address of a subject: the always-latest link, the embed code and the feed; then every
 * version published there with its own link, and (for an editor) withdrawal of a live one.
 */
export function PublishedVersions({
  versions,
  slug,
  organizationId,
  canEdit,
  onWithdrawn,
}: {
  /** The versions at this address, newest first (never empty). */
  versions: PublicationRow[];
  slug: string;
  organizationId: string;
  canEdit: boolean;
  onWithdrawn?: () => void;
}) {
  const { t } = useTranslation();
  const newest = versions[0]!;
  const snippet = embedSnippet(newest.latestUrl, newest.title);
  const live = versions.find((v) => !v.withdrawnAt);
  const [withdrawing, setWithdrawing] = useState<PublicationRow | null>(null);

  return (
    <Stack gap="sm">
      <Paper withBorder p="xs" bg="gray.0">
        <Stack gap={6}>
          <Text size="sm" fw={600}>
            {t('publications.latestUrl')}
          </Text>
          <Text size="xs" c="dimmed">
            {live ? t('publications.latestUrlHelp', { n: live.versionNo }) : t('publications.allWithdrawn')}
          </Text>
          <PublicLink path={newest.latestUrl} />
          <Textarea
            label={t('publications.embed.label')}
            description={t('publications.embed.help')}
            value={snippet}
            readOnly
            autosize
            minRows={2}
            styles={{
              input: {
                fontFamily: "ui-monospace, Menlo, Consolas, monospace, Sarabun, 'Noto Sans Thai'",
                fontSize: 12,
              },
            }}
            onFocus={(e) => e.currentTarget.select()}
          />
          <Group gap="xs" wrap="wrap">
            <CopyButton value={snippet}>
              {({ copied, copy }) => (
                <Button size="compact-sm" variant="light" color={copied ? 'green' : undefined} onClick={copy}>
                  {copied ? t('publications.embed.copied') : t('publications.embed.copy')}
                </Button>
              )}
            </CopyButton>
            <PublicLink path={api.publications.feedUrl(slug)} label={t('publications.feed')} size="xs" />
          </Group>
        </Stack>
      </Paper>

      <Table.ScrollContainer minWidth={620}>
        <Table verticalSpacing={6} striped aria-label={t('publications.versionsTable')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('publications.columns.version')}</Table.Th>
              <Table.Th>{t('publications.columns.publishedAt')}</Table.Th>
              <Table.Th>{t('publications.columns.summary')}</Table.Th>
              <Table.Th>{t('publications.columns.address')}</Table.Th>
              {canEdit && <Table.Th>{t('common.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {versions.map((v) => (
              <VersionRow key={v.id} version={v} canEdit={canEdit} onWithdraw={() => setWithdrawing(v)} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      {withdrawing && (
        <WithdrawModal
          version={withdrawing}
          organizationId={organizationId}
          onClose={() => setWithdrawing(null)}
          onWithdrawn={onWithdrawn}
        />
      )}
    </Stack>
  );
}

function VersionRow({
  version: v,
  canEdit,
  onWithdraw,
}: {
  version: PublicationRow;
  canEdit: boolean;
  onWithdraw: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Table.Tr>
      <Table.Td style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>
        <Stack gap={2}>
          <Text size="sm" fw={600}>
            {t('publications.versionNo', { n: v.versionNo })}
          </Text>
          {v.withdrawnAt ? (
            <Badge color="red" variant="light" tt="none">
              {t('publications.withdrawnBadge')}
            </Badge>
          ) : (
            <Badge color="green" variant="light" tt="none">
              {t('publications.liveBadge')}
            </Badge>
          )}
        </Stack>
      </Table.Td>
      <Table.Td style={{ verticalAlign: 'top' }}>
        <Text size="sm">{format.dateTime(v.publishedAt)}</Text>
        <Text size="xs" c="dimmed">
          {v.publishedByName ?? t('publications.unknownUser')}
        </Text>
      </Table.Td>
      <Table.Td style={{ verticalAlign: 'top' }}>
        <Text size="sm" lang="th">
          {v.changeSummary}
        </Text>
        {v.withdrawnAt && (
          <Text size="sm" c="red.8" mt={4}>
            {t('publications.withdrawnNotice', {
              at: format.dateTime(v.withdrawnAt),
              reason: v.withdrawReason ?? '',
            })}
          </Text>
        )}
      </Table.Td>
      <Table.Td style={{ verticalAlign: 'top' }}>
        <PublicLink path={v.url} label={t('publications.openVersion', { n: v.versionNo })} />
      </Table.Td>
      {canEdit && (
        <Table.Td style={{ verticalAlign: 'top' }}>
          {!v.withdrawnAt && (
            <Button
              size="compact-sm"
              variant="subtle"
              color="red"
              onClick={onWithdraw}
              aria-label={t('publications.withdraw.actionOf', { n: v.versionNo })}
            >
              {t('publications.withdraw.action')}
            </Button>
          )}
        </Table.Td>
      )}
    </Table.Tr>
  );
}

/** Withdrawal needs a reason: the version's page keeps its address and shows when and why. */
function WithdrawModal({
  version,
  organizationId,
  onClose,
  onWithdrawn,
}: {
  version: PublicationRow;
  organizationId: string;
  onClose: () => void;
  onWithdrawn?: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const withdraw = useMutation({
    mutationFn: () => api.publications.withdraw(version.id, reason.trim()),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: publicationKeys.site(organizationId) });
      notifications.show({
        color: 'green',
        message: t('publications.withdraw.done', { n: version.versionNo }),
      });
      onWithdrawn?.();
      onClose();
    },
  });
  const enough = reason.trim().length >= 5;
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('publications.withdraw.title', { n: version.versionNo })}
      centered
      closeButtonProps={{ 'aria-label': t('confirm.dismiss') }}
    >
      <Stack
        component="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (enough) withdraw.mutate();
        }}
      >
        <Alert color="yellow" variant="light">
          {t('publications.withdraw.message')}
        </Alert>
        <Textarea
          label={t('publications.withdraw.reason')}
          description={t('publications.withdraw.reasonHelp')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          required
          autosize
          minRows={2}
          maxLength={2000}
          data-autofocus
        />
        <FormError error={withdraw.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="red" loading={withdraw.isPending} disabled={!enough}>
            {t('publications.withdraw.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
