import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import type { TFunction } from 'i18next';
import { graphql } from '../../gql';
import type { ExperienceReportCardFragment, Language, ReportOrder, ReportStatus, SwitchDuration, ToolReportSummaryQuery } from '../../gql/graphql';
import { useLanguage } from '../../i18n';
import { formatDate, formatNumber } from '../../lib/format';
import { languageName } from '../../lib/languages';
import { RadioGroup } from '../../components/Form';
import { MoreButton } from '../../components/MoreButton';
import { Empty, ErrorState, Loading } from '../../components/States';

graphql(`
  fragment ExperienceReportCard on ExperienceReport {
    id
    rating
    usedFor
    wentWell
    wentBadly
    switchDuration
    tips
    language
    writtenAt
    replaced {
      slug
      name
    }
    association {
      id
      slug
      name
    }
  }
`);

/** The rating and the staff's tips: read once per tool, apart from the pages of reports. */
export const ToolReportSummaryQueryDocument = graphql(`
  query ToolReportSummary($id: ID!) {
    node(id: $id) {
      ... on Tool {
        id
        averageRating {
          average
          count
        }
        tips {
          text
          language
        }
      }
    }
  }
`);

const ToolReportsQuery = graphql(`
  query ToolReports($id: ID!, $order: ReportOrder!, $first: Int, $after: String) {
    node(id: $id) {
      ... on Tool {
        id
        experienceReports(order: $order, first: $first, after: $after) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          nodes {
            ...ExperienceReportCard
          }
        }
      }
    }
  }
`);

/** Reports per page: a few full reports fill a phone's screen several times. */
const PAGE = 10;

/** The API's report language as the `lang` of its texts. */
export function langOf(language: Language): string {
  return language.toLowerCase();
}

/**
 * Stars for a rating of 1 to 5 (an average is rounded), drawn for the eye only: the words next to them say the
 * same for screen readers.
 */
export function Stars({ value }: { value: number }) {
  const full = Math.min(5, Math.max(0, Math.round(value)));
  return (
    <span className="stars" aria-hidden="true">
      {'★'.repeat(full)}
      <span className="stars__empty">{'☆'.repeat(5 - full)}</span>
    </span>
  );
}

export function durationLabel(duration: SwitchDuration, t: TFunction): string {
  return t(`reports.duration.${duration}`);
}

export function reportStatusLabel(status: ReportStatus, t: TFunction): string {
  return t(`reports.status${status}`);
}

type Summary = Extract<NonNullable<ToolReportSummaryQuery['node']>, { __typename?: 'Tool' }>;

/** The tool's summary for the facts list: stars, the average in words and how many reports it comes from. */
export function RatingFact({ summary }: { summary: Summary | undefined }) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const rating = summary?.averageRating;
  return (
    <div>
      <dt>{t('reports.ratingTitle')}</dt>
      <dd>
        {!rating ? (
          <span className="hint">{t('states.loading')}</span>
        ) : rating.average == null ? (
          t('reports.noRating')
        ) : (
          <>
            <Stars value={rating.average} /> {t('reports.averageOf', { average: formatNumber(rating.average, locale, 1) })}{' '}
            <a href="#reports-title">{t('reports.reportCount', { count: rating.count })}</a>
          </>
        )}
      </dd>
    </div>
  );
}

