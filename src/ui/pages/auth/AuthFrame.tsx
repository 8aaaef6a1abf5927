import { Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';

/** The frame of the pages shown before signing in: product name, language switch, one card. */
export function AuthFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Box mih="100vh" bg="gray.0">
      <Group justify="space-between" p="md">
        <Text fw={700}>Prongsai · โปร่งใส</Text>
        <LanguageSwitch />
      </Group>
      <Center px="md" pb="xl">
        <Paper
          withBorder
          shadow="sm"
          p={{ base: 'md', sm: 'xl' }}
          radius="md"
          w="100%"
          maw={440}
          component="main"
        >
          <Stack gap="xs" mb="lg">
            <Title order={1} size="h2">
              {title}
            </Title>
            <Text size="sm" c="dimmed">
              {t('app.tagline')}
            </Text>
          </Stack>
          {children}
        </Paper>
      </Center>
    </Box>
  );
}
