/**
 * Where the content script runs: the helpdesks of /work/shared/spec/helpdesks.md,
 * by exact host. Chrome match patterns cannot wildcard a TLD, so each Zoho Desk
 * data centre is listed. Any other site is opt-in later (optional_host_permissions).
 */
export const HELPDESK_HOSTS = [
  '*.zendesk.com',
  'app.intercom.com',
  '*.freshdesk.com',
  'secure.helpscout.net',
  'mail.google.com',
  'app.hubspot.com',
  'app.frontapp.com',
  '*.gorgias.com',
  'desk.zoho.com',
  'desk.zoho.eu',
  'desk.zoho.in',
  'desk.zoho.com.au',
  'desk.zoho.jp',
  'desk.zoho.com.cn',
  'desk.zoho.sa',
  'desk.zoho.uk',
  'desk.zohocloud.ca',
  'my.livechatinc.com',
  'app.crisp.chat',
];

export const HELPDESK_MATCHES = HELPDESK_HOSTS.map((host) => `https://${host}/*`);
