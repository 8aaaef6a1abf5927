import { describe, expect, it } from 'vitest';
import { EnvError, readEnv } from '../env.ts';
import { fileStoreFromConfig } from './file-store-from-config.ts';
import { LocalDiskStore } from './local-disk-store.ts';
import { S3Store } from './s3-store.ts';

const keys = { FILES_S3_ACCESS_KEY_ID: 'AKIAEXAMPLE', FILES_S3_SECRET_ACCESS_KEY: 'secret' };

describe('file storage settings (FILES_S3_*) and the driver they choose', () => {
  it('keeps files on the local disk under FILES_DIR by default', () => {
    const env = readEnv({ DATA_DIR: '/srv/prongsai' });
    expect(env.fileStorage).toEqual({ driver: 'local', dir: '/srv/prongsai/files' });
    const store = fileStoreFromConfig(env);
    expect(store).toBeInstanceOf(LocalDiskStore);
    expect((store as LocalDiskStore).root).toBe('/srv/prongsai/files');
  });

  it('uses the bucket of FILES_S3_BUCKET, path-style by default on an S3-compatible endpoint', () => {
    const env = readEnv({
      FILES_S3_BUCKET: 'prongsai-files',
      FILES_S3_ENDPOINT: 'https://s3.gdcc.example.go.th',
      FILES_S3_REGION: 'th-central-1',
      FILES_S3_PREFIX: 'province/surat',
      ...keys,
    });
    expect(env.fileStorage).toEqual({
      driver: 's3',
      bucket: 'prongsai-files',
      endpoint: 'https://s3.gdcc.example.go.th',
      region: 'th-central-1',
      accessKeyId: 'AKIAEXAMPLE',
      secretAccessKey: 'secret',
      forcePathStyle: true,
      prefix: 'province/surat/',
    });
    const store = fileStoreFromConfig(env);
    expect(store).toBeInstanceOf(S3Store);
    expect((store as S3Store).prefix).toBe('province/surat/');
    (store as S3Store).close();
  });

  it('on AWS itself (no endpoint): virtual-host addresses, region us-east-1 unless set, no prefix', () => {
    const env = readEnv({ FILES_S3_BUCKET: 'prongsai-files', ...keys });
    expect(env.fileStorage).toMatchObject({
      endpoint: undefined,
      region: 'us-east-1',
      forcePathStyle: false,
      prefix: '',
    });
    expect(
      readEnv({ FILES_S3_BUCKET: 'b-1', FILES_S3_FORCE_PATH_STYLE: 'true', ...keys }).fileStorage,
    ).toMatchObject({
      forcePathStyle: true,
    });
  });

  it('refuses a bucket without its credentials, naming each missing variable', () => {
    expect(() => readEnv({ FILES_S3_BUCKET: 'prongsai-files' })).toThrow(EnvError);
    expect(() => readEnv({ FILES_S3_BUCKET: 'prongsai-files' })).toThrow(
      /FILES_S3_ACCESS_KEY_ID: required[\s\S]*FILES_S3_SECRET_ACCESS_KEY: required/,
    );
    expect(() =>
      readEnv({ FILES_S3_BUCKET: 'prongsai-files', FILES_S3_ACCESS_KEY_ID: 'AKIAEXAMPLE' }),
    ).toThrow(/FILES_S3_SECRET_ACCESS_KEY: required/);
  });

  it('refuses S3 settings without a bucket, and bad values, naming the variable', () => {
    expect(() => readEnv({ FILES_S3_ENDPOINT: 'http://minio:9000', ...keys })).toThrow(
      /FILES_S3_BUCKET: required with FILES_S3_ENDPOINT, FILES_S3_ACCESS_KEY_ID, FILES_S3_SECRET_ACCESS_KEY/,
    );
    expect(() => readEnv({ FILES_S3_BUCKET: 'Bad_Bucket', ...keys })).toThrow(/FILES_S3_BUCKET/);
    expect(() => readEnv({ FILES_S3_BUCKET: 'b-1', FILES_S3_ENDPOINT: 'minio:9000', ...keys })).toThrow(
      /FILES_S3_ENDPOINT/,
    );
    expect(() => readEnv({ FILES_S3_BUCKET: 'b-1', FILES_S3_PREFIX: '../up', ...keys })).toThrow(
      /FILES_S3_PREFIX/,
    );
    expect(() => readEnv({ FILES_S3_BUCKET: 'b-1', FILES_S3_FORCE_PATH_STYLE: 'yes', ...keys })).toThrow(
      /FILES_S3_FORCE_PATH_STYLE/,
    );
  });
});