/** Staff's tips in the interface's language; those in the other language when there are none in it. */
export function ToolTips({ summary }: { summary: Summary | undefined }) {
  const { t } = useTranslation();
  const { api } = useLanguage();
  const tips = summary?.tips ?? [];
  const own = tips.filter((tip) => tip.language === api);
  const shown = own.length > 0 ? own : tips;
  if (shown.length === 0) return null;
  return (
    <section className="section tips" aria-labelledby="tips-title">
      <h2 id="tips-title">{t('reports.tipsTitle')}</h2>
      <ul className="tips__list">
        {shown.map((tip, i) => (
          <li key={i} lang={langOf(tip.language)}>
            {tip.text}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** What a report says, in its own language: what it was used for, how long the switch took, what it replaced, and
 * the texts it has (empty ones are left out). */
export function ReportFacts({ report }: { report: ExperienceReportCardFragment }) {
  const { t } = useTranslation();
  const lang = langOf(report.language);
  const texts: [string, string][] = [
    [t('reports.wentWell'), report.wentWell],
    [t('reports.wentBadly'), report.wentBadly],
    [t('reports.tips'), report.tips],
  ];
  return (
    <dl className="report__facts">
      <div>
        <dt>{t('reports.usedFor')}</dt>
        <dd lang={lang} className="report__text">
          {report.usedFor}
        </dd>
      </div>
      {report.switchDuration ? (
        <div>
          <dt>{t('reports.switchDuration')}</dt>
          <dd>{durationLabel(report.switchDuration, t)}</dd>
        </div>
      ) : null}
      {report.replaced ? (
        <div>
          <dt>{t('reports.replaced')}</dt>
          <dd>
            <Link to={`/tools/${report.replaced.slug}`}>{report.replaced.name}</Link>
          </dd>
        </div>
      ) : null}
      {texts.map(([label, text]) =>
        text ? (
          <div key={label}>
            <dt>{label}</dt>
            <dd lang={lang} className="report__text">
              {text}
            </dd>
          </div>
        ) : null,
      )}
    </dl>
  );
}

/** One approved report: who (linked) and how they rated it first, then what they wrote, in its own language. */
export function ReportCard({ report }: { report: ExperienceReportCardFragment }) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const headingId = `report-${report.id.replace(/[^A-Za-z0-9_-]/g, '')}`;
  return (
    <article className="report" aria-labelledby={headingId}>
      <h3 id={headingId} className="report__by">
        {report.association ? (
          <Link to={`/associations/${report.association.slug}`}>{report.association.name}</Link>
        ) : (
          t('reports.someAssociation')
        )}
      </h3>
      <p className="report__rating">
        <Stars value={report.rating} /> {t('reports.ratingOf', { rating: report.rating })}
      </p>
      <p className="report__meta">
        {t('reports.writtenAt', { date: formatDate(report.writtenAt, locale) })}
        {' · '}
        {t('reports.inLanguage', { language: languageName(langOf(report.language), locale) })}
      </p>
      <ReportFacts report={report} />
    </article>
  );
}

function ReportPage({
  toolId,
  toolName,
  order,
  after,
  onMore,
  emptyAction,
}: {
  toolId: string;
  toolName: string;
  order: ReportOrder;
  after: string | null;
  onMore: (cursor: string) => void;
  emptyAction?: ReactNode;
}) {
  const { t } = useTranslation();
  const [result, reexecute] = useQuery({ query: ToolReportsQuery, variables: { id: toolId, order, first: PAGE, after } });
  if (result.fetching && !result.data) return <Loading lines={4} />;
  if (result.error && !result.data)
    return <ErrorState error={result.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />;
  const node = result.data?.node;
  const connection = node && 'experienceReports' in node ? node.experienceReports : undefined;
  if (!connection) return null;
  if (connection.totalCount === 0 && after === null)
    return <Empty action={emptyAction}>{t('reports.none', { tool: toolName })}</Empty>;
  return (
    <>
      {after === null ? (
        <p className="results-count" role="status">
          {t('reports.shown', { count: connection.totalCount })}
        </p>
      ) : null}
      <ul className="report-list">
        {connection.nodes.map((report) => (
          <li key={report.id}>
            <ReportCard report={report} />
          </li>
        ))}
      </ul>
      <MoreButton pageInfo={connection.pageInfo} onMore={onMore}>
        {t('reports.more')}
      </MoreButton>
    </>
  );
}

const ORDERS: readonly ReportOrder[] = ['NEWEST', 'BEST_RATED'];

/**
 * The tool's approved reports, a page at a time, newest or best rated first; the order is kept in the address
 * (`?order=BEST_RATED`), so it survives a reload and can be shared.
 */
export function ToolReports({
  toolId,
  toolName,
  count,
  emptyAction,
}: {
  toolId: string;
  toolName: string;
  /** How many there are (from the rating): the order is offered from two on. */
  count: number | undefined;
  emptyAction?: ReactNode;
}) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  // Held here too, so a choice shows at once (the address changes in a transition of the router).
  const [order, setOrder] = useState<ReportOrder>(() => ORDERS.find((o) => o === params.get('order')) ?? 'NEWEST');
  const [pages, setPages] = useState<string[]>([]);
  return (
    <>
      <p className="section__lead">{t('reports.listLead', { tool: toolName })}</p>
      {count !== undefined && count > 1 ? (
        <div className="report-order">
          <RadioGroup
            id="report-order"
            legend={t('reports.order')}
            value={order}
            inline
            onChange={(next) => {
              setOrder(next);
              setPages([]);
              const changed = new URLSearchParams(params);
              if (next === 'NEWEST') changed.delete('order');
              else changed.set('order', next);
              setParams(changed, { replace: true, preventScrollReset: true });
            }}
            options={ORDERS.map((o) => ({ value: o, label: t(`reports.order${o}`) }))}
          />
        </div>
      ) : null}
      <div key={order}>
        <ReportPage toolId={toolId} toolName={toolName} order={order} after={null} onMore={(c) => setPages([c])} emptyAction={emptyAction} />
        {pages.map((cursor, i) => (
          <ReportPage
            key={cursor}
            toolId={toolId}
            toolName={toolName}
            order={order}
            after={cursor}
            onMore={(c) => setPages([...pages.slice(0, i + 1), c])}
          />
        ))}
      </div>
    </>
  );
}
