import { Button, Collapse, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_KIND_LABELS, type DocumentKindName, type SubjectType } from '#shared/documents/contract.ts';
import { api } from '../../api.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { useLang } from '../../i18n/index.ts';
import { type DocumentSettingsBody, type DocumentVersionRow, documentKeys } from './common.ts';
import { EmblemSettings } from './EmblemSettings.tsx';
import { KindSection } from './KindSection.tsx';
import { ProfileSettings } from './ProfileSettings.tsx';

export type DocumentPanelProps = {
  subjectType: SubjectType;
  subjectId: string;
  organizationId: string;
  kinds: DocumentKindName[];
  /** Secretariat or admin on the organisation: generate, edit texts and settings; others only download. */
  canEdit: boolean;
};

/**
 * The official documents about an analysis, a plan or a round: per kind, its options, "generate", the
 * latest version with its files and PDF preview, and every version; the organisation's settings below.
 */
export function DocumentPanel(props: DocumentPanelProps) {
  const { t } = useTranslation();
  const { subjectId, organizationId, canEdit } = props;
  const versions = useQuery({
    queryKey: documentKeys.versions(subjectId),
    queryFn: () => api.documents.versions(subjectId),
  });
  const settings = useQuery({
    queryKey: documentKeys.settings(organizationId),
    queryFn: () => api.documents.settings(organizationId),
    enabled: canEdit,
  });
  const titleId = `documents-${subjectId}-title`;

  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <div>
          <Title order={3} size="h4" id={titleId}>
            {t('documents.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {canEdit ? t('documents.intro') : t('documents.introReadOnly')}
          </Text>
        </div>
        <QueryState query={versions}>
          {(list) =>
            canEdit ? (
              <QueryState query={settings}>
                {(s) => <Kinds {...props} versions={list} settings={s} />}
              </QueryState>
            ) : (
              <Kinds {...props} versions={list} settings={null} />
            )
          }
        </QueryState>
        {canEdit && settings.data && <SettingsSection settings={settings.data} />}
      </Stack>
    </Paper>
  );
}

function Kinds({
  subjectType,
  subjectId,
  kinds,
  canEdit,
  versions,
  settings,
}: DocumentPanelProps & { versions: DocumentVersionRow[]; settings: DocumentSettingsBody | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [tab, setTab] = useState<string | null>(kinds[0] ?? null);
  const section = (kind: DocumentKindName) => (
    <KindSection
      kind={kind}
      subject={{ subjectType, subjectId }}
      canEdit={canEdit}
      versions={versions.filter((v) => v.kind === kind)}
      settings={settings}
    />
  );
  if (kinds.length === 1) return section(kinds[0] as DocumentKindName);
  return (
    <Tabs value={tab} onChange={setTab} keepMounted>
      <Tabs.List aria-label={t('documents.kinds')}>
        {kinds.map((kind) => (
          <Tabs.Tab key={kind} value={kind}>
            {DOCUMENT_KIND_LABELS[kind][lang]}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      {kinds.map((kind) => (
        <Tabs.Panel key={kind} value={kind} pt="sm">
          {section(kind)}
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}

/** The organisation's details in documents, emblem and fonts, collapsed: set once, used by every document. */
function SettingsSection({ settings }: { settings: DocumentSettingsBody }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Paper withBorder p="xs" component="section" aria-labelledby="documents-settings-title">
      <Stack gap="xs">
        <Button
          id="documents-settings-title"
          variant="subtle"
          justify="space-between"
          fullWidth
          onClick={() => setOpen((o) => !o)}
          aria-expanded={open}
        >
          {t('documents.settings.title')}
        </Button>
        <Collapse expanded={open}>
          <Stack gap="lg">
            <ProfileSettings settings={settings} />
            <EmblemSettings settings={settings} />
          </Stack>
        </Collapse>
      </Stack>
    </Paper>
  );
}
