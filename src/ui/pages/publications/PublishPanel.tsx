import { Alert, Button, Code, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type PublicationKind, slugSchema } from '#shared/publications/contract.ts';
import { ApiRequestError, api, type PublicSiteBody } from '../../api.ts';
import { ActionError, ConfirmDialog, isStale } from '../../components/ConfirmDialog.tsx';
import { latestVersionAt, publicAddress } from '../../components/consequences.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { useLang } from '../../i18n/index.ts';
import { documentKeys } from '../documents/common.ts';
import { absoluteUrl, publicationKeys, versionsOfAddress } from './common.ts';
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
  /**
   * Where the subject is published (its fiscal year and the path after it, as publicationPathKey
   * makes it): the confirmation then shows the full address before the first publication.
   */
  address?: { fiscalYear: number; pathKey: string } | undefined;
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
  address,
  site,
}: PublishPanelProps & { site: PublicSiteBody }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [result, setResult] = useState<PublishResultBody | null>(null);
  const [confirming, setConfirming] = useState(false);
  /** The address name chosen in the confirmation (only before anything is published). */
  const [slug, setSlug] = useState(site.slug);
  const locked = site.publications.length > 0;
  const known = versionsOfAddress(site, kind, subjectId, result?.publication.latestUrl ?? null);
  const latestUrl = address
    ? `/p/${site.slug}/${address.fiscalYear}/${address.pathKey}`
    : (known[0]?.latestUrl ?? null);
  const expectedVersionNo = latestUrl ? latestVersionAt(site.publications, latestUrl) : 0;
  const publish = useMutation({
    mutationFn: () =>
      api.publications.publish({
        kind,
        subjectId,
        expectedVersionNo,
        ...(!locked && slug.trim() !== site.slug ? { slug: slug.trim() } : {}),
      }),
    onSuccess: (done) => {
      setConfirming(false);
      setResult(done);
      void queryClient.invalidateQueries({ queryKey: publicationKeys.site(organizationId) });
      // Publishing renders the documents with the remembered options: a new document version may appear.
      void queryClient.invalidateQueries({ queryKey: documentKeys.versions(subjectId) });
    },
  });
  const versions = known;
  const reasonId = `publications-${subjectId}-reason`;
  const reload = () => {
    publish.reset();
    setConfirming(false);
    void queryClient.invalidateQueries({ queryKey: publicationKeys.site(organizationId) });
  };
  const slugValid = locked || slugSchema.safeParse(slug).success;

  return (
    <Stack gap="sm">
      <SlugForm key={site.slug} site={site} canEdit={canEdit} />

      {canEdit && (
        <Stack gap={6}>
          <Group gap="xs" align="center" wrap="wrap">
            <Button
              onClick={() => {
                setResult(null);
                publish.reset();
                setSlug(site.slug);
                setConfirming(true);
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
          {(!confirming || isStale(publish.error)) && <ActionError error={publish.error} onReload={reload} />}
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

      <ConfirmDialog
        opened={confirming && !isStale(publish.error)}
        title={t('confirm.publish.title')}
        message={t(`confirm.publish.what.${kind}`)}
        confirmLabel={t('confirm.publish.confirm')}
        color="blue"
        loading={publish.isPending}
        confirmDisabled={!slugValid}
        error={publish.error}
        onConfirm={() => publish.mutate()}
        onClose={() => setConfirming(false)}
        onReload={reload}
      >
        <PublicAddress
          site={site}
          locked={locked}
          slug={slug}
          onSlug={setSlug}
          address={address}
          latestUrl={latestUrl}
          nextVersion={expectedVersionNo + 1}
          error={publish.error}
        />
      </ConfirmDialog>

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

/**
 * The address the publication goes to, in full. Before anything is published its name can still be
 * chosen here (it cannot change afterwards); after, the address is shown with the version it adds.
 */
function PublicAddress({
  site,
  locked,
  slug,
  onSlug,
  address,
  latestUrl,
  nextVersion,
  error,
}: {
  site: PublicSiteBody;
  locked: boolean;
  slug: string;
  onSlug: (slug: string) => void;
  address: PublishPanelProps['address'];
  latestUrl: string | null;
  nextVersion: number;
  error: unknown;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const origin = window.location.origin;
  const name = locked ? site.slug : slug.trim();
  const full = address
    ? publicAddress(origin, name || '…', address.fiscalYear, address.pathKey)
    : latestUrl
      ? absoluteUrl(latestUrl)
      : `${origin}/p/${name || '…'}/…`;
  const valid = slugSchema.safeParse(slug).success;
  const serverError =
    error instanceof ApiRequestError
      ? error.details.find((d) => d.path === 'slug')?.[lang === 'th' ? 'message_th' : 'message_en']
      : undefined;
  return (
    <Stack gap="xs">
      <Text size="sm" fw={600}>
        {t('confirm.publish.address')}
      </Text>
      <Code block data-testid="confirm-address" lang="en">
        {full}
      </Code>
      {locked ? (
        <Text size="sm">{t('confirm.publish.addressKept', { n: nextVersion })}</Text>
      ) : (
        <>
          <TextInput
            label={t('confirm.publish.slugLabel')}
            description={t('confirm.publish.slugHelp')}
            value={slug}
            onChange={(e) => onSlug(e.currentTarget.value.toLowerCase())}
            error={serverError ?? (slug !== '' && !valid ? t('publications.slug.invalid') : undefined)}
            maxLength={60}
            autoComplete="off"
            spellCheck={false}
            lang="en"
            data-autofocus
          />
          <Alert color="orange" p="xs">
            {t('confirm.publish.addressFirst')}
          </Alert>
        </>
      )}
    </Stack>
  );
}
