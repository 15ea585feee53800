import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { useLanguage } from '../i18n';
import { useSession } from '../lib/session';
import { PageHeading, Section } from '../components/Page';
import { Empty, ErrorState, Loading } from '../components/States';
import { PartyLink, partyKindLabel } from '../components/Party';

const HomeQuery = graphql(`
  query Home($language: Language!) {
    toolCategories {
      slug
      label(language: $language)
    }
    tools {
      slug
      name
      openSource
      category {
        slug
      }
      alternatives {
        slug
        name
      }
    }
    districts {
      slug
      name
    }
  }
`);

const SearchQuery = graphql(`
  query Search($text: String!, $first: Int) {
    search(text: $text, first: $first) {
      score
      party {
        __typename
        ... on Association {
          id
          slug
          name
          description
          district {
            slug
            name
          }
        }
        ... on Volunteer {
          id
          slug
          displayName
          bio
          remote
          district {
            slug
            name
          }
        }
      }
    }
  }
`);

function SearchResults({ text }: { text: string }) {
  const { t } = useTranslation();
  const { account } = useSession();
  const [result, reexecute] = useQuery({ query: SearchQuery, variables: { text, first: 20 } });
  if (result.fetching && !result.data) return <Loading label={t('home.searching')} />;
  if (result.error && !result.data)
    return <ErrorState error={result.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />;
  const hits = result.data?.search ?? [];
  return (
    <div aria-live="polite">
      <h3 className="results-title">{t('home.resultsTitle', { count: hits.length, text })}</h3>
      {!account ? <p className="hint">{t('home.volunteersHidden')}</p> : null}
      {hits.length === 0 ? (
        <Empty>{t('home.noResults', { text })}</Empty>
      ) : (
        <ul className="card-list">
          {hits.map((hit) => {
            const p = hit.party;
            const summary = p.__typename === 'Association' ? p.description : p.bio;
            return (
              <li key={p.id} className="card">
                <p className="card__kind">{partyKindLabel(p.__typename, t)}</p>
                <h4 className="card__title">
                  <PartyLink party={p} />
                </h4>
                {p.district ? <p className="card__meta">{p.district.name}</p> : null}
                {summary ? <p className="card__text">{summary.length > 200 ? `${summary.slice(0, 200)} …` : summary}</p> : null}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

export function Home() {
  const { t } = useTranslation();
  const { api } = useLanguage();
  const { account, token } = useSession();
  const [params, setParams] = useSearchParams();
  const query = params.get('q') ?? '';
  const [text, setText] = useState(query);
  const [result, reexecute] = useQuery({ query: HomeQuery, variables: { language: api } });

  const search = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = text.trim();
    setParams(trimmed ? { q: trimmed } : {});
  };

  const data = result.data;
  return (
    <>
      <PageHeading title={t('home.title')} lead={t('home.lead')}>
        {t('home.title')}
      </PageHeading>

      <ol className="steps">
        <li>{t('home.step1')}</li>
        <li>{t('home.step2')}</li>
        <li>{t('home.step3')}</li>
      </ol>
      <p className="actions">
        {token ? (
          <Link className="button" to={account?.role === 'STAFF' ? '/staff' : '/inbox'}>
            {account?.role === 'STAFF' ? t('home.toStaff') : t('home.toInbox')}
          </Link>
        ) : (
          <>
            <Link className="button" to="/signup">
              {t('home.signUp')}
            </Link>
            <Link className="button button--secondary" to="/events">
              {t('home.toEvents')}
            </Link>
          </>
        )}
      </p>

      <Section id="search" title={t('home.searchTitle')}>
        <form role="search" className="search-form" onSubmit={search} aria-label={t('home.searchTitle')}>
          <div className="field">
            <label htmlFor="search-text" className="field__label">
              {t('home.searchLabel')}
            </label>
            <p className="hint" id="search-hint">
              {t('home.searchHint')}
            </p>
            <div className="search-form__row">
              <input
                id="search-text"
                type="search"
                className="input input--medium"
                value={text}
                onChange={(e) => setText(e.target.value)}
                aria-describedby="search-hint"
              />
              <button type="submit" className="button">
                {t('home.searchButton')}
              </button>
            </div>
          </div>
        </form>
        {query ? <SearchResults text={query} /> : null}
      </Section>

      <Section id="tools" title={t('home.toolsTitle')}>
        <p>{t('home.toolsLead')}</p>
        {result.fetching && !data ? <Loading /> : null}
        {result.error && !data ? (
          <ErrorState error={result.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />
        ) : null}
        {data ? (
          <div className="categories">
            {data.toolCategories.map((category) => {
              const tools = data.tools.filter((tool) => tool.category.slug === category.slug);
              if (tools.length === 0) return null;
              return (
                <details key={category.slug} className="category">
                  <summary>
                    <span className="category__label">{category.label}</span>{' '}
                    <span className="category__count">{t('home.toolCount', { count: tools.length })}</span>
                  </summary>
                  <ul className="tool-list">
                    {tools.map((tool) => (
                      <li key={tool.slug}>
                        <Link to={`/tools/${tool.slug}`}>{tool.name}</Link>
                        {tool.openSource ? <span className="badge badge--open">{t('tools.openSource')}</span> : null}
                        {!tool.openSource && tool.alternatives.length > 0 ? (
                          <p className="tool-list__alternatives">
                            {t('home.alternatives')}{' '}
                            {tool.alternatives.map((alt, i) => (
                              <span key={alt.slug}>
                                {i > 0 ? ', ' : ''}
                                <Link to={`/tools/${alt.slug}`}>{alt.name}</Link>
                              </span>
                            ))}
                          </p>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                </details>
              );
            })}
          </div>
        ) : null}
      </Section>

      <Section id="districts" title={t('home.districtsTitle')}>
        <p>{t('home.districtsLead')}</p>
        {data ? (
          <ul className="district-list">
            {data.districts.map((d) => (
              <li key={d.slug}>
                <Link to={`/associations?district=${d.slug}`}>{d.name}</Link>
              </li>
            ))}
          </ul>
        ) : null}
      </Section>
    </>
  );
}
