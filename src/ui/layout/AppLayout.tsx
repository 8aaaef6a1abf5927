import {
  Anchor,
  AppShell,
  Badge,
  Box,
  Burger,
  Button,
  Group,
  NavLink,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api, queryKeys } from '../api.ts';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { useHome } from '../pages/home/useHome.ts';
import { followLink, navigate, usePathname } from '../router.tsx';
import { usePermissions, useSession } from '../session.tsx';

/** Roles that see the national overview (the server's `nationalPolicy`); a unit reporter does not. */
const NATIONAL_ROLES: readonly string[] = ['admin', 'secretariat', 'executive', 'viewer'];

/** `count`: what waits there for the person (from GET /api/home), shown beside the entry. */
type NavItem = { to: string; label: string; visible: boolean; count?: number | undefined };

/** Header (product, user, language, sign-out) and navigation; a burger menu on small screens. */
export function AppLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const permissions = usePermissions();
  const pathname = usePathname();
  const [opened, { toggle, close }] = useDisclosure(false);
  const queryClient = useQueryClient();
  const signOut = useMutation({
    mutationFn: api.auth.signOut,
    onSettled: () => {
      navigate('/sign-in', { replace: true });
      queryClient.clear();
      queryClient.setQueryData(queryKeys.setup, { needsFirstAdmin: false });
      queryClient.setQueryData(queryKeys.me, null);
    },
  });

  const home = useHome();
  // Anything changed anywhere may change what waits: the counts follow every successful change.
  useEffect(
    () =>
      queryClient.getMutationCache().subscribe((event) => {
        if (event.type === 'updated' && event.action.type === 'success') {
          void queryClient.invalidateQueries({ queryKey: queryKeys.home });
        }
      }),
    [queryClient],
  );
  const menu = home.data?.menu;

  const items: NavItem[] = [
    { to: '/', label: t('home.title'), visible: true, count: home.data?.total },
    { to: '/organizations', label: t('nav.organizations'), visible: true },
    { to: '/users', label: t('nav.users'), visible: permissions.isAdmin },
    { to: '/results', label: t('nav.results'), visible: true },
    { to: '/plans', label: t('nav.plans'), visible: true, count: menu?.plans },
    { to: '/tasks', label: t('nav.tasks'), visible: true, count: menu?.tasks },
    { to: '/oit', label: t('nav.oit'), visible: true, count: menu?.oit },
    {
      to: '/national',
      label: t('national.nav'),
      visible: user.roles.some((r) => NATIONAL_ROLES.includes(r.role)),
    },
    { to: '/catalogue', label: t('nav.catalogue'), visible: true },
    { to: '/audit', label: t('nav.audit'), visible: permissions.isAdmin },
    {
      to: '/line',
      label: t('line.nav'),
      visible: user.roles.some((r) => r.role === 'secretariat' || r.role === 'admin'),
    },
  ];

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'sm', sm: 'md' }}
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? t('nav.closeMenu') : t('nav.openMenu')}
            />
            <Title order={1} size="h4" style={{ whiteSpace: 'nowrap' }}>
              Prongsai · โปร่งใส
            </Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Anchor
              href="/account"
              onClick={(event) => followLink(event, '/account')}
              size="sm"
              visibleFrom="md"
              truncate
              maw={260}
              title={`${t('header.signedInAs')} · ${t('line.accountNav')}`}
            >
              {user.displayName}
            </Anchor>
            <LanguageSwitch />
            <Button
              size="compact-sm"
              variant="subtle"
              visibleFrom="sm"
              onClick={() => signOut.mutate()}
              loading={signOut.isPending}
            >
              {t('header.signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label={t('nav.label')} component="nav">
        <AppShell.Section grow>
          {items
            .filter((item) => item.visible)
            .map((item) => {
              const active =
                item.to === '/'
                  ? pathname === '/'
                  : pathname === item.to || pathname.startsWith(`${item.to}/`);
              return (
                <NavLink
                  key={item.to}
                  component="a"
                  href={item.to}
                  label={item.label}
                  rightSection={
                    item.count ? (
                      <Badge size="sm" variant="filled" color="red.9" circle={item.count < 10}>
                        {item.count}
                        <VisuallyHidden> {t('home.menuCount', { count: item.count })}</VisuallyHidden>
                      </Badge>
                    ) : undefined
                  }
                  active={active}
                  aria-current={active ? 'page' : undefined}
                  onClick={(event) => {
                    followLink(event, item.to);
                    close();
                  }}
                />
              );
            })}
        </AppShell.Section>
        <AppShell.Section hiddenFrom="sm">
          <Box py="sm">
            <Text size="sm" c="dimmed">
              {t('header.signedInAs')}
            </Text>
            <Anchor
              href="/account"
              size="sm"
              onClick={(event) => {
                followLink(event, '/account');
                close();
              }}
            >
              {user.displayName} · {t('line.accountNav')}
            </Anchor>
          </Box>
          <Button fullWidth variant="light" onClick={() => signOut.mutate()} loading={signOut.isPending}>
            {t('header.signOut')}
          </Button>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}
