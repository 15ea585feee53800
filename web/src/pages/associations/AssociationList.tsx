import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { AssociationFilterInput } from '../../gql/graphql';
import { useCatalogue } from '../../lib/catalogue';
import { useSession } from '../../lib/session';
import { SelectField, TextField } from '../../components/Form';
import { PageHeading } from '../../components/Page';
import { MoreButton } from '../../components/MoreButton';
import { Empty, ErrorState, Loading } from '../../components/States';

const AssociationsQuery = graphql(`
  query AssociationList($filter: AssociationFilterInput, $first: Int, $after: String) {
    associations(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        slug
        name
        description
        paidStaff
        district {
          slug
          name
        }
        tools {
          tool {
            slug
            name
          }
        }
      }
    }
  }
`);

const PAGE = 20;

function Page({ filter, after, onMore }: { filter: AssociationFilterInput; after: string | null; onMore: (cursor: string) => void }) {
  const { t } = useTranslation();
  const [result, reexecute] = useQuery({ query: AssociationsQuery, variables: { filter, first: PAGE, after } });
  if (result.fetching && !result.data) return <Loading />;
  if (result.error && !result.data)
    return <ErrorState error={result.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />;
  const connection = result.data?.associations;
  if (!connection) return null;
  return (
    <>
      {after === null ? (
        <p role="status" className="results-count">
          {t('associations.count', { count: connection.totalCount })}
        </p>
      ) : null}
      {connection.nodes.length === 0 && after === null ? <Empty>{t('associations.none')}</Empty> : null}
      <ul className="card-list">
        {connection.nodes.map((a) => (
          <li key={a.id} className="card">
            <h2 className="card__title card__title--small">
              <Link to={`/associations/${a.slug}`}>{a.name}</Link>
            </h2>
            <p className="card__meta">
              {a.district?.name ?? t('association.noDistrictShort')}
              {a.paidStaff === 0 ? ` · ${t('association.volunteerRun')}` : ''}
            </p>
            {a.tools.length > 0 ? (
              <p className="card__text">
                {t('associations.uses', { tools: a.tools.slice(0, 5).map((u) => u.tool.name).join(', ') })}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      <MoreButton pageInfo={connection.pageInfo} onMore={onMore}>
        {t('associations.more')}
      </MoreButton>
    </>
  );
}

export function AssociationList() {
  const { t } = useTranslation();
  const { catalogue } = useCatalogue();
  const { account } = useSession();
  const [params, setParams] = useSearchParams();
  const [district, setDistrict] = useState(params.get('district') ?? '');
  const [tool, setTool] = useState(params.get('tool') ?? '');
  const [field, setField] = useState(params.get('field') ?? '');
  const [text, setText] = useState(params.get('q') ?? '');
  const [pages, setPages] = useState<string[]>([]);

  const filter: AssociationFilterInput = {};
  const d = params.get('district');
  const tl = params.get('tool');
  const f = params.get('field');
  const q = params.get('q');
  if (d) filter.districts = [d];
  if (tl) filter.usesTools = [tl];
  if (f) filter.fields = [f];
  if (q) filter.text = q;

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next: Record<string, string> = {};
    if (district) next.district = district;
    if (tool) next.tool = tool;
    if (field) next.field = field;
    if (text.trim()) next.q = text.trim();
    setPages([]);
    setParams(next);
  };

  return (
    <>
      <PageHeading title={t('associations.title')} lead={account ? t('associations.leadSignedIn') : t('associations.lead')}>
        {t('associations.title')}
      </PageHeading>
      {account && account.role !== 'VOLUNTEER' ? (
        <p className="actions">
          <Link to="/associations/new" className="button button--secondary">
            {t('associations.create')}
          </Link>
        </p>
      ) : null}
      <form className="filters" onSubmit={apply} aria-label={t('associations.filters')}>
        <SelectField
          id="filter-district"
          label={t('association.district')}
          value={district}
          onChange={setDistrict}
          empty={t('associations.anyDistrict')}
          options={(catalogue?.districts ?? []).map((x) => ({ value: x.slug, label: x.label }))}
        />
        <SelectField
          id="filter-tool"
          label={t('associations.tool')}
          value={tool}
          onChange={setTool}
          empty={t('associations.anyTool')}
          options={(catalogue?.tools ?? []).map((x) => ({ value: x.slug, label: x.label }))}
        />
        <SelectField
          id="filter-field"
          label={t('associations.field')}
          value={field}
          onChange={setField}
          empty={t('associations.anyField')}
          options={(catalogue?.fields ?? []).map((x) => ({ value: x.slug, label: x.label }))}
        />
        <TextField id="filter-text" label={t('associations.text')} value={text} onChange={setText} type="search" width="medium" />
        <div className="form-actions">
          <button type="submit" className="button">
            {t('associations.apply')}
          </button>
        </div>
      </form>
      <div key={params.toString()}>
        <Page filter={filter} after={null} onMore={(c) => setPages([c])} />
        {pages.map((cursor, i) => (
          <Page key={cursor} filter={filter} after={cursor} onMore={(c) => setPages([...pages.slice(0, i + 1), c])} />
        ))}
      </div>
    </>
  );
}
