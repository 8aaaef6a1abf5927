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

/** Query key of a plan version's signatures (refetched whenever the plan changes). */
export const signaturesKey = (planId: string) => ['signatures', 'plan', planId] as const;

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
export function SignaturePanel({ planId, rowVersion }: { planId: string; rowVersion: number }) {
  const { t } = useTranslation();
  const signatures = useQuery({
    queryKey: [...signaturesKey(planId), rowVersion],
    queryFn: () => api.signatures.ofPlan(planId),
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
      {revoking && <RevokeModal signature={revoking} planId={planId} onClose={() => setRevoking(null)} />}
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
          {t('signatures.hash', { hash: s.contentSha256 })}
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
  planId,
  onClose,
}: {
  signature: SignatureRow;
  planId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const short = reason.trim().length < 5;
  const revoke = useMutation({
    mutationFn: () => api.signatures.revoke(signature.id, reason.trim()),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: signaturesKey(planId) });
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
}: {
  value: string;
  onChange: (position: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Alert
        color="blue"
        p="xs"
        title={t('signatures.approvalIsSignature')}
        data-testid="approval-is-signature"
      >
        <Text size="sm">{t('signatures.recorded')}</Text>
        <Text size="xs" c="dimmed" mt={4}>
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
