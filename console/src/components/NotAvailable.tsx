// What a navigation entry shows until its page is built: said plainly, never fake data.
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

export function NotAvailable({ homePath = '/' }: { homePath?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div className="hb-panel" data-testid="page-not-available">
      <Result
        status="info"
        title={t('notAvailable.title')}
        subTitle={t('notAvailable.description')}
        extra={<Button onClick={() => navigate(homePath)}>{t('notAvailable.backHome')}</Button>}
      />
    </div>
  );
}

export function NotFound({ homePath = '/' }: { homePath?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div className="hb-panel" data-testid="page-not-found">
      <Result
        status="404"
        title={t('notFound.title')}
        subTitle={t('notFound.description')}
        extra={
          <Button type="primary" onClick={() => navigate(homePath)}>
            {t('notFound.backHome')}
          </Button>
        }
      />
    </div>
  );
}
