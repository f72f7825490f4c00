import { Alert, Button, Progress, Stack, Text } from '@mantine/core';
import { forwardRef, useImperativeHandle, useRef, useState } from 'react';
import type { UploadResult } from '../api/upload';
import { uploadFile } from '../api/upload';

const accepted = '.csv,.tsv,.txt,.xlsx,.parquet,.json,.jsonl,.ndjson';

export interface UploadDropzoneHandle {
  /** Opens the file picker (the /upload command). */
  open: () => void;
}

/** Drop a file or choose one; shows upload progress from XMLHttpRequest and the server's answer. */
export const UploadDropzone = forwardRef<
  UploadDropzoneHandle,
  { onUploaded: (result: UploadResult) => void }
>(function UploadDropzone(props, ref) {
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [progress, setProgress] = useState<number>();
  const [fileName, setFileName] = useState('');
  const [error, setError] = useState<string>();
  const [message, setMessage] = useState<string>();

  useImperativeHandle(ref, () => ({ open: () => input.current?.click() }), []);

  async function upload(file: File) {
    setFileName(file.name);
    setError(undefined);
    setMessage(undefined);
    setProgress(0);
    try {
      const result = await uploadFile(file, setProgress).promise;
      const rows = result.tables.reduce((sum, table) => sum + table.rows, 0);
      setMessage(`Loaded ${file.name}: ${result.tables.length} table(s), ${rows.toLocaleString()} rows.`);
      props.onUploaded(result);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setProgress(undefined);
    }
  }

  return (
    <Stack gap={6}>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the drop target; the button inside is the keyboard path */}
      <div
        className="dropzone"
        data-active={dragging}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          const file = event.dataTransfer.files[0];
          if (file) void upload(file);
        }}
        data-testid="dropzone"
      >
        <Text size="sm" mb={6}>
          Drop a CSV, Excel, Parquet or JSON file here
        </Text>
        <Button
          size="xs"
          variant="default"
          onClick={() => input.current?.click()}
          disabled={progress !== undefined}
        >
          Choose a file…
        </Button>
        <input
          ref={input}
          type="file"
          accept={accepted}
          hidden
          aria-label="File to upload"
          data-testid="upload-input"
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            event.currentTarget.value = '';
            if (file) void upload(file);
          }}
        />
      </div>
      {progress !== undefined && (
        <Progress
          value={Math.round(progress * 100)}
          size="lg"
          aria-label={`Uploading ${fileName}`}
          animated={progress >= 1}
        />
      )}
      <div aria-live="polite">{message && <Text size="sm">✓ {message}</Text>}</div>
      {error && (
        <Alert color="red" role="alert" title="Upload failed" p="xs">
          {error}
        </Alert>
      )}
    </Stack>
  );
});
