import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Menu,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoleAssignment } from '#shared/auth/contract.ts';
import { api, type OrganizationRow, queryKeys, type UserRow } from '../../api.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { Cross, Dots } from '../../components/icons.tsx';
import { pagedItems, ShowMore, usePagedList } from '../../components/PagedList.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useLang } from '../../i18n/index.ts';
import { followLink } from '../../router.tsx';
import { usePermissions, useSession } from '../../session.tsx';
import { CreateUserModal } from './CreateUserModal.tsx';
import { GrantRoleModal } from './GrantRoleModal.tsx';
import { ResetPasswordModal } from './ResetPasswordModal.tsx';
import { roleLabel } from './roleLabels.ts';

type UserAction =
  | { type: 'create' }
  | { type: 'grant'; user: UserRow }
  | { type: 'password'; user: UserRow }
  | { type: 'revoke'; user: UserRow; role: RoleAssignment }
  | { type: 'deactivate'; user: UserRow }
  | { type: 'reactivate'; user: UserRow };

export function UsersPage() {
  const { t } = useTranslation();
  // A page at a time (the server's keyset cursor): a deployment admin may see tens of thousands.
  const users = usePagedList({ queryKey: queryKeys.users, page: (cursor) => api.users.list(cursor) });
  const organizations = useQuery({ queryKey: queryKeys.organizations, queryFn: api.organizations.list });
  return (
    <Stack>
      <Title order={2}>{t('users.title')}</Title>
      <Text c="dimmed" size="sm">
        {t('users.intro')}
      </Text>
      <QueryState query={organizations}>
        {(orgs) => (
          <QueryState query={users}>
            {(data) => (
              <Stack>
                <UsersView users={pagedItems(data)} organizations={orgs} />
                <ShowMore query={users} label={t('usersPages.more')} />
              </Stack>
            )}
          </QueryState>
        )}
      </QueryState>
    </Stack>
  );
}

