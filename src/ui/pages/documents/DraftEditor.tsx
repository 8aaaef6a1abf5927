import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Fieldset,
  Group,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CircularContent, Draft, MemoContent, SubjectType } from '#shared/documents/contract.ts';
import { ApiRequestError, api } from '../../api.ts';
import { FormError } from '../../components/FormError.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useLeaveGuard } from '../../router.tsx';
import { type DraftBody, documentKeys, fromLines, type TextKind, toLines } from './common.ts';

/** The text as the form holds it: every field a string (lists one item a line). */
type TextForm = Record<string, string>;

const LINE_FIELDS = ['department', 'subject', 'to', 'closing', 'letterTo', 'reference'] as const;
/** `addressees` is the circular's list of addressees with the memo/letter choice of each. */
const FIELDS: Record<TextKind, readonly string[]> = {
  memo: [
    'department',
    'subject',
    'to',
    'background',
    'facts',
    'considerations',
    'proposal',
    'closing',
    'decisions',
  ],
  circular: [
    'department',
    'subject',
    'attachments',
    'body',
    'closing',
    'addressees',
    'to',
    'letterTo',
    'reference',
  ],
};
const LIST_FIELDS = ['attachments', 'decisions'];

function formOf(draft: Draft): TextForm {
  const form: TextForm = {};
  for (const [key, value] of Object.entries(draft.content)) {
    form[key] = Array.isArray(value) ? fromLines(value) : String(value);
  }
  return form;
}

function draftOf(kind: TextKind, form: TextForm): Draft {
  const v = (key: string) => form[key] ?? '';
  if (kind === 'memo') {
    const content: MemoContent = {
      department: v('department').trim(),
      subject: v('subject').trim(),
      to: v('to').trim(),
      background: v('background'),
      facts: v('facts'),
      considerations: v('considerations'),
      proposal: v('proposal'),
      closing: v('closing').trim(),
      decisions: toLines(v('decisions')),
    };
    return { kind, content };
  }
  const content: CircularContent = {
    department: v('department').trim(),
    subject: v('subject').trim(),
    to: v('to').trim(),
    attachments: toLines(v('attachments')),
    body: v('body'),
    closing: v('closing').trim(),
    recipients: toLines(v('recipients')),
    letterTo: v('letterTo').trim(),
    reference: v('reference').trim(),
    letterRecipients: toLines(v('letterRecipients')),
  };
  return { kind, content };
}

const sameForm = (kind: TextKind, a: TextForm, b: TextForm) =>
  JSON.stringify(draftOf(kind, a)) === JSON.stringify(draftOf(kind, b));

/** The memo or circular text of a subject, saved against the version it was read at. */
export function DraftEditor(props: {
  kind: TextKind;
  subjectType: SubjectType;
  subjectId: string;
  onDirtyChange: (dirty: boolean) => void;
}) {
  const { kind, subjectType, subjectId } = props;
  const query = useQuery({
    queryKey: documentKeys.draft(kind, subjectType, subjectId),
    queryFn: () => api.documents.draft(kind, subjectType, subjectId),
  });
  return <QueryState query={query}>{(data) => <TextFields {...props} server={data} />}</QueryState>;
}

