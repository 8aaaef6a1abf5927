import {
  ActionIcon,
  Badge,
  Box,
  Group,
  Menu,
  Table,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ORGANIZATION_KIND_LABELS } from '#shared/organizations/contract.ts';
import type { OrganizationRow } from '../../api.ts';
import { ChevronDown, ChevronRight, Dots } from '../../components/icons.tsx';
import { useLang } from '../../i18n/index.ts';
import { orgName, orgShortName } from './names.ts';
import type { OrganizationAction } from './OrganizationsPage.tsx';
import { type OrganizationTree, visibleRows } from './tree.ts';

/** The organisation tree as an indented table; each node with children can be folded. */
export function OrganizationTable({
  tree,
  collapsed,
  onToggle,
  canAdmin,
  onAction,
}: {
  tree: OrganizationTree;
  collapsed: ReadonlySet<string>;
  onToggle: (id: string) => void;
  canAdmin: (org: OrganizationRow) => boolean;
  onAction: (action: OrganizationAction) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const rows = visibleRows(tree, collapsed);
  const anyActions = rows.some((r) => canAdmin(r.org));

  return (
    <Table.ScrollContainer minWidth={340}>
      <Table striped highlightOnHover verticalSpacing="xs" aria-label={t('organizations.treeLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('organizations.columns.name')}</Table.Th>
            <Table.Th visibleFrom="sm">{t('organizations.columns.shortName')}</Table.Th>
            <Table.Th visibleFrom="sm">{t('organizations.columns.code')}</Table.Th>
            <Table.Th visibleFrom="sm">{t('organizations.columns.kind')}</Table.Th>
            <Table.Th>{t('organizations.columns.status')}</Table.Th>
            {anyActions && (
              <Table.Th>
                <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(({ org, level, hasChildren, expanded }) => {
            const name = orgName(org, lang);
            const other = lang === 'en' ? org.nameTh : org.nameEn;
            return (
              <Table.Tr key={org.id}>
                <Table.Td>
                  <Group gap={6} wrap="nowrap" pl={level * 20}>
                    {hasChildren ? (
                      <UnstyledButton
                        onClick={() => onToggle(org.id)}
                        aria-expanded={expanded}
                        aria-label={t(expanded ? 'organizations.collapse' : 'organizations.expand', { name })}
                        w={22}
                        h={22}
                        style={{
                          flexShrink: 0,
                          display: 'flex',
                          alignItems: 'center',
                          justifyContent: 'center',
                        }}
                      >
                        {expanded ? <ChevronDown /> : <ChevronRight />}
                      </UnstyledButton>
                    ) : (
                      <Box w={22} style={{ flexShrink: 0 }} aria-hidden />
                    )}
                    <div>
                      <Text fw={level === 0 ? 700 : 500} c={org.active ? undefined : 'dimmed'}>
                        {name}
                      </Text>
                      {other && other !== name && (
                        <Text size="xs" c="dimmed">
                          {other}
                        </Text>
                      )}
                      <Text size="xs" c="dimmed" hiddenFrom="sm">
                        {[org.code, orgShortName(org, lang), ORGANIZATION_KIND_LABELS[org.kind][lang]]
                          .filter(Boolean)
                          .join(' · ')}
                      </Text>
                    </div>
                  </Group>
                </Table.Td>
                <Table.Td visibleFrom="sm">{orgShortName(org, lang) ?? '—'}</Table.Td>
                <Table.Td visibleFrom="sm">
                  <Text ff="monospace" size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {org.code}
                  </Text>
                </Table.Td>
                <Table.Td visibleFrom="sm">{ORGANIZATION_KIND_LABELS[org.kind][lang]}</Table.Td>
                <Table.Td>
                  <Badge color={org.active ? 'green' : 'gray'} variant="light">
                    {org.active ? t('organizations.active') : t('organizations.inactive')}
                  </Badge>
                </Table.Td>
                {anyActions && (
                  <Table.Td>
                    {canAdmin(org) && (
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <ActionIcon variant="subtle" aria-label={t('organizations.actionsFor', { name })}>
                            <Dots />
                          </ActionIcon>
                        </Menu.Target>
                        <Menu.Dropdown>
                          {org.active && (
                            <Menu.Item onClick={() => onAction({ type: 'create', parent: org })}>
                              {t('organizations.createChild')}
                            </Menu.Item>
                          )}
                          <Menu.Item onClick={() => onAction({ type: 'edit', org })}>
                            {t('organizations.edit')}
                          </Menu.Item>
                          <Menu.Item onClick={() => onAction({ type: 'move', org })}>
                            {t('organizations.move')}
                          </Menu.Item>
                          {org.active ? (
                            <Menu.Item color="red" onClick={() => onAction({ type: 'deactivate', org })}>
                              {t('organizations.deactivate')}
                            </Menu.Item>
                          ) : (
                            <Menu.Item color="green" onClick={() => onAction({ type: 'reactivate', org })}>
                              {t('organizations.reactivate')}
                            </Menu.Item>
                          )}
                        </Menu.Dropdown>
                      </Menu>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
