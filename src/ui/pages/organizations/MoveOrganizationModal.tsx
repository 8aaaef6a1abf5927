import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { moveOrganizationSchema } from '#shared/organizations/contract.ts';
import { api, type OrganizationRow, queryKeys } from '../../api.ts';
import { FormError } from '../../components/FormError.tsx';
import { applyServerErrors, schemaResolver, useErrorText } from '../../forms.ts';
import { useLang } from '../../i18n/index.ts';
import type { Permissions } from '../../session.tsx';
import { orgName } from './names.ts';
import { type OrganizationTree, subtreeIds, visibleRows } from './tree.ts';

const TOP = '__top__';
const FIELDS = ['newParentId'] as const;

/** Move an organisation, with everything below it, under another parent. */
export function MoveOrganizationModal({
  org,
  tree,
  permissions,
  onClose,
}: {
  org: OrganizationRow;
  tree: OrganizationTree;
  permissions: Permissions;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const form = useForm({
    resolver: schemaResolver(moveOrganizationSchema),
    defaultValues: { version: org.version, newParentId: org.parentId },
  });

  const excluded = subtreeIds(tree, org.id);
  const options = [
    ...(permissions.isDeploymentAdmin ? [{ value: TOP, label: t('organizations.topLevel') }] : []),
    ...visibleRows(tree, new Set())
      .filter(({ org: candidate }) => !excluded.has(candidate.id) && permissions.adminOn(candidate.id))
      .map(({ org: candidate, level }) => ({
        value: candidate.id,
        label: `${'\u2003'.repeat(level)}${orgName(candidate, lang)} (${candidate.code})`,
        disabled: !candidate.active,
      })),
  ];

  const move = useMutation({
    mutationFn: (values: { version: number; newParentId: string | null }) =>
      api.organizations.move(org.id, values),
    onSuccess: (moved) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.organizations });
      notifications.show({
        color: 'green',
        message: t('organizations.moved', { name: orgName(moved, lang) }),
      });
      onClose();
    },
    onError: (error) => applyServerErrors(error, form.setError, FIELDS),
  });

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('organizations.moveTitle', { name: orgName(org, lang) })}
      centered
    >
      <form
        onSubmit={form.handleSubmit(
          (values) => move.mutate(values),
          () => move.reset(),
        )}
        noValidate
      >
        <Stack>
          <Text size="sm">{t('organizations.moveIntro')}</Text>
          <FormError error={move.error} fields={FIELDS} />
          <Controller
            control={form.control}
            name="newParentId"
            render={({ field }) => (
              <Select
                label={t('organizations.newParent')}
                searchable
                allowDeselect={false}
                data={options}
                value={field.value ?? TOP}
                onChange={(value) => field.onChange(value === TOP || value === null ? null : value)}
                error={errorText(form.formState.errors.newParentId)}
                comboboxProps={{ withinPortal: true }}
              />
            )}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={move.isPending}>
              {t('organizations.move')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
