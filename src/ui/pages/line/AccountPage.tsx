import { Alert, Anchor, Badge, Button, Card, Group, List, Radio, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type MyLineBody } from '../../api.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { FormError } from '../../components/FormError.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useFormat } from '../../format.ts';
import { useSession } from '../../session.tsx';

export const MY_LINE_KEY = ['line', 'me'] as const;

type Issued = { code: string; expiresAt: string; basicId: string | null; addFriendUrl: string | null };
type Account = MyLineBody['accounts'][number];
type Unit = MyLineBody['groups'][number];

/** "123456" → "123 456": easier to read out and to type. */
export const spacedCode = (code: string) => `${code.slice(0, 3)} ${code.slice(3)}`;

/** บัญชีของฉัน: the person's LINE links (one per agency account), their units' groups, and the reminder channel. */
export function AccountPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  // While a code waits to be sent in chat the page asks every 3 s whether LINE has linked it.
  const [waiting, setWaiting] = useState(false);
  const query = useQuery({
    queryKey: MY_LINE_KEY,
    queryFn: api.line.me,
    refetchInterval: waiting ? 3000 : false,
  });

  return (
    <Stack maw={820}>
      <Title order={2}>{t('line.account.title')}</Title>
      <Card withBorder>
        <Text fw={600}>{user.displayName}</Text>
        <Text size="sm" c="dimmed">
          {t('line.account.email')}: {user.email}
        </Text>
      </Card>
      <QueryState query={query}>{(data) => <LineSection data={data} onWaiting={setWaiting} />}</QueryState>
    </Stack>
  );
}

function LineSection({ data, onWaiting }: { data: MyLineBody; onWaiting: (waiting: boolean) => void }) {
  const { t } = useTranslation();
  const [issued, setIssued] = useState<Record<string, Issued>>({});
  const [issuedGroups, setIssuedGroups] = useState<Record<string, Issued>>({});
  const linked = data.accounts.some((a) => a.link?.status === 'linked');

  // A code shown and not yet linked: poll. Once the account shows linked, the code is done.
  useEffect(() => {
    const open = Object.keys(issued).filter(
      (channelId) => data.accounts.find((a) => a.channelId === channelId)?.link?.status !== 'linked',
    );
    const openGroups = Object.keys(issuedGroups).filter(
      (unitId) => data.groups.find((g) => g.unitId === unitId)?.link?.status !== 'linked',
    );
    for (const channelId of Object.keys(issued)) {
      if (!open.includes(channelId)) {
        notifications.show({ color: 'green', message: t('line.account.linkedNow') });
        setIssued(({ [channelId]: _, ...rest }) => rest);
      }
    }
    for (const unitId of Object.keys(issuedGroups)) {
      if (!openGroups.includes(unitId)) setIssuedGroups(({ [unitId]: _, ...rest }) => rest);
    }
    onWaiting(open.length + openGroups.length > 0);
  }, [data, issued, issuedGroups, onWaiting, t]);

  return (
    <Stack>
      <Title order={3}>{t('line.account.lineTitle')}</Title>
      {data.accounts.length === 0 ? (
        <Alert color="gray">{t('line.account.noAccounts')}</Alert>
      ) : (
        data.accounts.map((account) => (
          <AccountCard
            key={account.channelId}
            account={account}
            issued={issued[account.channelId]}
            onIssued={(code) => setIssued((all) => ({ ...all, [account.channelId]: code }))}
          />
        ))
      )}
      {data.accounts.length > 0 && <NotifyChoice current={data.notify} linked={linked} />}
      {data.groups.length > 0 && (
        <>
          <Title order={3}>{t('line.account.groupsTitle')}</Title>
          <Text size="sm">{t('line.account.groupsIntro')}</Text>
          {data.groups.map((unit) => (
            <GroupCard
              key={unit.unitId}
              unit={unit}
              basicId={data.accounts.find((a) => a.channelId === unit.channelId)?.basicId ?? null}
              issued={issuedGroups[unit.unitId]}
              onIssued={(code) => setIssuedGroups((all) => ({ ...all, [unit.unitId]: code }))}
            />
          ))}
        </>
      )}
    </Stack>
  );
}

function CodeBox({ issued, instruction }: { issued: Issued; instruction: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Stack gap={4} role="status" aria-live="polite">
      <Text size="sm">{instruction}</Text>
      <Text
        data-testid="line-code"
        ff="monospace"
        fz={34}
        fw={700}
        style={{ letterSpacing: '0.15em' }}
        aria-label={issued.code.split('').join(' ')}
      >
        {spacedCode(issued.code)}
      </Text>
      <Text size="sm" c="dimmed">
        {t('line.account.codeExpires', { time: f.dateTime(issued.expiresAt) })}
      </Text>
      <Text size="sm" c="blue.8">
        {t('line.account.waiting')}
      </Text>
    </Stack>
  );
}

