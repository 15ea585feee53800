import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CombinedError } from 'urql';

/** A skeleton while data loads; screen readers hear "Wird geladen". */
export function Loading({ label, lines = 3 }: { label?: string; lines?: number }) {
  const { t } = useTranslation();
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="visually-hidden">{label ?? t('states.loading')}</span>
      <div aria-hidden="true">
        {Array.from({ length: lines }, (_, i) => (
          <div key={i} className="skeleton" style={{ width: `${90 - i * 15}%` }} />
        ))}
      </div>
    </div>
  );
}

/** Nothing to show yet, and what to do about it. */
export function Empty({ children, action }: { children: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty">
      <p>{children}</p>
      {action ? <p>{action}</p> : null}
    </div>
  );
}

/** What went wrong and what to try. */
export function ErrorState({ error, retry, children }: { error?: CombinedError | undefined; retry?: () => void; children?: ReactNode }) {
  const { t } = useTranslation();
  const offline = !!error?.networkError;
  return (
    <div className="error-state" role="alert">
      <p className="error-state__title">{children ?? (offline ? t('states.offline') : t('states.error'))}</p>
      <p>{offline ? t('states.offlineHint') : t('states.errorHint')}</p>
      {error && !offline && error.graphQLErrors.length > 0 ? (
        <p className="problem-detail" lang="en">
          {error.graphQLErrors.map((e) => e.message).join(' ')}
        </p>
      ) : null}
      {retry ? (
        <button type="button" className="button button--secondary" onClick={retry}>
          {t('states.retry')}
        </button>
      ) : null}
    </div>
  );
}

export function Notice({ children, tone = 'info' }: { children: ReactNode; tone?: 'info' | 'success' | 'warning' }) {
  return <div className={`notice notice--${tone}`}>{children}</div>;
}
