import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link, useParams } from 'react-router';
import { useMemo } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { ToolPageQuery } from '../../gql/graphql';
import { useLanguage } from '../../i18n';
import { PageHeading, Section } from '../../components/Page';
import { Empty, ErrorState, Loading } from '../../components/States';
import { useSession } from '../../lib/session';
import { AskLink, AssociationLinks, EntryPage, ToolLinks } from './EntryPage';
import { RatingFact, ToolReportSummaryQueryDocument, ToolReports, ToolTips } from './reports';
import { REPORT_LISTS, YourReport } from './YourReport';

// The schema has no tool(slug) query: the page reads the (small) tool list and picks its tool.
const ToolsQuery = graphql(`
  query ToolPage($language: Language!) {
    tools {
      id
      slug
      name
      openSource
      license
      selfHostable
      deployment
      category {
        slug
        label(language: $language)
      }
      alternatives {
        slug
        name
      }
      replaces {
        slug
        name
      }
    }
  }
`);

const UsersQuery = graphql(`
  query ToolUsers($tool: String!) {
    associations(filter: { usesTools: [$tool] }, first: 20) {
      totalCount
      nodes {
        id
        slug
        name
        district {
          name
        }
      }
    }
  }
`);

function Users({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const [result, reexecute] = useQuery({ query: UsersQuery, variables: { tool: slug } });
  if (result.fetching && !result.data) return <Loading lines={2} />;
  if (result.error && !result.data) return <ErrorState error={result.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />;
  const connection = result.data?.associations;
  if (!connection || connection.totalCount === 0) return <Empty>{t('tools.noUsers')}</Empty>;
  return (
    <>
      <p>{t('tools.usedBy', { count: connection.totalCount })}</p>
      <AssociationLinks associations={connection.nodes} />
      {connection.totalCount > connection.nodes.length ? (
        <p>
          <Link to={`/associations?tool=${slug}`}>{t('tools.allUsers')}</Link>
        </p>
      ) : null}
    </>
  );
}

function yesNo(value: boolean | null | undefined, t: TFunction): string {
  return value == null ? t('tools.unsure') : value ? t('tools.yes') : t('tools.no');
}

type ToolEntry = ToolPageQuery['tools'][number];

/**
 * The tool: its facts (with the associations' rating), staff's tips, the approved experience reports, your own
 * report (members), alternatives and who uses it.
 */
function ToolBody({ tool }: { tool: ToolEntry }) {
  const { t } = useTranslation();
  const { account } = useSession();
  // read apart from the tool list (a list of tools would cost one query per tool); again after a report is written
  const [summary] = useQuery({
    query: ToolReportSummaryQueryDocument,
    variables: { id: tool.id },
    context: useMemo(() => REPORT_LISTS, []),
  });
  const node = summary.data?.node;
  const found = node && 'averageRating' in node ? node : undefined;
  const writes = !account || account.role === 'MEMBER';
  return (
    <>
      <PageHeading title={tool.name} lead={tool.category.label}>
        {tool.name}
      </PageHeading>
      <AskLink kind="tool" slug={tool.slug} name={tool.name} />
      <dl className="facts">
        <RatingFact summary={found} />
        <div>
          <dt>{t('tools.openSource')}</dt>
          <dd>{yesNo(tool.openSource, t)}</dd>
        </div>
        {tool.license ? (
          <div>
            <dt>{t('tools.license')}</dt>
            <dd>{tool.license}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('tools.selfHostable')}</dt>
          <dd>{yesNo(tool.selfHostable, t)}</dd>
        </div>
        {tool.deployment.length > 0 ? (
          <div>
            <dt>{t('tools.deployment')}</dt>
            <dd>{tool.deployment.join(', ')}</dd>
          </div>
        ) : null}
      </dl>
      <ToolTips summary={found} />
      <Section id="reports" title={t('reports.listTitle')}>
        <ToolReports
          toolId={tool.id}
          toolName={tool.name}
          count={found?.averageRating.count}
          emptyAction={writes ? <a href="#your-report-title">{t('reports.noneMember', { tool: tool.name })}</a> : undefined}
        />
      </Section>
      <YourReport tool={tool} />
      {tool.alternatives.length > 0 ? (
        <Section id="alternatives" title={t('tools.alternativesTitle')}>
          <ToolLinks tools={tool.alternatives} />
        </Section>
      ) : null}
      {tool.replaces.length > 0 ? (
        <Section id="replaces" title={t('tools.replacesTitle')}>
          <ToolLinks tools={tool.replaces} />
        </Section>
      ) : null}
      <Section id="users" title={t('tools.usersTitle')}>
        <Users slug={tool.slug} />
      </Section>
    </>
  );
}

export function ToolPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const { api } = useLanguage();
  const [result, reexecute] = useQuery({ query: ToolsQuery, variables: { language: api } });
  return (
    <EntryPage
      fetching={result.fetching && !result.data}
      error={result.data ? undefined : result.error}
      retry={() => reexecute({ requestPolicy: 'network-only' })}
      entry={result.data?.tools.find((x) => x.slug === slug)}
      pageTitle={t('tools.pageTitle')}
      notFound={t('tools.notFound')}
    >
      {(tool) => <ToolBody key={tool.slug} tool={tool} />}
    </EntryPage>
  );
}
