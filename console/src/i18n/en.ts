// English. Typed as Messages so a missing or extra key fails the type check.
import type { Messages } from './zh-CN.ts';

const en: Messages = {
  app: {
    productName: 'Partner Center',
    brand: 'Huoban',
    loading: 'Loading…',
  },
  lang: {
    switchTo: '中文',
    switchTitle: 'Switch language',
  },
  login: {
    title: 'Sign in to Partner Center',
    subtitle: 'Sign in with your Partner Center account to manage sales, benefits and your organization',
    name: 'Account name',
    namePlaceholder: 'Enter your account name',
    nameRequired: 'Enter your account name',
    password: 'Password',
    passwordPlaceholder: 'Enter your password',
    passwordRequired: 'Enter your password',
    submit: 'Sign in',
    failed: 'Sign-in failed',
    footer: 'Huoban Partner Center · an open-source, self-hostable partner center for cloud vendors',
  },
  account: {
    menuTitle: 'Account',
    partnerCenter: 'Partner Center',
    accessKeys: 'Access keys',
    signOut: 'Sign out',
    mainAccount: 'Main account',
    operator: 'Operator',
  },
  shell: {
    mustChangePasswordTitle: 'Please change your password',
    mustChangePasswordDescription:
      'Your account is using an initial password or one reset by an administrator. For your security, change it soon (password change is coming shortly).',
    sideMenuTitle: 'Navigation',
  },
  notAvailable: {
    title: 'This page is not available yet',
    description: 'This feature is under construction and cannot be used yet.',
    backHome: 'Back to home',
  },
  notFound: {
    title: 'Page not found',
    description: 'The page does not exist, or your account may not access it.',
    backHome: 'Back to home',
  },
  home: {
    welcome: 'Welcome, {{name}}',
    intro: 'This is the Partner Center of {{org}}.',
    organization: 'Organization',
    orgKind: 'Organization type',
    partnerType: 'Partner type',
    account: 'Signed in as',
    accountType: 'Account type',
    organizationCard: 'Organization',
    accountCard: 'Account',
    open: 'Open',
    shortcuts: 'Get started',
    noShortcuts: 'Your account cannot access any feature yet. Ask your organization administrator to assign a role.',
  },
  orgKind: {
    vendor: 'Cloud vendor',
    partner: 'Partner',
    customer: 'Customer',
  },
  partnerType: {
    solution_provider: 'Solution provider',
    master_distributor: 'Master distributor',
    cloud_reseller: 'Cloud reseller',
    none: '—',
  },
  accessKeys: {
    title: 'Access keys',
    description:
      'Access keys (AK/SK) let programs call the Partner Center API as this account. Keep them safe: never share them or commit them to a code repository.',
    create: 'Create access key',
    createTitle: 'Create access key',
    descriptionLabel: 'Description',
    descriptionPlaceholder: 'For example: sales platform integration',
    descriptionTooLong: 'At most {{max}} characters',
    colAccess: 'Access key ID (AK)',
    colDescription: 'Description',
    colStatus: 'Status',
    colCreatedAt: 'Created',
    colLastUsedAt: 'Last used',
    colActions: 'Actions',
    statusActive: 'Active',
    statusInactive: 'Inactive',
    never: 'Never',
    delete: 'Delete',
    deleteTitle: 'Delete access key',
    deleteConfirm:
      'Delete access key {{access}}? Programs using it will no longer be able to call Partner Center. This cannot be undone.',
    deleted: 'Access key deleted',
    createdTitle: 'Access key created',
    secretWarning:
      'The secret access key (SK) is shown only this once and cannot be viewed again after you close this window. Copy or download it now and store it safely.',
    accessLabel: 'Access key ID (AK)',
    secretLabel: 'Secret access key (SK)',
    download: 'Download CSV',
    savedClose: 'I have saved it, close',
    empty: 'No access keys yet',
  },
  errors: {
    code: 'Error code: {{code}}',
    network: 'Network error. Check your connection and try again.',
    unknown: 'Request failed (HTTP {{status}})',
    sessionExpired: 'Your session has expired. Please sign in again.',
  },
  common: {
    cancel: 'Cancel',
    ok: 'OK',
    copy: 'Copy',
    copied: 'Copied',
    close: 'Close',
    retry: 'Retry',
  },
};

export default en;
