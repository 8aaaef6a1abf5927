import { Button, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  createOrganizationSchema,
  ORGANIZATION_KIND_LABELS,
  ORGANIZATION_KINDS,
  type OrganizationKind,
} from '#shared/organizations/contract.ts';
import { api, type OrganizationRow, queryKeys } from '../../api.ts';
import { FormError } from '../../components/FormError.tsx';
import { closeAsking } from '../../drafts.ts';
import { applyServerErrors, schemaResolver, useErrorText } from '../../forms.ts';
import { useLang } from '../../i18n/index.ts';
import { useLeaveGuard } from '../../router.tsx';
import { orgName } from './names.ts';

/** The fields an organisation form edits: the create schema without the parent (fixed by the action). */
const organizationFieldsSchema = createOrganizationSchema.omit({ parentId: true });
const FIELDS = ['code', 'kind', 'nameTh', 'nameEn', 'shortNameTh', 'shortNameEn'] as const;

const CHILD_KIND: Partial<Record<OrganizationKind, OrganizationKind>> = {
  province: 'regional_unit',
  municipality: 'division',
  department: 'division',
  division: 'office',
};

const orNull = (value: string | null | undefined) => (value ? value : null);

type Props = {
  action: { type: 'create'; parent: OrganizationRow | null } | { type: 'edit'; org: OrganizationRow };
  onClose: () => void;
};

/** Create a unit under a node (or a top-level organisation), or edit an organisation's names and code. */
export function OrganizationFormModal({ action, onClose }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const editing = action.type === 'edit' ? action.org : null;
  const parent = action.type === 'create' ? action.parent : null;

  const form = useForm({
    resolver: schemaResolver(organizationFieldsSchema),
    defaultValues: editing
      ? {
          code: editing.code,
          kind: editing.kind,
          nameTh: editing.nameTh,
          nameEn: editing.nameEn ?? '',
          shortNameTh: editing.shortNameTh ?? '',
          shortNameEn: editing.shortNameEn ?? '',
        }
      : {
          code: parent ? `${parent.code}-` : '',
          kind: parent ? (CHILD_KIND[parent.kind] ?? 'office') : 'province',
          nameTh: '',
          nameEn: '',
          shortNameTh: '',
          shortNameEn: '',
        },
  });

  const save = useMutation({
    mutationFn: (values: (typeof organizationFieldsSchema)['_zod']['output']) => {
      const body = {
        code: values.code,
        kind: values.kind,
        nameTh: values.nameTh,
        nameEn: orNull(values.nameEn),
        shortNameTh: orNull(values.shortNameTh),
        shortNameEn: orNull(values.shortNameEn),
      };
      return editing
        ? api.organizations.update(editing.id, { version: editing.version, ...body })
        : api.organizations.create({ parentId: parent?.id ?? null, ...body });
    },
    onSuccess: (org) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.organizations });
      notifications.show({
        color: 'green',
        message: t(editing ? 'organizations.saved' : 'organizations.created', { name: orgName(org, lang) }),
      });
      onClose();
    },
    onError: (error) => applyServerErrors(error, form.setError, FIELDS),
  });

  const { errors, isDirty } = form.formState;
  useLeaveGuard(isDirty, t('drafts.leave'));
  const close = () => closeAsking(isDirty, onClose, t('drafts.closeDirty'));
  const title = editing
    ? t('organizations.editTitle', { name: orgName(editing, lang) })
    : parent
      ? t('organizations.createChildTitle')
      : t('organizations.createTopTitle');

  return (
    <Modal opened onClose={close} title={title} size="lg" centered>
      <form
        onSubmit={form.handleSubmit(
          (values) => save.mutate(values),
          () => save.reset(),
        )}
        noValidate
      >
        <Stack>
          {parent && (
            <Text size="sm">
              {t('organizations.parent')}: <strong>{orgName(parent, lang)}</strong>
            </Text>
          )}
          <FormError error={save.error} fields={FIELDS} />
          <TextInput
            label={t('organizations.fields.nameTh')}
            required
            {...form.register('nameTh')}
            error={errorText(errors.nameTh)}
          />
          <TextInput
            label={t('organizations.fields.nameEn')}
            {...form.register('nameEn')}
            error={errorText(errors.nameEn)}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('organizations.fields.shortNameTh')}
              {...form.register('shortNameTh')}
              error={errorText(errors.shortNameTh)}
            />
            <TextInput
              label={t('organizations.fields.shortNameEn')}
              {...form.register('shortNameEn')}
              error={errorText(errors.shortNameEn)}
            />
            <TextInput
              label={t('organizations.fields.code')}
              description={t('organizations.codeRule')}
              required
              {...form.register('code')}
              error={errorText(errors.code)}
            />
            <Controller
              control={form.control}
              name="kind"
              render={({ field }) => (
                <Select
                  label={t('organizations.fields.kind')}
                  required
                  allowDeselect={false}
                  data={ORGANIZATION_KINDS.map((kind) => ({
                    value: kind,
                    label: ORGANIZATION_KIND_LABELS[kind][lang],
                  }))}
                  value={field.value}
                  onChange={(value) => value && field.onChange(value)}
                  onBlur={field.onBlur}
                  error={errorText(errors.kind)}
                />
              )}
            />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {editing ? t('common.save') : t('organizations.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
