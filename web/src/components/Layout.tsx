import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useLocation, useNavigate } from 'react-router';
import { useLanguage } from '../i18n';
import { useSession } from '../lib/session';
import { useAnnounce } from './Announcer';

/** After a client-side navigation, the focus moves to the new page's h1 (or main), as a page load would. */
function useRouteFocus() {
  const location = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (location.hash) return;
    const frame = window.requestAnimationFrame(() => {
      const target = document.querySelector<HTMLElement>('#main h1') ?? document.getElementById('main');
      target?.focus({ preventScroll: false });
      window.scrollTo(0, 0);
    });
    return () => window.cancelAnimationFrame(frame);
  }, [location.pathname, location.hash]);
}

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const { language } = useLanguage();
  const other = language === 'de' ? 'en' : 'de';
  return (
    <button
      type="button"
      className="link-button language-switch"
      lang={other}
      onClick={() => void i18n.changeLanguage(other)}
    >
      {t('nav.otherLanguage')}
    </button>
  );
}

function SessionNotice() {
  const { t } = useTranslation();
  const { notice, dismissNotice } = useSession();
  if (!notice) return null;
  const text =
    notice === 'expired' ? t('session.expired') : notice === 'deleted' ? t('session.deleted') : t('session.signedOut');
  return (
    <div className={`notice ${notice === 'expired' ? 'notice--warning' : 'notice--success'} session-notice`} role="status">
      <p>
        {text}
        {notice === 'expired' ? (
          <>
            {' '}
            <Link to="/login">{t('session.logInAgain')}</Link>
          </>
        ) : null}
      </p>
      <button type="button" className="link-button" onClick={dismissNotice}>
        {t('session.dismiss')}
      </button>
    </div>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { account, token, signOut, parties } = useSession();
  const associations = parties?.associations ?? [];
  const navigate = useNavigate();
  const announce = useAnnounce();
  useRouteFocus();

  const logOut = () => {
    signOut('signedOut');
    announce(t('session.signedOut'));
    void navigate('/');
  };

  const role = account?.role;
  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="site-header">
        <div className="container site-header__inner">
          <Link to="/" className="site-name">
            {t('site.name')}
          </Link>
          <nav aria-label={t('nav.label')} className="site-nav">
            <ul>
              <li>
                <NavLink to="/" end>
                  {t('nav.home')}
                </NavLink>
              </li>
              <li>
                <NavLink to="/associations" end>
                  {t('nav.associations')}
                </NavLink>
              </li>
              <li>
                <NavLink to="/events">{t('nav.events')}</NavLink>
              </li>
              {account ? (
                <>
                  {role !== 'STAFF' ? (
                    <li>
                      <NavLink to="/inbox">{t('nav.inbox')}</NavLink>
                    </li>
                  ) : null}
                  {associations.length > 0 ? (
                    <li>
                      <NavLink to={associations.length === 1 ? `/associations/${associations[0]?.slug}` : '/me'} end>
                        {associations.length === 1 ? t('nav.myAssociation') : t('nav.myAssociations')}
                      </NavLink>
                    </li>
                  ) : null}
                  {role === 'VOLUNTEER' ? (
                    <li>
                      <NavLink to="/volunteer">{t('nav.volunteer')}</NavLink>
                    </li>
                  ) : null}
                  {role === 'STAFF' ? (
                    <li>
                      <NavLink to="/staff">{t('nav.staff')}</NavLink>
                    </li>
                  ) : null}
                  <li>
                    <NavLink to="/me">{t('nav.me')}</NavLink>
                  </li>
                </>
              ) : null}
            </ul>
          </nav>
          <div className="site-header__tools">
            {token ? (
              <>
                {account ? (
                  <span className="signed-in-as">
                    {t('nav.signedInAs', { email: account.email })}
                  </span>
                ) : null}
                <button type="button" className="link-button" onClick={logOut}>
                  {t('nav.logOut')}
                </button>
              </>
            ) : (
              <>
                <NavLink to="/login">{t('nav.logIn')}</NavLink>
                <NavLink to="/signup">{t('nav.signUp')}</NavLink>
              </>
            )}
            <LanguageSwitch />
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="container main">
        <SessionNotice />
        {children}
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{t('footer.about')}</p>
          <ul className="inline-list">
            <li>
              <Link to="/me">{t('footer.privacy')}</Link>
            </li>
            <li>
              <a href="/graphiql.html">{t('footer.api')}</a>
            </li>
          </ul>
        </div>
      </footer>
    </>
  );
}
