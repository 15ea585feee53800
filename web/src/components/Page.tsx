import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the document title: "<page> – <site>". */
export function useDocumentTitle(title: string): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = title ? `${title} – ${t('site.name')}` : t('site.name');
  }, [title, t]);
}

/** The page's one h1; focusable so that a route change can move the focus to it. */
export function PageHeading({ children, title, lead }: { children: ReactNode; title: string; lead?: ReactNode }) {
  useDocumentTitle(title);
  return (
    <div className="page-heading">
      <h1 tabIndex={-1} id="page-title">
        {children}
      </h1>
      {lead ? <p className="lead">{lead}</p> : null}
    </div>
  );
}

export function Section({ title, id, children, aside }: { title: ReactNode; id: string; children: ReactNode; aside?: ReactNode }) {
  return (
    <section className="section" aria-labelledby={`${id}-title`}>
      <div className="section__header">
        <h2 id={`${id}-title`}>{title}</h2>
        {aside}
      </div>
      {children}
    </section>
  );
}
