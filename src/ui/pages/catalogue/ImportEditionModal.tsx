import { Alert, Button, FileInput, Group, Modal, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError, api, queryKeys } from '../../api.ts';
import { FormError } from '../../components/FormError.tsx';
import { useLang } from '../../i18n/index.ts';

/** Import a new or corrected edition from a YAML file; a bad file is refused whole, with every error. */
export function ImportEditionModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: async (chosen: File) => api.catalogue.importEdition(await chosen.text()),
    onSuccess: ({ summary, created }) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.editions });
      notifications.show({
        color: created ? 'green' : 'blue',
        message: t(created ? 'catalogue.imported' : 'catalogue.importUnchanged', {
          year: summary.fiscalYear,
          revision: summary.revision,
        }),
      });
      onClose();
    },
  });
  const error = upload.error;
  const details = error instanceof ApiRequestError ? error.details : [];

  return (
    <Modal opened onClose={onClose} title={t('catalogue.importTitle')} size="xl" centered>
      <Stack>
        <Text size="sm">{t('catalogue.importIntro')}</Text>
        <FileInput
          label={t('catalogue.importFile')}
          placeholder={t('catalogue.importPlaceholder')}
          accept=".yaml,.yml,application/yaml,text/yaml"
          value={file}
          onChange={(chosen) => {
            setFile(chosen);
            upload.reset();
          }}
          clearable
        />
        {error && details.length === 0 && <FormError error={error} />}
        {error instanceof ApiRequestError && details.length > 0 && (
          <Alert color="red" role="alert" title={error.message_in(lang)}>
            <Text size="sm" mb="xs">
              {t('catalogue.importErrorCount', { n: details.length })}
            </Text>
            <ScrollArea.Autosize mah={360}>
              <Table withTableBorder withColumnBorders aria-label={t('catalogue.importErrorsLabel')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('catalogue.importErrorPath')}</Table.Th>
                    <Table.Th>{t('catalogue.importErrorMessage')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {details.map((d, index) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: the same path can carry several errors
                    <Table.Tr key={`${d.path}-${index}`}>
                      <Table.Td>
                        <Text ff="monospace" size="sm">
                          {d.path || '—'}
                        </Text>
                      </Table.Td>
                      <Table.Td>{lang === 'th' ? d.message_th : d.message_en}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button disabled={!file} loading={upload.isPending} onClick={() => file && upload.mutate(file)}>
            {t('catalogue.importSubmit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
