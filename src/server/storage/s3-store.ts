import { createHash } from 'node:crypto';
import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  type ListMultipartUploadsCommandOutput,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { AppError } from '../http/app-error.ts';
import {
  assertValidKey,
  assertValidPrefix,
  FileNotFoundError,
  type FileStore,
  type StoredFile,
} from './file-store.ts';

export type S3StoreConfig = {
  bucket: string;
  /** An S3-compatible service's address (MinIO, Ceph, a government cloud); unset = AWS itself. */
  endpoint: string | undefined;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `http://host/bucket/key` rather than `http://bucket.host/key`: what most S3-compatible services want. */
  forcePathStyle: boolean;
  /** Keys are stored under this prefix (e.g. `prongsai/`), so one bucket can hold other things too. */
  prefix: string;
  /** Per request: connecting, and the whole answer; a few seconds, so an upload never hangs. */
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** Tries per request, the first included (the SDK backs off between them). */
  maxAttempts?: number;
};

/** The object storage did not answer, or answered that it cannot serve: an upload is refused with 503. */
export class FileStoreUnavailableError extends AppError {
  constructor(cause: unknown) {
    super(
      503,
      'file_store_unavailable',
      'ที่เก็บไฟล์ใช้งานไม่ได้ในขณะนี้ ไม่ได้บันทึกสิ่งใด กรุณาลองใหม่ภายหลัง',
      'The file store is unavailable; nothing was saved. Please try again later',
      [],
      { 'Retry-After': '30' },
    );
    this.cause = cause;
  }
}

type SdkError = { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };

/** A 4xx answer is about the request (a missing key…); anything else means the store cannot serve now. */
function isUnavailable(error: unknown): boolean {
  const e = error as SdkError | undefined;
  if (e?.name === 'NoSuchBucket') return true; // the bucket is the deployment's, and it is not there
  const status = e?.$metadata?.httpStatusCode;
  return status === undefined || status >= 500;
}

const statusOf = (error: unknown) => (error as SdkError | undefined)?.$metadata?.httpStatusCode;

/**
 * Files in an S3-compatible bucket, one object per key (under `prefix`). A put is one PutObject
 * carrying the bytes' SHA-256: the service stores the whole object or nothing, and refuses bytes that
 * do not match. Errors other than "not there" become `FileStoreUnavailableError` (503), with each
 * request bounded by the timeouts and a small number of tries.
 */
export class S3Store implements FileStore {
  readonly client: S3Client;
  readonly bucket: string;
  readonly prefix: string;

  constructor(config: S3StoreConfig) {
    this.bucket = config.bucket;
    this.prefix = config.prefix;
    this.client = new S3Client({
      region: config.region,
      ...(config.endpoint === undefined ? {} : { endpoint: config.endpoint }),
      forcePathStyle: config.forcePathStyle,
      credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
      maxAttempts: config.maxAttempts ?? 2,
      requestHandler: {
        connectionTimeout: config.connectionTimeoutMs ?? 3000,
        requestTimeout: config.requestTimeoutMs ?? 15_000,
      },
      // The SHA-256 is sent on put; no extra CRC trailers, which not every S3-compatible service reads.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  private objectKey(key: string): string {
    assertValidKey(key);
    return this.prefix + key;
  }

  private async send<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (isUnavailable(error)) throw new FileStoreUnavailableError(error);
      throw error;
    }
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const Key = this.objectKey(key);
    const ChecksumSHA256 = createHash('sha256').update(bytes).digest('base64');
    await this.send(() =>
      this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key,
          Body: bytes,
          ContentLength: bytes.byteLength,
          ChecksumSHA256,
        }),
      ),
    );
  }

  async get(key: string): Promise<Uint8Array> {
    const Key = this.objectKey(key);
    try {
      return await this.send(async () => {
        const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key }));
        if (!out.Body) throw new FileNotFoundError(key);
        return await out.Body.transformToByteArray();
      });
    } catch (error) {
      if ((error as SdkError).name === 'NoSuchKey' || statusOf(error) === 404)
        throw new FileNotFoundError(key);
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    const Key = this.objectKey(key);
    try {
      await this.send(() => this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key })));
      return true;
    } catch (error) {
      if (statusOf(error) === 404 && (error as SdkError).name !== 'NoSuchBucket') return false;
      throw error;
    }
  }

  /** DeleteObject answers 204 whether or not the key was there. */
  async delete(key: string): Promise<void> {
    const Key = this.objectKey(key);
    await this.send(() => this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key })));
  }

  /**
   * ListObjectsV2 page by page, each page starting after the last key of the one before (`StartAfter`
   * rather than continuation tokens: the same on every S3-compatible service).
   */
  async *list(prefix = ''): AsyncIterable<StoredFile> {
    assertValidPrefix(prefix);
    let StartAfter: string | undefined;
    for (;;) {
      const page = await this.send(() =>
        this.client.send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: this.prefix + prefix,
            StartAfter,
          }),
        ),
      );
      const objects = page.Contents ?? [];
      for (const object of objects) {
        if (!object.Key?.startsWith(this.prefix)) continue;
        const key = object.Key.slice(this.prefix.length);
        // Objects another tool put in the bucket under names no key can have are not the store's.
        if (!isValidKey(key)) continue;
        yield { key, modifiedAt: object.LastModified ?? new Date(0) };
      }
      const last = objects.at(-1)?.Key;
      if (!page.IsTruncated || last === undefined) return;
      StartAfter = last;
    }
  }

  /**
   * Aborts multipart uploads under the prefix started before the date (this store never starts one:
   * a put is a single PutObject; they come from tools that copied files into the bucket). A service
   * that does not implement listing them (answers NotImplemented) has none to abort: 0.
   */
  async removeIncomplete(olderThan: Date): Promise<number> {
    let removed = 0;
    let KeyMarker: string | undefined;
    let UploadIdMarker: string | undefined;
    do {
      let page: ListMultipartUploadsCommandOutput;
      try {
        page = await this.client.send(
          new ListMultipartUploadsCommand({
            Bucket: this.bucket,
            Prefix: this.prefix,
            KeyMarker,
            UploadIdMarker,
          }),
        );
      } catch (error) {
        if ((error as SdkError).name === 'NotImplemented' || statusOf(error) === 501) return removed;
        if (isUnavailable(error)) throw new FileStoreUnavailableError(error);
        throw error;
      }
      for (const upload of page.Uploads ?? []) {
        if (!upload.Key || !upload.UploadId || !upload.Initiated || upload.Initiated >= olderThan) continue;
        await this.send(() =>
          this.client.send(
            new AbortMultipartUploadCommand({
              Bucket: this.bucket,
              Key: upload.Key,
              UploadId: upload.UploadId,
            }),
          ),
        );
        removed++;
      }
      KeyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
      UploadIdMarker = page.IsTruncated ? page.NextUploadIdMarker : undefined;
    } while (KeyMarker);
    return removed;
  }

  /** Closes the client's connections (tests, shutdown). */
  close(): void {
    this.client.destroy();
  }
}

function isValidKey(key: string): boolean {
  try {
    assertValidKey(key);
    return true;
  } catch {
    return false;
  }
}
