// Providers: data (TanStack Query), antd (theme + locale following the UI language), router.
import { useEffect, useState } from 'react';
import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import i18n, { useLang } from '../i18n/index.ts';
import { ErrorReporterBridge } from '../components/ErrorReporter.tsx';
import { createQueryClient } from './queryClient.ts';
import { AppRoutes } from './routes.tsx';

const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1f6fde',
    borderRadius: 4,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { headerBg: '#1b2230', headerHeight: 56, headerPadding: '0 20px', bodyBg: '#f2f4f7', siderBg: '#ffffff' },
    Menu: { darkItemBg: 'transparent', darkItemSelectedBg: 'rgba(255,255,255,0.12)', darkItemColor: 'rgba(255,255,255,0.78)' },
  },
};

export function App() {
  const lang = useLang();
  const [queryClient] = useState(createQueryClient);

  // Server-owned text (messages, names) is localized per request: refetch in the new language.
  useEffect(() => {
    const refetch = () => void queryClient.invalidateQueries();
    i18n.on('languageChanged', refetch);
    return () => i18n.off('languageChanged', refetch);
  }, [queryClient]);

  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={theme}>
        <AntApp>
          <ErrorReporterBridge />
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
