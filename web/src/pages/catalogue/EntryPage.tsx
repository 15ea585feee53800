import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CombinedError } from 'urql';
import { PageHeading } from '../../components/Page';
import { ErrorState, Loading } from '../../components/States';

/**
 * A catalogue entry's page (a skill, a tool) read from the whole list: loading and error under the list's
 * title, "not found" with a link back to the catalogue, else the entry.
 */
export function EntryPage<E>({
  fetching,
  error,
  retry,
  entry,
  pageTitle,
  notFound,
  children,
}: {
  fetching: boolean;
  error: CombinedError | undefined;
  retry: () => void;
  entry: E | undefined;
  pageTitle: string;
  notFound: string;
  children: (entry: E) => ReactNode;
}) {
  const { t } = useTranslation();
  if (fetching || error)
    return (
      <>
        <PageHeading title={pageTitle}>{pageTitle}</PageHeading>
        {fetching ? <Loading /> : <ErrorState error={error} retry={retry} />}
      </>
    );
  if (entry === undefined)
    return (
      <>
        <PageHeading title={notFound}>{notFound}</PageHeading>
        <p>
          <Link to="/">{t('tools.toCatalogue')}</Link>
        </p>
      </>
    );
  return <>{children(entry)}</>;
}

/** Links to tools' pages, as tags. */
export function ToolLinks({ tools }: { tools: readonly { slug: string; name: string }[] }) {
  return (
    <ul className="tag-list">
      {tools.map((x) => (
        <li key={x.slug}>
          <Link to={`/tools/${x.slug}`}>{x.name}</Link>
        </li>
      ))}
    </ul>
  );
}

/** Links to associations' pages, each with its district. */
export function AssociationLinks({ associations }: { associations: readonly { id: string; slug: string; name: string; district?: { name: string } | null }[] }) {
  return (
    <ul className="plain-list">
      {associations.map((a) => (
        <li key={a.id}>
          <Link to={`/associations/${a.slug}`}>{a.name}</Link>
          {a.district ? <span className="hint"> · {a.district.name}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** "Frage zu Nextcloud stellen": to the help page with the tool or skill chosen (signed-out people log in first). */
export function AskLink({ kind, slug, name }: { kind: 'tool' | 'skill'; slug: string; name: string }) {
  const { t } = useTranslation();
  const key = kind === 'tool' ? 'tools.askAbout' : 'skills.askAbout';
  return (
    <p className="actions">
      <Link className="button button--secondary" to={`/help?${kind}=${encodeURIComponent(slug)}`}>
        {t(key, { name })}
      </Link>
    </p>
  );
}