function TextFields({
  kind,
  subjectType,
  subjectId,
  server,
  onDirtyChange,
}: {
  kind: TextKind;
  subjectType: SubjectType;
  subjectId: string;
  server: DraftBody;
  onDirtyChange: (dirty: boolean) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const key = documentKeys.draft(kind, subjectType, subjectId);
  const [base, setBase] = useState(server);
  const [form, setForm] = useState(() => formOf(server.draft));
  const [conflict, setConflict] = useState(false);
  const dirty = !sameForm(kind, form, formOf(base.draft));
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);
  useLeaveGuard(dirty, t('drafts.leave'));

  const save = useMutation({
    mutationFn: () =>
      api.documents.saveDraft(kind, subjectType, subjectId, {
        rowVersion: base.rowVersion,
        draft: draftOf(kind, form),
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(key, saved);
      setBase(saved);
      setConflict(false);
      notifications.show({ color: 'green', message: t('documents.text.saved') });
    },
    onError: (error) => {
      if (error instanceof ApiRequestError && error.status === 409) setConflict(true);
    },
  });

  const reload = async () => {
    const latest = await queryClient.fetchQuery({
      queryKey: key,
      queryFn: () => api.documents.draft(kind, subjectType, subjectId),
      staleTime: 0,
    });
    setBase(latest);
    setForm(formOf(latest.draft));
    setConflict(false);
    save.reset();
  };

  const field = (name: string) => {
    if (name === 'addressees') {
      return (
        <Addressees
          key={name}
          recipients={form.recipients ?? ''}
          letterRecipients={form.letterRecipients ?? ''}
          onChange={(recipients, letterRecipients) =>
            setForm((f) => ({ ...f, recipients, letterRecipients }))
          }
        />
      );
    }
    const label = t(`documents.text.fields.${name}` as 'documents.text.fields.subject');
    const common = {
      label,
      value: form[name] ?? '',
      onChange: (e: { currentTarget: { value: string } }) => {
        const value = e.currentTarget.value;
        setForm((f) => ({ ...f, [name]: value }));
      },
    };
    if ((LINE_FIELDS as readonly string[]).includes(name))
      return <TextInput key={name} {...common} maxLength={500} />;
    const list = LIST_FIELDS.includes(name);
    return (
      <Textarea
        key={name}
        {...common}
        description={list ? t('documents.text.linesHelp') : undefined}
        autosize
        minRows={list ? 2 : 3}
        maxRows={14}
      />
    );
  };

  return (
    <Stack gap="xs">
      {base.rowVersion === 0 && (
        <Text size="sm" c="dimmed">
          {t('documents.text.fromData')}
        </Text>
      )}
      {FIELDS[kind].map(field)}
      {conflict && (
        <Alert color="orange" role="alert" title={t('documents.text.conflictTitle')}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('documents.text.conflict')}</Text>
            <Button size="compact-sm" onClick={() => void reload()}>
              {t('documents.text.reload')}
            </Button>
          </Stack>
        </Alert>
      )}
      {save.error && !conflict && <FormError error={save.error} />}
      <Group gap="xs">
        <Button
          onClick={() => save.mutate()}
          loading={save.isPending}
          disabled={(!dirty && base.rowVersion > 0) || conflict}
        >
          {t('documents.text.save')}
        </Button>
        <Badge color={dirty ? 'yellow' : 'green'} variant="light" tt="none" role="status">
          {dirty ? t('documents.text.unsaved') : t('documents.text.allSaved')}
        </Badge>
      </Group>
    </Stack>
  );
}

type Form = 'memo' | 'letter';

/**
 * Whom the circular goes to, one row per addressee with its form: the agency's own units get the
 * internal memo, other agencies (a province's regional units belong to ministries) the external letter.
 */
function Addressees({
  recipients,
  letterRecipients,
  onChange,
}: {
  recipients: string;
  letterRecipients: string;
  onChange: (recipients: string, letterRecipients: string) => void;
}) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState('');
  const rows: { name: string; form: Form }[] = [
    ...toLines(recipients).map((name) => ({ name, form: 'memo' as const })),
    ...toLines(letterRecipients).map((name) => ({ name, form: 'letter' as const })),
  ];
  const emit = (next: { name: string; form: Form }[]) =>
    onChange(
      fromLines(next.filter((r) => r.form === 'memo').map((r) => r.name)),
      fromLines(next.filter((r) => r.form === 'letter').map((r) => r.name)),
    );
  const add = () => {
    const name = adding.trim();
    if (name === '' || rows.some((r) => r.name === name)) return;
    emit([...rows, { name, form: 'letter' }]);
    setAdding('');
  };
  return (
    <Fieldset legend={t('documents.text.addressees')} variant="unstyled">
      <Stack gap={6}>
        <Text size="xs" c="dimmed">
          {t('documents.text.addresseesHelp')}
        </Text>
        {rows.length === 0 && (
          <Text size="sm" c="orange.9" role="status">
            {t('documents.text.noAddressee')}
          </Text>
        )}
        {rows.map((row, i) => (
          <Group key={row.name} gap="xs" wrap="nowrap">
            <Text size="sm" style={{ flex: 1 }}>
              {row.name}
            </Text>
            <SegmentedControl
              size="xs"
              aria-label={t('documents.text.addresseeForm', { name: row.name })}
              value={row.form}
              onChange={(value) =>
                emit(rows.map((r, k) => (k === i ? { ...r, form: value === 'memo' ? 'memo' : 'letter' } : r)))
              }
              data={[
                { value: 'memo', label: t('documents.text.formMemo') },
                { value: 'letter', label: t('documents.text.formLetter') },
              ]}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('documents.text.removeAddressee', { name: row.name })}
              onClick={() => emit(rows.filter((_, k) => k !== i))}
            >
              ×
            </ActionIcon>
          </Group>
        ))}
        <Group gap="xs" align="flex-end">
          <TextInput
            style={{ flex: 1 }}
            label={t('documents.text.addAddressee')}
            value={adding}
            maxLength={500}
            onChange={(e) => setAdding(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              }
            }}
          />
          <Button variant="light" onClick={add} disabled={adding.trim() === ''}>
            {t('documents.text.add')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
