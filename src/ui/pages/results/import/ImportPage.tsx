import {
  Alert,
  Anchor,
  Button,
  FileInput,
  Group,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type EditionSummaryRow, type OrganizationRow, queryKeys } from '../../../api.ts';
import { FormError } from '../../../components/FormError.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { useLang } from '../../../i18n/index.ts';
import { Link, navigate } from '../../../router.tsx';
import { orgName } from '../../organizations/names.ts';
import { buildTree } from '../../organizations/tree.ts';
import { defaultEditionYear, editionYears } from '../common.ts';
import { resultPaths } from '../paths.ts';
import { useResultWriter } from '../permissions.ts';
import { ImportPreviewView } from './ImportPreviewView.tsx';
import { readAsBase64 } from './readFile.ts';

/** Import results from a CSV or XLSX file: preview every change and every error, then commit. */
export function ResultImportPage({
  organizationId,
  fiscalYear,
}: {
  organizationId: string;
  fiscalYear: number;
}) {
  const { t } = useTranslation();
  const organizations = useQuery({ queryKey: queryKeys.organizations, queryFn: api.organizations.list });
  const editions = useQuery({ queryKey: queryKeys.editions, queryFn: api.catalogue.editions });
  return (
    <Stack>
      <Anchor component={Link} to={resultPaths.list({ organizationId, fiscalYear })} size="sm">
        ← {t('results.backToResults')}
      </Anchor>
      <QueryState query={organizations}>
        {(orgs) => (
          <QueryState query={editions}>
            {(eds) => (
              <ImportView
                organizations={orgs}
                editions={eds}
                organizationId={organizationId}
                fiscalYear={fiscalYear}
              />
            )}
          </QueryState>
        )}
      </QueryState>
    </Stack>
  );
}

type Scope = 'one' | 'many';
type ImportChoice = { file: File; editionYear: number; scope: Scope };

function ImportView({
  organizations,
  editions,
  organizationId,
  fiscalYear,
}: {
  organizations: OrganizationRow[];
  editions: EditionSummaryRow[];
  organizationId: string;
  fiscalYear: number;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const queryClient = useQueryClient();
  const canWrite = useResultWriter(organizations);
  const org = organizations.find((o) => o.id === organizationId);
  const hasChildren = buildTree(organizations).childrenOf.has(organizationId);
  const [editionYear, setEditionYear] = useState(() => defaultEditionYear(editions, fiscalYear));
  const [scope, setScope] = useState<Scope>('one');
  const [file, setFile] = useState<File | null>(null);

  const request = async (input: ImportChoice, commit: boolean) =>
    api.assessments.importFile({
      fileName: input.file.name,
      contentBase64: await readAsBase64(input.file),
      fiscalYear,
      editionYear: input.editionYear,
      ...(input.scope === 'one' ? { organizationId } : {}),
      commit,
    });
  const preview = useMutation({ mutationFn: (input: ImportChoice) => request(input, false) });
  const commit = useMutation({
    mutationFn: (input: ImportChoice) => request(input, true),
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: ['assessments'] });
      void queryClient.invalidateQueries({ queryKey: ['analyses'] });
      // Questions and wording the file supplied change the edition the forms read.
      void queryClient.invalidateQueries({ queryKey: ['catalogue'] });
      notifications.show({
        color: 'green',
        message: t('import.committed', { n: result.organizations.length }),
      });
      navigate(resultPaths.list({ organizationId, fiscalYear }));
    },
  });
  const { mutate: runPreview, reset: resetPreview } = preview;
  const { reset: resetCommit } = commit;

  // A new file, edition or scope: preview again (nothing is written).
  useEffect(() => {
    resetCommit();
    if (file) runPreview({ file, editionYear, scope });
    else resetPreview();
  }, [file, editionYear, scope, runPreview, resetPreview, resetCommit]);

  if (!org) {
    return (
      <Alert color="red" role="alert">
        {t('results.unknownOrganization')}
      </Alert>
    );
  }
  const name = orgName(org, lang);
  const data = preview.data;
  const blocked = !data || data.errors.length > 0 || data.organizations.length === 0;
  const template = (layout: 'long' | 'wide', format: 'csv' | 'xlsx') =>
    api.assessments.templateUrl({ editionYear, layout, format, organizationId });

  return (
    <Stack>
      <div>
        <Title order={2}>{t('import.title')}</Title>
        <Text>
          {name} · {t('results.yearOption', { year: fiscalYear })}
        </Text>
        <Text size="sm" c="dimmed">
          {t('import.intro')}
        </Text>
      </div>
      {!canWrite(org.id) && (
        <Alert color="orange" role="alert">
          {t('entry.readOnly')}
        </Alert>
      )}

      <Paper withBorder p={{ base: 'sm', sm: 'md' }}>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('entry.edition')}
              data={editionYears(editions).map((y) => ({
                value: String(y),
                label: t('results.yearOption', { year: y }),
              }))}
              value={String(editionYear)}
              onChange={(value) => value && setEditionYear(Number(value))}
              allowDeselect={false}
            />
            <Radio.Group
              label={t('import.scope')}
              value={scope}
              onChange={(value) => setScope(value as Scope)}
            >
              <Stack gap={6} mt={6}>
                <Radio value="one" label={t('import.scopeOne', { name })} />
                <Radio
                  value="many"
                  label={t(hasChildren ? 'import.scopeManyBelow' : 'import.scopeMany', { name })}
                />
              </Stack>
            </Radio.Group>
          </SimpleGrid>

          <div>
            <Text size="sm" fw={500}>
              {t('import.templates')}
            </Text>
            <Text size="xs" c="dimmed" mb={4}>
              {t('import.templatesHelp')}
            </Text>
            <Group gap="md" wrap="wrap">
              <Anchor href={template('long', 'csv')} download size="sm">
                {t('import.templateLong', { format: 'CSV' })}
              </Anchor>
              <Anchor href={template('long', 'xlsx')} download size="sm">
                {t('import.templateLong', { format: 'XLSX' })}
              </Anchor>
              <Anchor href={template('wide', 'csv')} download size="sm">
                {t('import.templateWide', { format: 'CSV' })}
              </Anchor>
              <Anchor href={template('wide', 'xlsx')} download size="sm">
                {t('import.templateWide', { format: 'XLSX' })}
              </Anchor>
            </Group>
          </div>

          <Text size="xs" c="dimmed">
            {t('suppliedQuestions.importHelp')}
          </Text>

          <FileInput
            label={t('import.file')}
            description={t('import.fileHelp')}
            placeholder={t('import.filePlaceholder')}
            accept=".csv,.tsv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            value={file}
            onChange={setFile}
            clearable
            maw={520}
          />
        </Stack>
      </Paper>

      {preview.isPending && <Text size="sm">{t('import.reading')}</Text>}
      {preview.error && <FormError error={preview.error} />}
      {data && <ImportPreviewView preview={data} organizations={organizations} />}

      <FormError error={commit.error} />
      {data && (
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setFile(null)}>
            {t('import.clear')}
          </Button>
          <Button
            disabled={blocked || !canWrite(org.id)}
            loading={commit.isPending}
            onClick={() => file && commit.mutate({ file, editionYear, scope })}
          >
            {t('import.commit')}
          </Button>
        </Group>
      )}
      {data && data.errors.length > 0 && (
        <Text size="sm" c="red.8">
          {t('import.fixFirst')}
        </Text>
      )}
    </Stack>
  );
}
