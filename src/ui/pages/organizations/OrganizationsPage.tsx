import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type OrganizationRow, queryKeys } from '../../api.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useLang } from '../../i18n/index.ts';
import { usePermissions } from '../../session.tsx';
import { MoveOrganizationModal } from './MoveOrganizationModal.tsx';
import { orgName } from './names.ts';
import { OrganizationFormModal } from './OrganizationFormModal.tsx';
import { OrganizationTable } from './OrganizationTable.tsx';
import { buildTree } from './tree.ts';

export type OrganizationAction =
  | { type: 'create'; parent: OrganizationRow | null }
  | { type: 'edit'; org: OrganizationRow }
  | { type: 'move'; org: OrganizationRow }
  | { type: 'deactivate'; org: OrganizationRow }
  | { type: 'reactivate'; org: OrganizationRow };

export function OrganizationsPage() {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: queryKeys.organizations, queryFn: api.organizations.list });
  return (
    <Stack>
      <Title order={2}>{t('organizations.title')}</Title>
      <Text c="dimmed" size="sm">
        {t('organizations.intro')}
      </Text>
      <QueryState query={query}>
        {(organizations) => <OrganizationsView organizations={organizations} />}
      </QueryState>
    </Stack>
  );
}

function OrganizationsView({ organizations }: { organizations: OrganizationRow[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const queryClient = useQueryClient();
  const permissions = usePermissions(organizations);
  const tree = useMemo(() => buildTree(organizations), [organizations]);
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set());
  const [action, setAction] = useState<OrganizationAction | null>(null);

  const setActive = useMutation({
    mutationFn: (input: { org: OrganizationRow; active: boolean }) =>
      input.active
        ? api.organizations.reactivate(input.org.id, input.org.version)
        : api.organizations.deactivate(input.org.id, input.org.version),
    onSuccess: (org, input) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.organizations });
      notifications.show({
        color: 'green',
        message: t(input.active ? 'organizations.reactivated' : 'organizations.deactivated', {
          name: orgName(org, lang),
        }),
      });
      setAction(null);
    },
  });

  const close = () => {
    setAction(null);
    setActive.reset();
  };

  const withChildren = organizations.filter((o) => tree.childrenOf.has(o.id)).map((o) => o.id);

  return (
    <>
      <Group justify="space-between">
        <Group gap="xs">
          <Button size="xs" variant="default" onClick={() => setCollapsed(new Set())}>
            {t('organizations.expandAll')}
          </Button>
          <Button size="xs" variant="default" onClick={() => setCollapsed(new Set(withChildren))}>
            {t('organizations.collapseAll')}
          </Button>
        </Group>
        {permissions.isDeploymentAdmin && (
          <Button size="sm" onClick={() => setAction({ type: 'create', parent: null })}>
            {t('organizations.createTop')}
          </Button>
        )}
      </Group>

      {organizations.length === 0 ? (
        <Text>{t('organizations.empty')}</Text>
      ) : (
        <OrganizationTable
          tree={tree}
          collapsed={collapsed}
          onToggle={(id) =>
            setCollapsed((current) => {
              const next = new Set(current);
              if (next.has(id)) next.delete(id);
              else next.add(id);
              return next;
            })
          }
          canAdmin={(org) => permissions.adminOn(org.id)}
          onAction={setAction}
        />
      )}

      {action && (action.type === 'create' || action.type === 'edit') && (
        <OrganizationFormModal action={action} onClose={close} />
      )}
      {action?.type === 'move' && (
        <MoveOrganizationModal org={action.org} tree={tree} permissions={permissions} onClose={close} />
      )}
      {action && (action.type === 'deactivate' || action.type === 'reactivate') && (
        <ConfirmDialog
          opened
          title={t(
            action.type === 'deactivate' ? 'organizations.deactivateTitle' : 'organizations.reactivateTitle',
          )}
          message={t(
            action.type === 'deactivate'
              ? 'organizations.deactivateConfirm'
              : 'organizations.reactivateConfirm',
            { name: orgName(action.org, lang) },
          )}
          confirmLabel={t(
            action.type === 'deactivate' ? 'organizations.deactivate' : 'organizations.reactivate',
          )}
          color={action.type === 'deactivate' ? 'red' : 'green'}
          loading={setActive.isPending}
          error={setActive.error}
          onConfirm={() => setActive.mutate({ org: action.org, active: action.type === 'reactivate' })}
          onClose={close}
        />
      )}
    </>
  );
}
