import { Badge, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Confidence } from '#shared/catalogue/edition.schema.ts';

const COLORS: Record<Confidence, string> = { high: 'green', medium: 'yellow', low: 'red' };

/** How far a catalogue fact can be trusted; low confidence stands out. */
export function ConfidenceBadge({ confidence, what }: { confidence: Confidence; what?: string }) {
  const { t } = useTranslation();
  const label = t(`catalogue.confidence.${confidence}`);
  return (
    <Tooltip label={t(`catalogue.confidence.${confidence}Explained`)} multiline w={260} withArrow>
      <Badge
        color={COLORS[confidence]}
        variant={confidence === 'low' ? 'filled' : 'light'}
        tt="none"
        aria-label={what ? `${what}: ${label}` : label}
      >
        {label}
      </Badge>
    </Tooltip>
  );
}

/** Marks a question whose Thai wording is not known (text_th null in the catalogue). */
export function MissingWordingBadge() {
  const { t } = useTranslation();
  return (
    <Tooltip label={t('catalogue.missingWordingExplained')} multiline w={260} withArrow>
      <Badge color="orange" variant="outline" tt="none">
        {t('catalogue.missingWording')}
      </Badge>
    </Tooltip>
  );
}
