import {
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  MultiSelect,
  PasswordInput,
  Radio,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError, api, type IdentityProviderRow, type OrganizationRow } from '../../api.ts';
import { FormError } from '../../components/FormError.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useLang } from '../../i18n/index.ts';
import { useSession } from '../../session.tsx';
import { orgName } from '../organizations/names.ts';
import { buildTree, visibleRows } from '../organizations/tree.ts';

const providersKey = ['identity', 'providers'] as const;
const FIELDS = [
  'name',
  'kind',
  'issuer',
  'clientId',
  'clientSecret',
  'scopes',
  'firstSignIn',
  'organizationIds',
];

/** Identity providers people may sign in with (decision 025): deployment-wide administrators only. */
export function IdentityProvidersPage() {
  const { t } = useTranslation();
  const me = useSession();
  const isDeploymentAdmin = me.user.roles.some((r) => r.role === 'admin' && r.organizationId === null);
  const providers = useQuery({
    queryKey: providersKey,
    queryFn: api.identity.providers,
    enabled: isDeploymentAdmin,
  });
  const organizations = useQuery({ queryKey: ['organizations'], queryFn: api.organizations.list });
  return (
    <Stack>
      <Title order={2}>{t('identity.title')}</Title>
      <Text c="dimmed" size="sm">
        {t('identity.intro')}
      </Text>
      {isDeploymentAdmin ? (
        <QueryState query={organizations}>
          {(orgs) => (
            <QueryState query={providers}>
              {(data) => <ProvidersView data={data} organizations={orgs} />}
            </QueryState>
          )}
        </QueryState>
      ) : (
        <Text>{t('identity.onlyDeploymentAdmin')}</Text>
      )}
    </Stack>
  );
}

type ProvidersBody = Awaited<ReturnType<typeof api.identity.providers>>;

