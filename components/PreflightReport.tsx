import {
  Body1,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { type MessageKey, t } from '@/lib/i18n/t';
import type { PermissionStanding, PreflightProblem, PreflightReport as Report, RedirectStanding } from '@/lib/registration/preflight';
import { useTableStyles } from './table-styles';

const STANDING: Record<PermissionStanding, MessageKey> = {
  admin_consent: 'preflight_standingAdminConsent',
  user_consent: 'preflight_standingUserConsent',
  missing: 'preflight_standingMissing',
  unknown: 'preflight_standingUnknown',
};

const ADMIN_CONSENT: Record<Report['adminConsent'], MessageKey> = {
  all: 'preflight_adminConsentAll',
  some: 'preflight_adminConsentSome',
  none: 'preflight_adminConsentNone',
  unknown: 'preflight_adminConsentUnknown',
};

const REDIRECT: Record<RedirectStanding, MessageKey> = {
  spa: 'preflight_redirectSpa',
  web: 'preflight_redirectWeb',
  public_client: 'preflight_redirectPublicClient',
  missing: 'preflight_redirectMissing',
  unknown: 'preflight_redirectUnknown',
};

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  fixes: {
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  missing: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
});

/** The words of one problem: what is wrong and the exact steps in the Entra admin center that fix it. */
export function fixFor(problem: PreflightProblem, clientId: string, tenantName: string | null): string {
  const tenant = tenantName ?? t('preflight_yourTenant');
  switch (problem.kind) {
    case 'permission_missing':
      return t('preflight_fixPermission', problem.scope, clientId, tenant);
    case 'admin_consent_missing':
      return t('preflight_fixAdminConsent', problem.scopes.join(', '), clientId, tenant);
    case 'redirect_wrong_platform':
      return t(
        problem.platform === 'web' ? 'preflight_fixRedirectFromWeb' : 'preflight_fixRedirectFromPublicClient',
        clientId,
        problem.redirectUri,
      );
    case 'redirect_missing':
      return t('preflight_fixRedirect', clientId, problem.redirectUri);
    case 'grants_unverified':
      return t('preflight_grantsUnverified');
    case 'redirect_unverified':
      return problem.reason === 'other_tenant' ? t('preflight_redirectOtherTenant', clientId) : t('preflight_redirectNotReadable');
  }
}

/** The pre-flight check's answer: each needed permission as the tenant grants it, admin consent, the redirect URI, the fixes. */
export function PreflightReport(props: { report: Report; clientId: string }) {
  const styles = useStyles();
  const table = useTableStyles();
  const { report, clientId } = props;
  return (
    <section className={styles.root} aria-labelledby="preflight-title" data-testid="preflight-report">
      <Subtitle2 as="h3" id="preflight-title">
        {t('preflight_heading')}
      </Subtitle2>
      <Table className={table.table} size="small" aria-label={t('preflight_permissionsLabel')}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t('preflight_columnPermission')}</TableHeaderCell>
            <TableHeaderCell>{t('preflight_columnStanding')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {report.permissions.map((permission) => (
            <TableRow key={permission.scope} data-scope={permission.scope} data-standing={permission.standing}>
              <TableCell>
                <code>{permission.scope}</code>
              </TableCell>
              <TableCell className={permission.standing === 'missing' ? styles.missing : undefined}>
                {t(STANDING[permission.standing])}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Body1 data-testid="preflight-admin-consent">{t(ADMIN_CONSENT[report.adminConsent])}</Body1>
      <Body1 data-testid="preflight-redirect" data-standing={report.redirect}>
        {t(REDIRECT[report.redirect], report.redirectUri)}
      </Body1>
      {report.problems.length === 0 ? (
        <MessageBar intent="success">
          <MessageBarBody>{t('preflight_allWell')}</MessageBarBody>
        </MessageBar>
      ) : (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('preflight_problemsHeading')}</MessageBarTitle>
            <ol className={styles.fixes} aria-label={t('preflight_problemsHeading')}>
              {report.problems.map((problem, index) => (
                <li key={index} data-problem={problem.kind}>
                  {fixFor(problem, clientId, report.tenantName)}
                </li>
              ))}
            </ol>
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
