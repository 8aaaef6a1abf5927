import {
  Alert,
  Anchor,
  Badge,
  Button,
  Code,
  Group,
  Modal,
  Paper,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { FormError } from '../../components/FormError.tsx';
import { useFormat } from '../../format.ts';

type SignatureRow = Awaited<ReturnType<typeof api.signatures.ofPlan>>[number];

/** Query key of a plan version's or a round's signatures (refetched whenever the subject changes). */
export const signaturesKey = (subjectId: string) => ['signatures', 'subject', subjectId] as const;

/** How the signer's identity was verified, in words. */
export function useIdentityLabel() {
  const { t } = useTranslation();
  return (s: Pick<SignatureRow, 'verifiedBy' | 'identityProvider'>) =>
    s.verifiedBy === 'oidc' && s.identityProvider
      ? t('signatures.identityProvider', { provider: s.identityProvider })
      : t('signatures.identityPassword');
}

/**
 * The electronic signatures of a plan version (decision 024): who signed, when, how their identity was
 * verified, the verification code with a link to the public verification page, and, for the signer or
 * an admin, revocation with a reason. Nothing when the version has none.
 */
export function SignaturePanel({
  planId,
  roundId,
  rowVersion,
}: {
  planId?: string;
  roundId?: string;
  rowVersion: number;
}) {
  const { t } = useTranslation();
  const subjectId = planId ?? roundId ?? '';
  const signatures = useQuery({
    queryKey: [...signaturesKey(subjectId), rowVersion],
    queryFn: () => (planId ? api.signatures.ofPlan(planId) : api.signatures.ofRound(subjectId)),
  });
  const [revoking, setRevoking] = useState<SignatureRow | null>(null);
  if (!signatures.data || signatures.data.length === 0) return null;
  return (
    <Stack gap="xs" component="section" aria-labelledby="signatures-title" data-testid="plan-signatures">
      <Title order={4} size="h5" id="signatures-title">
        {t('signatures.title')}
      </Title>
      {signatures.data.map((s) => (
        <SignatureCard key={s.id} signature={s} onRevoke={() => setRevoking(s)} />
      ))}
      {revoking && (
        <RevokeModal signature={revoking} subjectId={subjectId} onClose={() => setRevoking(null)} />
      )}
    </Stack>
  );
}

function SignatureCard({ signature: s, onRevoke }: { signature: SignatureRow; onRevoke: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const identity = useIdentityLabel();
  const revoked = s.revocation !== null;
  return (
    <Paper withBorder p="sm" radius="md" data-testid="signature-card">
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap">
          <Badge color={revoked ? 'red' : 'green'} variant="light" tt="none">
            {revoked ? t('signatures.revoked') : t('signatures.valid')}
          </Badge>
          <Text size="sm" fw={700}>
            {t('signatures.signedBy', { name: s.signerName })}
          </Text>
          {s.signerPosition && (
            <Text size="sm" c="dimmed">
              {s.signerPosition}
            </Text>
          )}
        </Group>
        <Text size="sm">{t('signatures.signedAt', { at: format.dateTime(s.signedAt) })}</Text>
        <Text size="sm">{identity(s)}</Text>
        <Group gap="xs" wrap="wrap">
          <Text size="sm">{t('signatures.code')}</Text>
          <Code fz="sm" data-testid="signature-code">
            {s.code}
          </Code>
          <Anchor href={s.verifyPath} target="_blank" rel="noopener" size="sm">
            {t('signatures.openVerify')}
          </Anchor>
        </Group>
        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {t(s.subjectType === 'round' ? 'signatures.hashRound' : 'signatures.hash', {
            hash: s.contentSha256,
          })}
        </Text>
        {s.revocation && (
          <Alert color="red" p="xs" title={t('signatures.revokedTitle')}>
            <Text size="sm">
              {t('signatures.revokedBy', {
                name: s.revocation.revokedByName,
                at: format.dateTime(s.revocation.revokedAt),
              })}
            </Text>
            <Text size="sm">{t('signatures.revokedReason', { reason: s.revocation.reason })}</Text>
          </Alert>
        )}
        {s.canRevoke && (
          <Group>
            <Button size="compact-sm" variant="outline" color="red" onClick={onRevoke}>
              {t('signatures.revoke')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

function RevokeModal({
  signature,
  subjectId,
  onClose,
}: {
  signature: SignatureRow;
  subjectId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const short = reason.trim().length < 5;
  const revoke = useMutation({
    mutationFn: () => api.signatures.revoke(signature.id, reason.trim()),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: signaturesKey(subjectId) });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('signatures.revokeTitle', { code: signature.code })}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!short) revoke.mutate();
        }}
      >
        <Stack>
          <Text size="sm">{t('signatures.revokeHelp')}</Text>
          <Textarea
            label={t('signatures.revokeReason')}
            description={t('signatures.revokeReasonHelp')}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            required
            autosize
            minRows={3}
            data-autofocus
          />
          <FormError error={revoke.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={revoke.isPending} disabled={short}>
              {t('signatures.revokeConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * The approver's position as typed, else the one offered (their last signature's, or the document
 * profile's head's when the head is them).
 */
export function useSignerPosition(planId: string) {
  const [typed, setTyped] = useState<string | null>(null);
  const suggested = useQuery({
    queryKey: ['signatures', 'suggested-position', planId],
    queryFn: () => api.signatures.suggestedPosition(planId),
  });
  return { value: typed ?? suggested.data?.position ?? '', setValue: setTyped };
}

/**
 * In the approval form: the approval is an electronic signature; what is recorded; the position to print
 * (offered from the approver's last signature or the document profile's head).
 */
export function ApprovalSignatureFields({
  value,
  onChange,
  subject = 'plan',
}: {
  value: string;
  onChange: (position: string) => void;
  /** A plan's approval, or a round report's acknowledgement. */
  subject?: 'plan' | 'round';
}) {
  const { t } = useTranslation();
  const round = subject === 'round';
  return (
    <Stack gap="xs">
      <Alert
        color="blue"
        p="xs"
        title={t(round ? 'signatures.roundIsSignature' : 'signatures.approvalIsSignature')}
        data-testid="approval-is-signature"
      >
        <Text size="sm">{t(round ? 'signatures.roundHelp' : 'signatures.recorded')}</Text>
        <Text size="xs" mt={4}>
          {t('signatures.legalBasis')}
        </Text>
      </Alert>
      <Textarea
        label={t('signatures.position')}
        description={t('signatures.positionHelp')}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        autosize
        minRows={1}
        maxLength={300}
        required
      />
    </Stack>
  );
}

/**
 * On a closed round's page, for an executive of the organisation: acknowledge (รับทราบ) the follow-up
 * report, signed electronically; then the signatures of the round.
 */
export function RoundAcknowledgement({
  roundId,
  closed,
  canSign,
}: {
  roundId: string;
  closed: boolean;
  canSign: boolean;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [typed, setTyped] = useState<string | null>(null);
  const suggested = useQuery({
    queryKey: ['signatures', 'suggested-position', 'round', roundId],
    queryFn: () => api.signatures.suggestedPositionForRound(roundId),
    enabled: closed && canSign,
  });
  const position = typed ?? suggested.data?.position ?? '';
  const acknowledge = useMutation({
    mutationFn: () => api.signatures.acknowledgeRound(roundId, position.trim()),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: signaturesKey(roundId) }),
  });
  return (
    <Paper withBorder p={{ base: 'xs', sm: 'md' }} component="section" aria-labelledby="round-ack-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="round-ack-title">
          {t('signatures.roundTitle')}
        </Title>
        {closed && canSign ? (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              acknowledge.mutate();
            }}
            aria-labelledby="round-ack-title"
          >
            <Stack gap="xs">
              <ApprovalSignatureFields value={position} onChange={setTyped} subject="round" />
              <FormError error={acknowledge.error} />
              <Group>
                <Button
                  type="submit"
                  color="green"
                  loading={acknowledge.isPending}
                  disabled={!position.trim()}
                >
                  {t('signatures.roundAcknowledge')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <Text size="sm" c="dimmed">
            {closed ? t('signatures.roundExecutiveOnly') : t('signatures.roundNotClosed')}
          </Text>
        )}
        <SignaturePanel roundId={roundId} rowVersion={0} />
      </Stack>
    </Paper>
  );
}