function ProvidersView({ data, organizations }: { data: ProvidersBody; organizations: OrganizationRow[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<IdentityProviderRow | 'new' | null>(null);
  const toggle = useMutation({
    mutationFn: (p: IdentityProviderRow) =>
      api.identity.updateProvider(p.id, { version: p.version, enabled: !p.enabled }),
    onSuccess: (p) => {
      void queryClient.invalidateQueries({ queryKey: providersKey });
      notifications.show({ color: 'green', message: t('identity.saved', { name: p.name }) });
    },
    onError: (error) =>
      notifications.show({
        color: 'red',
        message: error instanceof ApiRequestError ? error.message : String(error),
      }),
  });
  return (
    <Stack>
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t('identity.redirectUri')}
        </Text>
        <Group gap="xs" wrap="nowrap">
          <Code data-testid="redirect-uri" style={{ wordBreak: 'break-all' }}>
            {data.redirectUri}
          </Code>
          <CopyButton value={data.redirectUri}>
            {({ copied, copy }) => (
              <Button size="compact-xs" variant="subtle" onClick={copy}>
                {copied ? t('identity.copied') : t('identity.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
      <Group justify="flex-end">
        <Button onClick={() => setEditing('new')}>{t('identity.add')}</Button>
      </Group>
      {data.items.length === 0 ? (
        <Text c="dimmed">{t('identity.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped verticalSpacing="sm" aria-label={t('identity.tableLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('identity.columns.name')}</Table.Th>
                <Table.Th>{t('identity.columns.policy')}</Table.Th>
                <Table.Th>{t('identity.columns.organizations')}</Table.Th>
                <Table.Th>{t('identity.columns.accounts')}</Table.Th>
                <Table.Th>{t('identity.columns.status')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Text fw={500}>{p.name}</Text>
                    <Text size="xs" c="dimmed">
                      {t(`identity.kinds.${p.kind}`)}
                    </Text>
                    <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                      {p.issuer}
                    </Text>
                  </Table.Td>
                  <Table.Td>{t(`identity.policiesShort.${p.firstSignIn}`)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{p.organizations.map((o) => o.nameTh).join(', ')}</Text>
                  </Table.Td>
                  <Table.Td>{p.accounts}</Table.Td>
                  <Table.Td>
                    <Badge color={p.enabled ? 'green' : 'gray'} variant="light">
                      {p.enabled ? t('identity.enabled') : t('identity.disabled')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap" justify="flex-end">
                      <Button size="compact-sm" variant="default" onClick={() => setEditing(p)}>
                        {t('identity.edit')}
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color={p.enabled ? 'red' : 'green'}
                        loading={toggle.isPending && toggle.variables?.id === p.id}
                        onClick={() => toggle.mutate(p)}
                      >
                        {p.enabled ? t('identity.disable') : t('identity.enable')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing !== null && (
        <ProviderModal
          provider={editing === 'new' ? null : editing}
          organizations={organizations}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}

function ProviderModal({
  provider,
  organizations,
  onClose,
}: {
  provider: IdentityProviderRow | null;
  organizations: OrganizationRow[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const queryClient = useQueryClient();
  const [name, setName] = useState(provider?.name ?? '');
  const [kind, setKind] = useState<'thaid' | 'oidc'>(provider?.kind ?? 'oidc');
  const [issuer, setIssuer] = useState(provider?.issuer ?? '');
  const [clientId, setClientId] = useState(provider?.clientId ?? '');
  const [clientSecret, setClientSecret] = useState('');
  const [scopes, setScopes] = useState(provider?.scopes ?? '');
  const [firstSignIn, setFirstSignIn] = useState<'create' | 'match_email'>(
    provider?.firstSignIn ?? 'match_email',
  );
  const [organizationIds, setOrganizationIds] = useState<string[]>(
    provider?.organizations.map((o) => o.id) ?? [],
  );
  const [enabled, setEnabled] = useState(provider?.enabled ?? true);
  const orgOptions = visibleRows(buildTree(organizations), new Set())
    .filter(({ org }) => org.active)
    .map(({ org, level }) => ({ value: org.id, label: `${'\u2003'.repeat(level)}${orgName(org, lang)}` }));

  const save = useMutation({
    mutationFn: () =>
      provider
        ? api.identity.updateProvider(provider.id, {
            version: provider.version,
            name,
            issuer,
            clientId,
            ...(clientSecret ? { clientSecret } : {}),
            ...(scopes.trim() ? { scopes: scopes.trim() } : {}),
            firstSignIn,
            organizationIds,
            enabled,
          })
        : api.identity.createProvider({
            name,
            kind,
            issuer,
            clientId,
            ...(clientSecret ? { clientSecret } : {}),
            ...(scopes.trim() ? { scopes: scopes.trim() } : {}),
            firstSignIn,
            organizationIds,
            enabled,
          }),
    onSuccess: (p) => {
      void queryClient.invalidateQueries({ queryKey: providersKey });
      void queryClient.invalidateQueries({ queryKey: ['auth', 'oidc-providers'] });
      notifications.show({
        color: 'green',
        message: t(provider ? 'identity.saved' : 'identity.created', { name: p.name }),
      });
      onClose();
    },
  });
  const fieldError = (field: string) => {
    const error = save.error;
    if (!(error instanceof ApiRequestError)) return undefined;
    const found = error.details.find((d) => d.path === field || d.path.startsWith(`${field}.`));
    return found ? (lang === 'th' ? found.message_th : found.message_en) : undefined;
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={provider ? t('identity.editTitle', { name: provider.name }) : t('identity.addTitle')}
      size="lg"
      centered
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
        noValidate
      >
        <Stack>
          <FormError error={save.error} fields={FIELDS} />
          <TextInput
            label={t('identity.fields.name')}
            description={t('identity.fields.nameHelp')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError('name')}
          />
          <Select
            label={t('identity.fields.kind')}
            description={t('identity.fields.kindHelp')}
            data={[
              { value: 'oidc', label: t('identity.kinds.oidc') },
              { value: 'thaid', label: t('identity.kinds.thaid') },
            ]}
            value={kind}
            disabled={provider !== null}
            allowDeselect={false}
            onChange={(value) => setKind(value === 'thaid' ? 'thaid' : 'oidc')}
          />
          <TextInput
            label={t('identity.fields.issuer')}
            description={t('identity.fields.issuerHelp')}
            required
            placeholder="https://login.example.go.th/realms/agency"
            value={issuer}
            onChange={(e) => setIssuer(e.currentTarget.value)}
            error={fieldError('issuer')}
          />
          <TextInput
            label={t('identity.fields.clientId')}
            required
            autoComplete="off"
            value={clientId}
            onChange={(e) => setClientId(e.currentTarget.value)}
            error={fieldError('clientId')}
          />
          <PasswordInput
            label={t('identity.fields.clientSecret')}
            description={
              provider?.hasClientSecret
                ? t('identity.fields.clientSecretKeep')
                : t('identity.fields.clientSecretHelp')
            }
            autoComplete="new-password"
            value={clientSecret}
            onChange={(e) => setClientSecret(e.currentTarget.value)}
            error={fieldError('clientSecret')}
          />
          <TextInput
            label={t('identity.fields.scopes')}
            description={t('identity.fields.scopesHelp')}
            value={scopes}
            onChange={(e) => setScopes(e.currentTarget.value)}
            error={fieldError('scopes')}
          />
          <Radio.Group
            label={t('identity.fields.firstSignIn')}
            value={firstSignIn}
            onChange={(value) => setFirstSignIn(value === 'create' ? 'create' : 'match_email')}
          >
            <Stack gap="xs" mt="xs">
              <Radio value="match_email" label={t('identity.policies.match_email')} />
              <Radio value="create" label={t('identity.policies.create')} />
            </Stack>
          </Radio.Group>
          <MultiSelect
            label={t('identity.fields.organizations')}
            description={t('identity.fields.organizationsHelp')}
            required
            searchable
            data={orgOptions}
            value={organizationIds}
            onChange={setOrganizationIds}
            error={fieldError('organizationIds')}
          />
          <Switch
            label={t('identity.fields.enabled')}
            checked={enabled}
            onChange={(e) => setEnabled(e.currentTarget.checked)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('identity.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
