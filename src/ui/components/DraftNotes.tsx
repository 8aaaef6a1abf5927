import { Alert, Box, Button, Group, Modal, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AutosaveStatus, KeptDraft } from '../drafts.ts';
import { useFormat } from '../format.ts';
import { FormError } from './FormError.tsx';

/**
 * The notes of the shared unsaved-work mechanism (src/ui/drafts.ts), the same on every page: input
 * restored from this browser, a copy typed on an older version, and the background draft save.
 */
export function DraftNotes({
  restored,
  older,
  onDiscard,
  onDismiss,
  onCompare,
}: {
  restored: string | null;
  older: KeptDraft<unknown> | null;
  onDiscard: () => void;
  onDismiss: () => void;
  onCompare: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  if (older) {
    return (
      <Alert color="orange" title={t('drafts.olderTitle')} role="status">
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{t('drafts.older', { at: format.dateTime(older.savedAt) })}</Text>
          <Group gap="xs">
            <Button size="compact-sm" onClick={onCompare}>
              {t('drafts.compare')}
            </Button>
            <Button size="compact-sm" variant="default" onClick={onDiscard}>
              {t('drafts.discard')}
            </Button>
          </Group>
        </Stack>
      </Alert>
    );
  }
  if (!restored) return null;
  return (
    <Alert color="blue" title={t('drafts.restoredTitle')} role="status">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{t('drafts.restored', { at: format.dateTime(restored) })}</Text>
        <Group gap="xs">
          <Button size="compact-sm" variant="default" onClick={onDiscard}>
            {t('drafts.discard')}
          </Button>
          <Button size="compact-sm" variant="subtle" onClick={onDismiss}>
            {t('drafts.keep')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/** "บันทึกร่างแล้ว เวลา …" and, when the server cannot be reached, that the input stays here. */
export function AutosaveNote({ status }: { status: AutosaveStatus }) {
  const { t } = useTranslation();
  const format = useFormat();
  const time = (iso: string) =>
    new Intl.DateTimeFormat(format.lang === 'th' ? 'th-TH' : 'en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZone: 'Asia/Bangkok',
    }).format(new Date(iso));
  if (status.kind === 'refused') return <FormError error={status.error} />;
  const text =
    status.kind === 'saved'
      ? t('drafts.savedAt', { time: time(status.at) })
      : status.kind === 'saving'
        ? t('drafts.saving')
        : status.kind === 'waiting'
          ? t('drafts.waiting')
          : status.kind === 'offline'
            ? t('drafts.offline', { time: time(status.retryAt) })
            : '';
  return (
    <Text
      size="sm"
      role="status"
      aria-live="polite"
      c={status.kind === 'offline' ? 'orange.9' : status.kind === 'saved' ? 'green.9' : 'dimmed'}
      mih="1.5em"
    >
      {text}
    </Text>
  );
}

export type CompareRow = { key: string; label: string; mine: ReactNode; theirs: ReactNode };

/**
 * Two versions of one record side by side (only what differs): the user's unsaved input and the copy
 * someone else saved meanwhile; the user keeps one. Each side read as text, labelled per field, so a
 * phone shows them one above the other.
 */
export function CompareVersions({
  opened,
  rows,
  theirsNote,
  onKeepMine,
  onTakeTheirs,
  onClose,
}: {
  opened: boolean;
  rows: CompareRow[];
  /** Who saved the other version and when, when known. */
  theirsNote?: string;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const narrow = useMediaQuery('(max-width: 48em)');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('drafts.compareTitle')}
      size="xl"
      fullScreen={narrow}
      closeButtonProps={{ 'aria-label': t('drafts.close') }}
    >
      <Stack gap="sm">
        <Text size="sm">{t('drafts.compareIntro')}</Text>
        {theirsNote && (
          <Text size="sm" c="dimmed">
            {theirsNote}
          </Text>
        )}
        {rows.length === 0 && <Text size="sm">{t('drafts.compareSame')}</Text>}
        {rows.map((row) => (
          <Paper key={row.key} withBorder p="xs" component="section" aria-label={row.label}>
            <Text fw={700} size="sm" mb={4}>
              {row.label}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
              <Box>
                <Text size="xs" c="dimmed">
                  {t('drafts.mine')}
                </Text>
                <Box style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{row.mine}</Box>
              </Box>
              <Box>
                <Text size="xs" c="dimmed">
                  {t('drafts.theirs')}
                </Text>
                <Box style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{row.theirs}</Box>
              </Box>
            </SimpleGrid>
          </Paper>
        ))}
        <Group justify="flex-end" gap="xs" wrap="wrap">
          <Button variant="default" onClick={onTakeTheirs}>
            {t('drafts.takeTheirs')}
          </Button>
          <Button onClick={onKeepMine}>{t('drafts.keepMine')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