function AccountCard({
  account,
  issued,
  onIssued,
}: {
  account: Account;
  issued: Issued | undefined;
  onIssued: (code: Issued) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const makeCode = useMutation({
    mutationFn: () => api.line.linkCode(account.channelId),
    onSuccess: onIssued,
  });
  const unlink = useMutation({
    mutationFn: (id: string) => api.line.unlink(id),
    onSuccess: (data) => {
      queryClient.setQueryData(MY_LINE_KEY, data);
      setConfirming(false);
      notifications.show({ color: 'green', message: t('line.account.unlinked') });
    },
  });
  const link = account.link;
  const isLinked = link?.status === 'linked';

  return (
    <Card withBorder data-testid="line-account">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <div>
            <Text fw={600}>{account.displayName ?? account.organizationNameTh}</Text>
            <Text size="sm" c="dimmed">
              {account.organizationNameTh}
              {account.basicId ? ` · ${account.basicId}` : ''}
            </Text>
          </div>
          <Badge color={isLinked ? 'green' : link?.status === 'blocked' ? 'red' : 'gray'} variant="light">
            {isLinked
              ? t('line.account.linkedSince', { date: f.date(link.linkedAt) })
              : t('line.account.notLinked')}
          </Badge>
        </Group>
        {link?.status === 'blocked' && <Alert color="orange">{t('line.account.blocked')}</Alert>}
        {link?.status === 'unlinked' && (
          <Text size="sm" c="dimmed">
            {t('line.account.unlinkedBefore', { date: f.date(link.statusAt) })}
          </Text>
        )}
        {!isLinked && issued && (
          <>
            <Text fw={600} size="sm">
              {t('line.account.steps')}
            </Text>
            <List type="ordered" size="sm" spacing={6}>
              <List.Item>
                {t('line.account.step1', { basicId: issued.basicId ?? '' })}{' '}
                {issued.addFriendUrl && (
                  <Anchor href={issued.addFriendUrl} target="_blank" rel="noopener noreferrer">
                    {t('line.account.addFriend')}
                  </Anchor>
                )}
              </List.Item>
              <List.Item>
                <CodeBox issued={issued} instruction={t('line.account.step2')} />
              </List.Item>
            </List>
          </>
        )}
        {!isLinked && !issued && account.pendingCodeExpiresAt && (
          <Text size="sm" c="dimmed">
            {t('line.account.pendingCode', { time: f.dateTime(account.pendingCodeExpiresAt) })}
          </Text>
        )}
        <FormError error={makeCode.error ?? unlink.error} />
        <Group>
          {!isLinked && (
            <Button onClick={() => makeCode.mutate()} loading={makeCode.isPending}>
              {issued || account.pendingCodeExpiresAt ? t('line.account.newCode') : t('line.account.getCode')}
            </Button>
          )}
          {link && link.status !== 'unlinked' && (
            <Button variant="light" color="red" onClick={() => setConfirming(true)}>
              {t('line.account.unlink')}
            </Button>
          )}
        </Group>
      </Stack>
      {link && (
        <ConfirmDialog
          opened={confirming}
          title={t('line.account.unlink')}
          message={t('line.account.unlinkConfirm')}
          confirmLabel={t('line.account.unlink')}
          loading={unlink.isPending}
          error={unlink.error}
          onConfirm={() => unlink.mutate(link.id)}
          onClose={() => setConfirming(false)}
        />
      )}
    </Card>
  );
}

function GroupCard({
  unit,
  basicId,
  issued,
  onIssued,
}: {
  unit: Unit;
  basicId: string | null;
  issued: Issued | undefined;
  onIssued: (code: Issued) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const queryClient = useQueryClient();
  const makeCode = useMutation({ mutationFn: () => api.line.groupCode(unit.unitId), onSuccess: onIssued });
  const unlink = useMutation({
    mutationFn: (id: string) => api.line.unlink(id),
    onSuccess: (data) => queryClient.setQueryData(MY_LINE_KEY, data),
  });
  const link = unit.link;
  const isLinked = link?.status === 'linked';
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Text fw={600}>{unit.unitNameTh}</Text>
          {isLinked ? (
            <Badge color="green" variant="light">
              {t('line.account.groupLinked', { date: f.date(link.linkedAt) })}
            </Badge>
          ) : link?.status === 'left' ? (
            <Badge color="gray" variant="light">
              {t('line.account.groupLeft', { date: f.date(link.statusAt) })}
            </Badge>
          ) : null}
        </Group>
        {!isLinked && issued && (
          <CodeBox issued={issued} instruction={t('line.account.groupStep', { basicId: basicId ?? '' })} />
        )}
        <FormError error={makeCode.error ?? unlink.error} />
        <Group>
          {!isLinked && (
            <Button variant="light" onClick={() => makeCode.mutate()} loading={makeCode.isPending}>
              {issued ? t('line.account.newCode') : t('line.account.groupCode')}
            </Button>
          )}
          {isLinked && (
            <Button
              variant="subtle"
              color="red"
              onClick={() => unlink.mutate(link.id)}
              loading={unlink.isPending}
            >
              {t('line.account.groupUnlink')}
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

function NotifyChoice({ current, linked }: { current: 'email' | 'line' | 'both'; linked: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: api.line.setNotify,
    onSuccess: (data) => {
      queryClient.setQueryData(MY_LINE_KEY, data);
      notifications.show({ color: 'green', message: t('line.account.notifySaved') });
    },
  });
  return (
    <Card withBorder>
      <Radio.Group
        label={t('line.account.notifyTitle')}
        description={linked ? t('line.account.notifyFallback') : t('line.account.notifyLineNeedsLink')}
        value={current}
        onChange={(value) => save.mutate(value as 'email' | 'line' | 'both')}
      >
        <Group mt="xs">
          <Radio value="email" label={t('line.account.notify.email')} />
          <Radio
            value="line"
            label={t('line.account.notify.line')}
            disabled={!linked && current !== 'line'}
          />
          <Radio
            value="both"
            label={t('line.account.notify.both')}
            disabled={!linked && current !== 'both'}
          />
        </Group>
      </Radio.Group>
      {!linked && current !== 'email' && (
        <Text size="sm" c="orange.9" mt="xs">
          {t('line.account.notifyNowEmail')}
        </Text>
      )}
      <FormError error={save.error} />
    </Card>
  );
}
