import { ApiError, currentCsrfToken } from './client';
import type { Datasource, TableInfo } from './types';

export interface UploadResult {
  datasource: Datasource;
  tables: TableInfo[];
}

export interface UploadHandle {
  promise: Promise<UploadResult>;
  abort: () => void;
}

/**
 * Uploads one file as multipart with XMLHttpRequest, because fetch cannot report upload progress.
 * `onProgress` receives the sent fraction, 0..1.
 */
export function uploadFile(file: File, onProgress: (fraction: number) => void, name?: string): UploadHandle {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<UploadResult>((resolve, reject) => {
    xhr.open('POST', '/v1/datasources/upload');
    xhr.withCredentials = true;
    xhr.responseType = 'json';
    const token = currentCsrfToken();
    if (token) xhr.setRequestHeader('X-CSRF-Token', token);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      const body = xhr.response as (UploadResult & { error?: { code: string; message: string } }) | null;
      if (xhr.status >= 200 && xhr.status < 300 && body) {
        onProgress(1);
        resolve(body);
        return;
      }
      const tooLarge = xhr.status === 413 ? 'The file is larger than the server accepts.' : undefined;
      reject(
        new ApiError(
          xhr.status,
          body?.error?.code ?? 'upload_failed',
          body?.error?.message ?? tooLarge ?? `The upload failed (${xhr.status}).`,
        ),
      );
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'The upload could not reach the server.'));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', 'The upload was cancelled.'));
    const form = new FormData();
    form.append('file', file);
    if (name) form.append('name', name);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}
