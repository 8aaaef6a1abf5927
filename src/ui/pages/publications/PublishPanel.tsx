import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicationKind } from '#shared/publications/contract.ts';
import { api, type PublicSiteBody } from '../../api.ts';
import { FormError } from '../../components/FormError.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { documentKeys } from '../documents/common.ts';
import { publicationKeys, versionsOfAddress } from './common.ts';
import { PublishedVersions } from './PublishedVersions.tsx';
import { SlugForm } from './SlugForm.tsx';

export type PublishPanelProps = {
  kind: PublicationKind;
  subjectId: string;
  organizationId: string;
  /** Secretariat or admin on the organisation: publish, withdraw, choose the address name. */
  canEdit: boolean;
  /** Whether the subject may be published now (a plan approved, a round closed); the server checks too. */
  publishable: boolean;
  /** Why not, shown next to the disabled button. */
  notPublishableReason?: string;
};

type PublishResultBody = Awaited<ReturnType<typeof api.publications.publish>>;

/**
 * Publishing a plan, an analysis or a round report on the public website: the organisation's address
 * name, "publish", and the versions at the subject's stable address with their links, the embed code
 * and the feed, and withdrawal.
 */
export function PublishPanel(props: PublishPanelProps) {
  const { t } = useTranslation();
  const { organizationId, canEdit } = props;
  const site = useQuery({
    queryKey: publicationKeys.site(organizationId),
    queryFn: () => api.publications.site(organizationId),
  });
  const titleId = `publications-${props.subjectId}-title`;
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <div>
          <Title order={3} size="h4" id={titleId}>
            {t('publications.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {canEdit ? t('publications.intro') : t('publications.introReadOnly')}
          </Text>
        </div>
        <QueryState query={site}>{(s) => <PanelBody {...props} site={s} />}</QueryState>
      </Stack>
    </Paper>
  );
}

function PanelBody({
  kind,
  subjectId,
  organizationId,
  canEdit,
  publishable,
  notPublishableReason,
  site,
}: PublishPanelProps & { site: PublicSiteBody }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [result, setResult] = useState<PublishResultBody | null>(null);
  const publish = useMutation({
    mutationFn: () => api.publications.publish({ kind, subjectId }),
    onSuccess: (done) => {
      setResult(done);
      void queryClient.invalidateQueries({ queryKey: publicationKeys.site(organizationId) });
      // Publishing renders the documents with the remembered options: a new document version may appear.
      void queryClient.invalidateQueries({ queryKey: documentKeys.versions(subjectId) });
    },
  });
  const versions = versionsOfAddress(site, kind, subjectId, result?.publication.latestUrl ?? null);
  const reasonId = `publications-${subjectId}-reason`;

  return (
    <Stack gap="sm">
      <SlugForm key={site.slug} site={site} canEdit={canEdit} />

      {canEdit && (
        <Stack gap={6}>
          <Group gap="xs" align="center" wrap="wrap">
            <Button
              onClick={() => {
                setResult(null);
                publish.mutate();
              }}
              loading={publish.isPending}
              disabled={!publishable}
              aria-describedby={!publishable && notPublishableReason ? reasonId : undefined}
            >
              {t('publications.publish')}
            </Button>
            {!publishable && notPublishableReason && (
              <Text size="sm" c="orange.9" id={reasonId}>
                {notPublishableReason}
              </Text>
            )}
          </Group>
          <FormError error={publish.error} />
          {result &&
            (result.created ? (
              <Alert
                color="green"
                role="status"
                title={t('publications.published', { n: result.publication.versionNo })}
              />
            ) : (
              <Alert color="blue" role="status" title={t('publications.unchanged')}>
                {t('publications.unchangedDetail', { n: result.publication.versionNo })}
              </Alert>
            ))}
        </Stack>
      )}

      {versions.length > 0 ? (
        <PublishedVersions
          versions={versions}
          slug={site.slug}
          organizationId={organizationId}
          canEdit={canEdit}
          onWithdrawn={() => setResult(null)}
        />
      ) : (
        <Text size="sm" c="dimmed">
          {t('publications.notYet')}
        </Text>
      )}
    </Stack>
  );
}
