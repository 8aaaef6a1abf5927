import { Alert, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '../api.ts';
import { useLang } from '../i18n/index.ts';

/**
 * The message of a failed request in the current language, with the details that belong to no field
 * of the form (details naming a field are shown next to that field).
 */
export function FormError({ error, fields = [] }: { error: unknown; fields?: readonly string[] }) {
  const lang = useLang();
  const { t } = useTranslation();
  if (!error) return null;
  if (!(error instanceof ApiRequestError)) {
    return (
      <Alert color="red" role="alert" title={t('errors.title')}>
        {t('errors.unexpected')}
      </Alert>
    );
  }
  const rest = error.details.filter((d) => !fields.includes(d.path));
  return (
    <Alert color="red" role="alert" title={error.message_in(lang)}>
      {rest.length > 0 && (
        <List size="sm" spacing={2}>
          {rest.map((d) => (
            <List.Item key={`${d.path}:${d.message_en}`}>
              {d.path ? <strong>{d.path}: </strong> : null}
              {lang === 'th' ? d.message_th : d.message_en}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
