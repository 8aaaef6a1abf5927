import { Alert, Button, Collapse, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_KIND_LABELS, type DocumentKindName, type SubjectType } from '#shared/documents/contract.ts';
import { api } from '../../api.ts';
import { FormError } from '../../components/FormError.tsx';
import { useLang } from '../../i18n/index.ts';
import { useLeaveGuard } from '../../router.tsx';
import {
  DEFAULT_OPTIONS,
  type DocumentSettingsBody,
  type DocumentVersionRow,
  documentKeys,
  FORMAT_LABELS,
  type GenerateResultBody,
  textKindOf,
} from './common.ts';
import { DraftEditor } from './DraftEditor.tsx';
import { draftOfOptions, OptionsForm, optionsOfDraft, tooManyPositions } from './OptionsForm.tsx';
import { LatestVersion, VersionTable } from './VersionViews.tsx';

type Subject = { subjectType: SubjectType; subjectId: string };

/** One kind of document about the subject: its text (memo, circular), options, generation and versions. */
export function KindSection({
  kind,
  subject,
  canEdit,
  versions,
  settings,
}: {
  kind: DocumentKindName;
  subject: Subject;
  canEdit: boolean;
  /** This kind's versions, newest first. */
  versions: DocumentVersionRow[];
  /** The organisation's settings; null for read-only users (not needed). */
  settings: DocumentSettingsBody | null;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const label = DOCUMENT_KIND_LABELS[kind][lang];
  const headingId = `documents-${kind}-title`;
  const [textOpen, setTextOpen] = useState(false);
  const [textDirty, setTextDirty] = useState(false);
  // Kept here, outside the form that is made anew when the signer changes: generating with a new signer
  // changes the organisation's signer, and the confirmation must outlive that.
  const [result, setResult] = useState<GenerateResultBody | null>(null);
  const textKind = textKindOf(kind);
  return (
    <Stack component="section" aria-labelledby={headingId} gap="sm">
      <Title order={4} size="h5" id={headingId}>
        {label}
      </Title>
      {canEdit && textKind && (
        <Paper withBorder p="xs">
          <Button
            size="compact-sm"
            variant="light"
            onClick={() => setTextOpen((o) => !o)}
            aria-expanded={textOpen}
          >
            {textOpen ? t('documents.text.hide') : t('documents.text.edit')}
          </Button>
          <Collapse expanded={textOpen}>
            <Stack gap="xs" pt="xs" role="group" aria-label={t('documents.text.title', { kind: label })}>
              <DraftEditor kind={textKind} {...subject} onDirtyChange={setTextDirty} />
            </Stack>
          </Collapse>
        </Paper>
      )}
      {canEdit && settings && (
        // The signer is the organisation's: typed for one kind, every other kind's form starts from it.
        <GenerateForm
          key={JSON.stringify(settings.profile.signer)}
          kind={kind}
          subject={subject}
          settings={settings}
          blocked={textDirty}
          result={result}
          onResult={setResult}
        />
      )}
      <LatestVersion version={versions[0]} />
      <VersionTable versions={versions} kindLabel={label} />
    </Stack>
  );
}

function GenerateForm({
  kind,
  subject,
  settings,
  blocked,
  result,
  onResult: setResult,
}: {
  kind: DocumentKindName;
  subject: Subject;
  settings: DocumentSettingsBody;
  /** The last generation's outcome, shown until the options change or the next generation. */
  result: GenerateResultBody | null;
  onResult: (result: GenerateResultBody | null) => void;
  /** The memo or circular text has unsaved changes: the document would not contain them. */
  blocked: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(() => draftOfOptions(settings.options[kind] ?? DEFAULT_OPTIONS));
  const [dateReadable, setDateReadable] = useState(true);
  // Options are remembered for the organisation when a document is made: until then, leaving asks.
  const remembered = optionsOfDraft(draftOfOptions(settings.options[kind] ?? DEFAULT_OPTIONS));
  useLeaveGuard(JSON.stringify(optionsOfDraft(draft)) !== JSON.stringify(remembered), t('drafts.leave'));
  const generate = useMutation({
    mutationFn: () => api.documents.generate({ kind, ...subject, options: optionsOfDraft(draft) }),
    onSuccess: (done) => {
      setResult(done);
      void queryClient.invalidateQueries({ queryKey: documentKeys.versions(subject.subjectId) });
      void queryClient.invalidateQueries({ queryKey: documentKeys.settings(settings.organizationId) });
    },
  });
  const version = result?.document.versionNo ?? 0;
  return (
    <Stack gap="xs">
      <OptionsForm
        kind={kind}
        idPrefix={`documents-${kind}`}
        value={draft}
        onChange={(next) => {
          setDraft(next);
          setResult(null);
        }}
        settings={settings}
        onDateValidityChange={setDateReadable}
      />
      <Group gap="xs" align="center">
        <Button
          onClick={() => {
            setResult(null);
            generate.mutate();
          }}
          loading={generate.isPending}
          disabled={blocked || tooManyPositions(draft) || !dateReadable}
        >
          {t('documents.generate')}
        </Button>
        {blocked && (
          <Text size="sm" c="orange.9">
            {t('documents.saveTextFirst')}
          </Text>
        )}
      </Group>
      <FormError error={generate.error} />
      {result &&
        (result.created ? (
          <Alert
            color="green"
            role="status"
            title={t('documents.created', { kind: DOCUMENT_KIND_LABELS[kind][lang], n: version })}
          />
        ) : (
          <Alert color="blue" role="status" title={t('documents.unchanged')}>
            {t('documents.unchangedDetail', { n: version })}
          </Alert>
        ))}
      {result && result.missing.length > 0 && (
        <Alert color="yellow" role="alert" title={t('documents.missingTitle')}>
          <List size="sm" spacing={2}>
            {result.missing.map((m) => (
              <List.Item key={m.format}>
                <strong>{FORMAT_LABELS[m.format]}:</strong> {lang === 'th' ? m.message_th : m.message_en}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Stack>
  );
}