function UsersView({ users, organizations }: { users: UserRow[]; organizations: OrganizationRow[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const me = useSession();
  const permissions = usePermissions(organizations);
  const queryClient = useQueryClient();
  const [action, setAction] = useState<UserAction | null>(null);

  const done = (message: string) => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.users });
    notifications.show({ color: 'green', message });
    setAction(null);
  };
  const revoke = useMutation({
    mutationFn: (input: { user: UserRow; role: RoleAssignment }) =>
      api.users.revokeRole(input.user.id, input.role.id),
    onSuccess: (user) => done(t('users.revoked', { name: user.displayName })),
  });
  const setActive = useMutation({
    mutationFn: (input: { user: UserRow; active: boolean }) =>
      api.users.update(input.user.id, { version: input.user.version, active: input.active }),
    onSuccess: (user) =>
      done(t(user.active ? 'users.reactivated' : 'users.deactivated', { name: user.displayName })),
  });
  const close = () => {
    setAction(null);
    revoke.reset();
    setActive.reset();
  };

  const scope = (role: RoleAssignment) =>
    role.organizationId === null
      ? t('users.wholeDeployment')
      : (organizations.find((o) => o.id === role.organizationId)?.[lang === 'en' ? 'nameEn' : 'nameTh'] ??
        role.organizationNameTh ??
        '—');

  return (
    <>
      <Group justify="flex-end">
        {permissions.isDeploymentAdmin && (
          <Button
            component="a"
            href="/identity-providers"
            variant="default"
            onClick={(e) => followLink(e, '/identity-providers')}
          >
            {t('identity.usersLink')}
          </Button>
        )}
        <Button onClick={() => setAction({ type: 'create' })}>{t('users.create')}</Button>
      </Group>
      <Table.ScrollContainer minWidth={720}>
        <Table striped verticalSpacing="sm" aria-label={t('users.tableLabel')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('users.columns.user')}</Table.Th>
              <Table.Th>{t('users.columns.roles')}</Table.Th>
              <Table.Th>{t('users.columns.status')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.map((user) => (
              <Table.Tr key={user.id}>
                <Table.Td>
                  <Text fw={500}>{user.displayName}</Text>
                  <Text size="sm" c="dimmed">
                    {user.email}
                  </Text>
                  {(user.signInProviders ?? []).length > 0 && (
                    <Badge variant="outline" color="teal" tt="none" mt={4}>
                      {t('identity.signsInWith', { names: (user.signInProviders ?? []).join(', ') })}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Stack gap={4} align="flex-start">
                    {user.roles.map((role) => (
                      <Group key={role.id} gap={4} wrap="nowrap">
                        <Badge variant="light" color={role.role === 'admin' ? 'grape' : 'indigo'} tt="none">
                          {roleLabel(role.role, lang)}
                        </Badge>
                        <Text size="sm">{scope(role)}</Text>
                        {permissions.adminOn(role.organizationId) && (
                          <ActionIcon
                            size="sm"
                            variant="subtle"
                            color="red"
                            aria-label={t('users.revokeLabel', {
                              role: roleLabel(role.role, lang),
                              scope: scope(role),
                              name: user.displayName,
                            })}
                            onClick={() => setAction({ type: 'revoke', user, role })}
                          >
                            <Cross size={14} />
                          </ActionIcon>
                        )}
                      </Group>
                    ))}
                    {user.roles.length === 0 && (
                      <Text size="sm" c="dimmed">
                        {t('users.noRoles')}
                      </Text>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Badge color={user.active ? 'green' : 'gray'} variant="light">
                    {user.active ? t('users.active') : t('users.inactive')}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Menu position="bottom-end">
                    <Menu.Target>
                      <ActionIcon
                        variant="subtle"
                        aria-label={t('users.actionsFor', { name: user.displayName })}
                      >
                        <Dots />
                      </ActionIcon>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Item onClick={() => setAction({ type: 'grant', user })}>
                        {t('users.grant')}
                      </Menu.Item>
                      <Menu.Item onClick={() => setAction({ type: 'password', user })}>
                        {t('users.resetPassword')}
                      </Menu.Item>
                      {user.id !== me.user.id &&
                        (user.active ? (
                          <Menu.Item color="red" onClick={() => setAction({ type: 'deactivate', user })}>
                            {t('users.deactivate')}
                          </Menu.Item>
                        ) : (
                          <Menu.Item color="green" onClick={() => setAction({ type: 'reactivate', user })}>
                            {t('users.reactivate')}
                          </Menu.Item>
                        ))}
                    </Menu.Dropdown>
                  </Menu>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      {action?.type === 'create' && (
        <CreateUserModal organizations={organizations} permissions={permissions} onClose={close} />
      )}
      {action?.type === 'grant' && (
        <GrantRoleModal
          user={action.user}
          organizations={organizations}
          permissions={permissions}
          onClose={close}
        />
      )}
      {action?.type === 'password' && <ResetPasswordModal user={action.user} onClose={close} />}
      {action?.type === 'revoke' && (
        <ConfirmDialog
          opened
          title={t('users.revokeTitle')}
          message={t('users.revokeConfirm', {
            role: roleLabel(action.role.role, lang),
            scope: scope(action.role),
            name: action.user.displayName,
          })}
          confirmLabel={t('users.revoke')}
          loading={revoke.isPending}
          error={revoke.error}
          onConfirm={() => revoke.mutate({ user: action.user, role: action.role })}
          onClose={close}
        />
      )}
      {(action?.type === 'deactivate' || action?.type === 'reactivate') && (
        <ConfirmDialog
          opened
          title={t(action.type === 'deactivate' ? 'users.deactivateTitle' : 'users.reactivateTitle')}
          message={t(action.type === 'deactivate' ? 'users.deactivateConfirm' : 'users.reactivateConfirm', {
            name: action.user.displayName,
          })}
          confirmLabel={t(action.type === 'deactivate' ? 'users.deactivate' : 'users.reactivate')}
          color={action.type === 'deactivate' ? 'red' : 'green'}
          loading={setActive.isPending}
          error={setActive.error}
          onConfirm={() => setActive.mutate({ user: action.user, active: action.type === 'reactivate' })}
          onClose={close}
        />
      )}
    </>
  );
}
