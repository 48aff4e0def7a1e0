// A failed funds call shown in place: the server's message with its error code beneath.
import { Alert } from 'antd';
import { ApiError } from '../../api/client.ts';

export function ErrorAlert({ error, testId = 'funds-error' }: { error: unknown; testId?: string }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof ApiError ? error.code : '';
  return <Alert type="error" showIcon style={{ marginBottom: 12 }} title={message} description={code || undefined} data-testid={testId} />;
}

/** True when the server wants a (new) one-time code before the operation. */
export function needsSecondFactor(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'HBN.2021' || error.code === 'HBN.2022');
}
