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
    const opening = first.current;
    first.current = false;
    if (location.hash) return scrollToHash(location.hash);
    if (opening) return;
    const frame = window.requestAnimationFrame(() => {
      const target = document.querySelector<HTMLElement>('#main h1') ?? document.getElementById('main');
      target?.focus({ preventScroll: false });
      window.scrollTo(0, 0);
    });
    return () => window.cancelAnimationFrame(frame);
  }, [location.pathname, location.hash]);
}

/** How long a link's #target (as in the mails' "/me#mail-title") is waited for while the page loads its data. */
const HASH_WAIT_MS = 5000;

/** Scrolls to a link's #target once the (lazily loaded) page has rendered it; the browser's own jump comes too early. */
function scrollToHash(hash: string): () => void {
  const id = decodeURIComponent(hash.slice(1));
  const until = Date.now() + HASH_WAIT_MS;
  let timer = 0;
  const attempt = () => {
    const target = document.getElementById(id);
    if (target) {
      target.scrollIntoView({ block: 'start' });
      return;
    }
    if (Date.now() < until) timer = window.setTimeout(attempt, 100);
  };
  attempt();
  return () => window.clearTimeout(timer);
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
  const location = useLocation();
  const staffPage = location.pathname.startsWith('/staff') && !location.pathname.startsWith('/staff/help');
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
                    <>
                      <li>
                        {/* every staff page but the questions, which have their own entry */}
                        <Link to="/staff" className={staffPage ? 'active' : undefined} aria-current={staffPage ? 'page' : undefined}>
                          {t('nav.staff')}
                        </Link>
                      </li>
                      <li>
                        <NavLink to="/staff/help">{t('nav.staffHelp')}</NavLink>
                      </li>
                    </>
                  ) : (
                    <li>
                      <NavLink to="/help">{t('nav.help')}</NavLink>
                    </li>
                  )}
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
