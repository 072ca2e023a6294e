import { Body1, makeStyles, Subtitle1, Title2, tokens } from '@fluentui/react-components';
import { SignInCheck } from '@/components/SignInCheck';

const useStyles = makeStyles({
  root: {
    maxWidth: '880px',
    margin: '0 auto',
    padding: tokens.spacingHorizontalXXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
  },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '480px' },
});

/** The console: tenants, the Grant-access wizard, connector details, history, settings and the activity log. */
export function ConsoleApp() {
  const styles = useStyles();
  return (
    <main className={styles.root}>
      <Title2 as="h1">Microsoft 365 connectors</Title2>
      <Body1>No tenant is connected yet. Check your app registration below, then grant access.</Body1>
      <section aria-labelledby="check-title" className={styles.form}>
        <Subtitle1 as="h2" id="check-title">
          Check the app registration
        </Subtitle1>
        <SignInCheck />
      </section>
    </main>
  );
}
