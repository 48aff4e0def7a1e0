// Shows API errors as antd notifications: the server's (already localized) error_msg, with the
// error code in smaller text beneath. A bridge component hands the context-aware antd API to
// code outside React (the TanStack Query caches).
import { useEffect } from 'react';
import { App, Typography } from 'antd';
import type { NotificationInstance } from 'antd/es/notification/interface';
import i18n from '../i18n/index.ts';
import { ApiError } from '../api/errors.ts';

let notifier: NotificationInstance | null = null;

export function ErrorCode({ code }: { code: string }) {
  if (!code) return null;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="error-code">
      {i18n.t('errors.code', { code })}
    </Typography.Text>
  );
}

export function reportError(error: unknown): void {
  const apiError =
    error instanceof ApiError ? error : new ApiError(0, '', error instanceof Error ? error.message : String(error));
  if (!notifier) {
    console.error(apiError);
    return;
  }
  notifier.error({
    key: `${apiError.code}:${apiError.message}`, // the same failure twice shows once
    title: apiError.message,
    description: apiError.code ? <ErrorCode code={apiError.code} /> : undefined,
    placement: 'topRight',
  });
}

/** Mount once inside antd's <App>. */
export function ErrorReporterBridge() {
  const { notification } = App.useApp();
  useEffect(() => {
    notifier = notification;
    return () => {
      notifier = null;
    };
  }, [notification]);
  return null;
}
