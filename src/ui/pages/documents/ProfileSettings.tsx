import { Button, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentProfile } from '#shared/documents/contract.ts';
import { api } from '../../api.ts';
import { FormError } from '../../components/FormError.tsx';
import { useLeaveGuard } from '../../router.tsx';
import { type DocumentSettingsBody, documentKeys, fromLines, toLines } from './common.ts';

type ProfileForm = Omit<DocumentProfile, 'address' | 'head'> & {
  address: string;
  headName: string;
  headPositions: string;
};

const formOf = (p: DocumentProfile): ProfileForm => ({
  ...p,
  address: fromLines(p.address),
  headName: p.head.name,
  headPositions: fromLines(p.head.positions),
});

const profileOf = (f: ProfileForm): DocumentProfile => ({
  department: f.department.trim(),
  phone: f.phone.trim(),
  email: f.email.trim(),
  address: toLines(f.address),
  numberPrefix: f.numberPrefix.trim(),
  to: f.to.trim(),
  signer: f.signer,
  head: { name: f.headName.trim(), positions: toLines(f.headPositions) },
});

/**
 * What the organisation's official documents say about it: ส่วนราชการ and telephone, address, number
 * prefix, เรียน and the head who decides (the signer is typed with each document and remembered here).
 */
export function ProfileSettings({ settings }: { settings: DocumentSettingsBody }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form, setForm] = useState(() => formOf(settings.profile));
  useLeaveGuard(JSON.stringify(form) !== JSON.stringify(formOf(settings.profile)), t('drafts.leave'));
  const save = useMutation({
    mutationFn: () => api.documents.saveProfile(settings.organizationId, profileOf(form)),
    onSuccess: async (saved) => {
      setForm(formOf(saved));
      await queryClient.invalidateQueries({ queryKey: documentKeys.settings(settings.organizationId) });
      notifications.show({ color: 'green', message: t('documents.settings.profileSaved') });
    },
  });
  const text = (key: 'department' | 'phone' | 'email' | 'numberPrefix' | 'to' | 'headName') => (
    <TextInput
      label={t(`documents.settings.${key}`)}
      value={form[key]}
      maxLength={500}
      onChange={(e) => {
        const value = e.currentTarget.value;
        setForm((f) => ({ ...f, [key]: value }));
      }}
    />
  );
  const lines = (key: 'address' | 'headPositions') => (
    <Textarea
      label={t(`documents.settings.${key}`)}
      value={form[key]}
      autosize
      minRows={2}
      maxRows={5}
      onChange={(e) => {
        const value = e.currentTarget.value;
        setForm((f) => ({ ...f, [key]: value }));
      }}
    />
  );
  return (
    <Stack gap="xs" component="section" aria-labelledby="documents-profile-title">
      <Title order={5} id="documents-profile-title">
        {t('documents.settings.profile')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('documents.settings.profileHelp')}
      </Text>
      {text('department')}
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" verticalSpacing="xs">
        {text('phone')}
        {text('email')}
        {text('numberPrefix')}
      </SimpleGrid>
      {lines('address')}
      {text('to')}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="xs">
        {text('headName')}
        {lines('headPositions')}
      </SimpleGrid>
      <FormError error={save.error} />
      <div>
        <Button onClick={() => save.mutate()} loading={save.isPending}>
          {t('documents.settings.saveProfile')}
        </Button>
      </div>
    </Stack>
  );
}
