import {
  Alert,
  Badge,
  Button,
  FileButton,
  Group,
  Image,
  List,
  Paper,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { FormError } from '../../components/FormError.tsx';
import { useFormat } from '../../format.ts';
import { useLang } from '../../i18n/index.ts';
import { fileToBase64 } from '../followup/common.ts';
import { type DocumentSettingsBody, documentKeys } from './common.ts';

/** The organisation's emblem (upload, preview, remove), the fonts available and the font files refused. */
export function EmblemSettings({ settings }: { settings: DocumentSettingsBody }) {
  const { t } = useTranslation();
  const lang = useLang();
  const format = useFormat();
  const queryClient = useQueryClient();
  const organizationId = settings.organizationId;
  const refresh = () => queryClient.invalidateQueries({ queryKey: documentKeys.settings(organizationId) });

  const upload = useMutation({
    mutationFn: async (file: File) => api.documents.setEmblem(organizationId, await fileToBase64(file)),
    onSuccess: async () => {
      await refresh();
      notifications.show({ color: 'green', message: t('documents.settings.uploaded') });
    },
  });
  const remove = useMutation({
    mutationFn: () => api.documents.removeEmblem(organizationId),
    onSuccess: async () => {
      await refresh();
      notifications.show({ color: 'green', message: t('documents.settings.removed') });
    },
  });
  const emblem = settings.emblem;

  return (
    <Stack gap="md">
      <Stack gap="xs" component="section" aria-labelledby="documents-emblem-title">
        <Title order={5} id="documents-emblem-title">
          {t('documents.settings.emblem')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('documents.settings.emblemHelp')}
        </Text>
        {emblem ? (
          <Group gap="sm" align="center">
            <Paper withBorder p={4}>
              <Image
                src={`${emblem.url}?v=${encodeURIComponent(emblem.updatedAt)}`}
                alt={t('documents.settings.emblemAlt')}
                h={96}
                w="auto"
                fit="contain"
              />
            </Paper>
            <Text size="sm">
              {t('documents.settings.emblemInfo', {
                width: emblem.width,
                height: emblem.height,
                at: format.dateTime(emblem.updatedAt),
              })}
            </Text>
          </Group>
        ) : (
          <Text size="sm">{t('documents.settings.noEmblem')}</Text>
        )}
        <Group gap="xs">
          <FileButton
            onChange={(file) => {
              remove.reset();
              if (file) upload.mutate(file);
            }}
            accept="image/png,image/jpeg"
          >
            {(props) => (
              <Button {...props} variant="light" loading={upload.isPending}>
                {emblem ? t('documents.settings.replace') : t('documents.settings.upload')}
              </Button>
            )}
          </FileButton>
          {emblem && (
            <Button
              variant="subtle"
              color="red"
              onClick={() => {
                upload.reset();
                remove.mutate();
              }}
              loading={remove.isPending}
            >
              {t('documents.settings.remove')}
            </Button>
          )}
        </Group>
        <FormError error={upload.error ?? remove.error} />
      </Stack>

      <Stack gap="xs" component="section" aria-labelledby="documents-fonts-title">
        <Title order={5} id="documents-fonts-title">
          {t('documents.settings.fonts')}
        </Title>
        <List size="sm" spacing={2}>
          {settings.fonts.map((f) => (
            <List.Item key={`${f.source}:${f.family}`}>
              {f.source === 'bundled' ? t('documents.options.fontBundled', { family: f.family }) : f.family}{' '}
              <Badge size="xs" variant="light" color={f.bold ? 'green' : 'gray'} tt="none">
                {f.bold ? t('documents.settings.fontBold') : t('documents.settings.fontNoBold')}
              </Badge>
            </List.Item>
          ))}
        </List>
        {settings.fontProblems.length > 0 && (
          <Alert color="yellow" title={t('documents.settings.fontProblems')}>
            <Text size="sm" mb={4}>
              {t('documents.settings.fontProblemsHelp')}
            </Text>
            <List size="sm" spacing={2}>
              {settings.fontProblems.map((p) => (
                <List.Item key={p.file}>
                  <Text span ff="monospace" size="sm">
                    {p.file}
                  </Text>
                  : {lang === 'th' ? p.message_th : p.message_en}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
      </Stack>
    </Stack>
  );
}
