import { Anchor, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { slugSchema } from '#shared/publications/contract.ts';
import { ApiRequestError, api, type PublicSiteBody } from '../../api.ts';
import { FormError } from '../../components/FormError.tsx';
import { useLang } from '../../i18n/index.ts';
import { absoluteUrl, publicationKeys } from './common.ts';

/**
 * The organisation's public address name (/p/<slug>): shown always; an editor may change it until the
 * organisation publishes anything (the server refuses afterwards, and a name another one has).
 */
export function SlugForm({ site, canEdit }: { site: PublicSiteBody; canEdit: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [slug, setSlug] = useState(site.slug);
  const locked = site.publications.length > 0;
  const save = useMutation({
    mutationFn: () => api.publications.setSlug(site.organizationId, slug.trim()),
    onSuccess: (next) => {
      queryClient.setQueryData(publicationKeys.site(site.organizationId), next);
      setEditing(false);
      notifications.show({ color: 'green', message: t('publications.slug.saved') });
    },
  });
  const valid = slugSchema.safeParse(slug).success;
  const serverError = (() => {
    const error = save.error;
    if (!(error instanceof ApiRequestError)) return undefined;
    const d = error.details.find((x) => x.path === 'slug');
    return d ? (lang === 'th' ? d.message_th : d.message_en) : undefined;
  })();
  const fieldId = `publications-slug-${site.organizationId}`;

  if (!editing) {
    return (
      <Stack gap={4}>
        <Group gap="xs" wrap="wrap" align="baseline">
          <Text size="sm" fw={600}>
            {t('publications.slug.label')}:
          </Text>
          <Text size="sm" ff="monospace" data-testid="public-slug">
            {site.slug}
          </Text>
          {!site.chosen && (
            <Text size="xs" c="dimmed">
              {t('publications.slug.fromCode')}
            </Text>
          )}
          {canEdit && !locked && (
            <Button
              size="compact-sm"
              variant="subtle"
              onClick={() => {
                setSlug(site.slug);
                save.reset();
                setEditing(true);
              }}
            >
              {t('publications.slug.edit')}
            </Button>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {t('publications.slug.index')}{' '}
          <Anchor href={site.indexUrl} target="_blank" rel="noopener noreferrer" size="xs">
            {absoluteUrl(site.indexUrl)}
          </Anchor>
        </Text>
        {canEdit && locked && (
          <Text size="xs" c="dimmed">
            {t('publications.slug.locked')}
          </Text>
        )}
      </Stack>
    );
  }

  return (
    <Stack
      gap="xs"
      component="form"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) save.mutate();
      }}
    >
      <TextInput
        id={fieldId}
        label={t('publications.slug.label')}
        description={t('publications.slug.help')}
        value={slug}
        onChange={(e) => setSlug(e.currentTarget.value.toLowerCase())}
        error={serverError ?? (slug !== '' && !valid ? t('publications.slug.invalid') : undefined)}
        maxLength={60}
        autoComplete="off"
        spellCheck={false}
        lang="en"
      />
      {valid && (
        <Text size="xs" c="dimmed">
          {t('publications.slug.preview', { url: absoluteUrl(`/p/${slug.trim()}`) })}
        </Text>
      )}
      <Group gap="xs">
        <Button type="submit" size="sm" loading={save.isPending} disabled={!valid}>
          {t('publications.slug.save')}
        </Button>
        <Button size="sm" variant="subtle" onClick={() => setEditing(false)}>
          {t('common.cancel')}
        </Button>
      </Group>
      <FormError error={save.error} fields={['slug']} />
    </Stack>
  );
}
