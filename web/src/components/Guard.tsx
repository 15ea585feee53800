import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { Role } from '../gql/graphql';
import { useSession, type Account } from '../lib/session';
import { PageHeading } from './Page';
import { Loading } from './States';

/**
 * Renders `children(account)` for a signed-in account (of one of `roles`, when given); otherwise a page with
 * `title` as its h1 that says what to do.
 */
export function RequireAccount({
  title,
  roles,
  wrongRole,
  children,
}: {
  title: string;
  roles?: Role[];
  wrongRole?: ReactNode;
  children: (account: Account) => ReactNode;
}) {
  const { t } = useTranslation();
  const { account, loading, token } = useSession();
  const location = useLocation();
  if (token && (loading || !account)) {
    return (
      <>
        <PageHeading title={title}>{title}</PageHeading>
        <Loading />
      </>
    );
  }
  if (!account) {
    const next = encodeURIComponent(location.pathname + location.search);
    return (
      <>
        <PageHeading title={title}>{title}</PageHeading>
        <p>{t('guard.signInFirst')}</p>
        <p className="actions">
          <Link className="button" to={`/login?next=${next}`}>
            {t('guard.logIn')}
          </Link>
          <Link className="button button--secondary" to="/signup">
            {t('guard.signUp')}
          </Link>
        </p>
      </>
    );
  }
  if (roles && !roles.includes(account.role)) {
    return (
      <>
        <PageHeading title={title}>{title}</PageHeading>
        <p>{wrongRole ?? t('guard.wrongRole')}</p>
      </>
    );
  }
  return <>{children(account)}</>;
}
