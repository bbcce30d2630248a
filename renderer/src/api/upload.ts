import type { ApiError } from '../../../common/contract/result';
import type { RendererClient } from './client';

/**
 * Uploads a chosen file (browser mode) and answers its upload id. When the upload fails,
 * `stop` gets the error (the form shows it and is no longer busy) and the answer is null.
 */
export async function uploadOrStop(
  client: RendererClient,
  file: File,
  stop: (error: ApiError) => void,
): Promise<string | null> {
  const uploaded = await client.upload(file);
  if (uploaded.ok) return uploaded.value.uploadId;
  stop(uploaded.error);
  return null;
}
