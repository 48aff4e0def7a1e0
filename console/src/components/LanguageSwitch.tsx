// 中文 / English switch. Shows the language it switches to, as Chinese consoles do.
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLang, useLang } from '../i18n/index.ts';
import { GlobeIcon } from './icons.tsx';

export function LanguageSwitch({ onDark = false }: { onDark?: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Button
      type="text"
      data-testid="lang-switch"
      title={t('lang.switchTitle')}
      icon={<GlobeIcon />}
      style={onDark ? { color: 'rgba(255,255,255,0.85)' } : undefined}
      onClick={() => void changeLang(lang === 'en' ? 'zh-CN' : 'en')}
    >
      {t('lang.switchTo')}
    </Button>
  );
}
