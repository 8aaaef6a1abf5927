import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '../api.ts';
import { useLang } from '../i18n/index.ts';
import { FormError } from './FormError.tsx';

/**
 * A yes/no question before an action that changes much (deactivate, revoke, circulate, close, publish,
 * submit, approve): it says what will happen (`message`, and `children` for lists of who and what),
 * and a refusal because the record changed meanwhile shows who changed it, with "reload".
 */
export function ConfirmDialog({
  opened,
  title,
  message,
  children,
  confirmLabel,
  color = 'red',
  loading,
  confirmDisabled,
  error,
  onConfirm,
  onClose,
  onReload,
}: {
  opened: boolean;
  title: string;
  message: ReactNode;
  /** What the action reaches, under the message (lists, a field to set right there). */
  children?: ReactNode;
  confirmLabel: string;
  color?: string;
  loading?: boolean;
  confirmDisabled?: boolean;
  error?: unknown;
  onConfirm: () => void;
  onClose: () => void;
  /** After a stale refusal: fetch the record again (default: every query of the page). */
  onReload?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      centered
      size="lg"
      closeButtonProps={{ 'aria-label': t('confirm.dismiss') }}
    >
      <Stack data-testid="confirm-dialog">
        {typeof message === 'string' ? <Text>{message}</Text> : <div>{message}</div>}
        {children}
        <ActionError error={error} onReload={onReload} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color={color} loading={loading} disabled={confirmDisabled} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Whether a failed request was refused because the record changed since the page was loaded. */
export const isStale = (error: unknown): error is ApiRequestError =>
  error instanceof ApiRequestError && error.code === 'stale_version';

/**
 * The error of an action: a stale refusal as a notice that says who changed the record and when, with
 * a button that loads it again; any other error as the form's error.
 */
export function ActionError({
  error,
  onReload,
  fields,
}: {
  error: unknown;
  onReload?: (() => void) | undefined;
  fields?: readonly string[];
}) {
  if (isStale(error)) return <StaleNotice error={error} onReload={onReload} />;
  return <FormError error={error} {...(fields ? { fields } : {})} />;
}

export function StaleNotice({
  error,
  onReload,
}: {
  error: ApiRequestError;
  onReload?: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const queryClient = useQueryClient();
  return (
    <Alert color="orange" role="alert" title={t('confirm.staleTitle')} data-testid="stale-notice">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{error.message_in(lang)}</Text>
        <Button
          size="compact-sm"
          variant="outline"
          color="orange"
          onClick={() => (onReload ? onReload() : void queryClient.invalidateQueries())}
        >
          {t('confirm.reload')}
        </Button>
      </Stack>
    </Alert>
  );
}
