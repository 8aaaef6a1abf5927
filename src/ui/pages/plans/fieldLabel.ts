import { useTranslation } from 'react-i18next';
import { type Translation, th } from '../../i18n/th.ts';

type FieldName = keyof Translation['plans']['fields'];
const isField = (field: string): field is FieldName => Object.hasOwn(th.plans.fields, field);

/** The name of a plan, issue or measure field as the editor labels it (unknown fields as they are). */
export function useFieldLabel() {
  const { t } = useTranslation();
  return (field: string, of: 'plan' | 'issue' | 'measure'): string => {
    if (field === 'title' && of !== 'plan')
      return t(of === 'issue' ? 'plans.fields.issueTitle' : 'plans.fields.measureTitle');
    if (field === 'codes' && of === 'issue') return t('plans.fields.issueCodes');
    return isField(field) ? t(`plans.fields.${field}`) : field;
  };
}
