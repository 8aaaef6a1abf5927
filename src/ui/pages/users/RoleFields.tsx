import { Select } from '@mantine/core';
import { type Control, type FieldValues, type Path, useController } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Role } from '#shared/auth/roles.ts';
import { useErrorText } from '../../forms.ts';
import { useLang } from '../../i18n/index.ts';
import { roleOptions } from './roleLabels.ts';

/** A form that gives a user a role on an organisation (create user, grant role). */
type RoleForm = FieldValues & { role: Role; organizationId: string | null };

/** The role to give, as a select of every role; its error is the form's error for `role`. */
export function RoleField<T extends RoleForm>({ control }: { control: Control<T> }) {
  const { t } = useTranslation();
  const lang = useLang();
  const errorText = useErrorText();
  const { field, fieldState } = useController({ control, name: 'role' as Path<T> });
  return (
    <Select
      label={t('users.fields.role')}
      required
      allowDeselect={false}
      data={roleOptions(lang)}
      value={field.value as Role}
      onChange={(value) => value && field.onChange(value)}
      error={errorText(fieldState.error)}
    />
  );
}

/**
 * The organisation the role is on, from `options`. With `whole`, that option stands for the whole
 * deployment (a null id); without it, an empty id means none is chosen yet.
 */
export function OrganizationField<T extends RoleForm>({
  control,
  options,
  whole,
}: {
  control: Control<T>;
  options: { value: string; label: string }[];
  whole?: string;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { field, fieldState } = useController({ control, name: 'organizationId' as Path<T> });
  const id = field.value as string | null;
  const none = whole === undefined ? '' : null;
  return (
    <Select
      label={t('users.fields.organization')}
      required
      searchable
      allowDeselect={false}
      data={options}
      value={id === null ? (whole ?? null) : id || null}
      onChange={(value) => field.onChange(value === null || value === whole ? none : value)}
      error={errorText(fieldState.error)}
      nothingFoundMessage={t('common.nothingFound')}
    />
  );
}
