import { AskdataError } from '@askdata/core';

/** An object (`key`) or every object under a prefix (`key` ending in `/`, or empty) in one bucket. */
export interface S3Location {
  bucket: string;
  key: string;
}

/** Reads `s3://bucket/path/to/key.csv`; a trailing `/` (or no key) names a prefix. */
export function parseS3Url(url: string): S3Location {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/i.exec(url.trim());
  if (!match?.[1]) {
    throw new AskdataError('invalid_input', `"${url}" is not an S3 address: write s3://bucket/key.`);
  }
  return { bucket: match[1], key: decodeURIComponent(match[2] ?? '') };
}

export function isS3Url(value: string): boolean {
  return /^s3:\/\//i.test(value.trim());
}

export function isPrefix(location: S3Location): boolean {
  return location.key === '' || location.key.endsWith('/');
}
