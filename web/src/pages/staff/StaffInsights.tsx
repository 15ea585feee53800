import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { InsightTablePartsFragment } from '../../gql/graphql';
import { useLanguage } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { RequireAccount } from '../../components/Guard';
import { PageHeading, Section } from '../../components/Page';
import { ErrorState, Loading } from '../../components/States';

graphql(`
  fragment InsightTableParts on InsightTable {
    key
    title
    columns
    rows {
      shown
      value
      suppressed
    }
    coveredFrom
    coveredTo
    parties {
      shown
      value
      suppressed
    }
    partyKind
    note
  }
`);

const InsightsQuery = graphql(`
  query StaffInsights {
    insights {
      minCount
      unmetNeeds {
        ...InsightTableParts
      }
      toolAdoption {
        ...InsightTableParts
      }
      toolAdoptionByMonth {
        ...InsightTableParts
      }
      suggestionFunnel {
        ...InsightTableParts
      }
      volunteerLoad {
        ...InsightTableParts
      }
      eventReach {
        ...InsightTableParts
      }
      peerExposure {
        ...InsightTableParts
      }
      reasonAcceptance {
        ...InsightTableParts
      }
    }
  }
`);

type Table = InsightTablePartsFragment;
type Cell = Table['rows'][number][number];

/** Bars drawn at most: a chart of a long table (skills by district) would be a wall; the table has every row. */
const CHART_ROWS = 20;

/** A label cell: no figure, and not a figure held back. */
function isLabel(cell: Cell): boolean {
  return cell.value == null && !cell.suppressed;
}

/** How many columns name the row (skill, district, ...): the leading ones that hold labels only; figures follow
 * (a figure that cannot be computed reads "-", which is not a label). */
function labelColumns(table: Table): number {
  let n = 0;
  const labelAt = (row: Cell[], i: number) => {
    const cell = row[i];
    return cell !== undefined && isLabel(cell);
  };
  while (n < table.columns.length && table.rows.every((row) => labelAt(row, n))) n++;
  return n;
}

/** A cell as staff read it: the API's "<5" for a small count; a hidden total in our words. */
function CellText({ cell }: { cell: Cell }) {
  const { t } = useTranslation();
  if (cell.suppressed && cell.value == null && !cell.shown.startsWith('<')) return <>{t('insights.hidden')}</>;
  return <>{cell.shown}</>;
}

/**
 * A bar per row for the table's first column of counts (its label: the row's label cells), drawn with CSS. The chart
 * repeats the table for the eye and is hidden from screen readers, which read the table.
 */
function Bars({ table, id }: { table: Table; id: string }) {
  const { t } = useTranslation();
  const labels = labelColumns(table);
  const column = labels;
  if (column >= table.columns.length || table.rows.length === 0) return null;
  const rows = table.rows.slice(0, CHART_ROWS);
  const largest = Math.max(1, ...rows.map((row) => row[column]?.value ?? 0));
  return (
    <figure className="bars" aria-labelledby={`${id}-chart`}>
      <figcaption id={`${id}-chart`} className="hint">
        {t('insights.chart', { column: table.columns[column] })}
        {table.rows.length > CHART_ROWS ? ` ${t('insights.chartFirst', { count: CHART_ROWS })}` : ''}
      </figcaption>
      <div aria-hidden="true">
        {rows.map((row, i) => {
          const cell = row[column];
          const label = row
            .slice(0, labels)
            .map((c) => c.shown)
            .join(' · ');
          const share = cell?.value != null ? cell.value / largest : 0;
          return (
            <div className="bars__row" key={i}>
              <span className="bars__label" lang="en">
                {label}
              </span>
              <span className="bars__track">
                <span
                  className={`bars__bar${cell?.suppressed ? ' bars__bar--suppressed' : ''}`}
                  style={{ width: `${Math.round(share * 100)}%` }}
                />
              </span>
              <span className="bars__value num">{cell ? <CellText cell={cell} /> : null}</span>
            </div>
          );
        })}
      </div>
    </figure>
  );
}

/** One insight: its period and party count first, then the table (API words in English), a chart and the note. */
function InsightSection({ table }: { table: Table }) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const id = `insight-${table.key.replace(/_/g, '-')}`;
  const to = formatDateTime(table.coveredTo, locale);
  const kind = t(`insights.kind.${table.partyKind}`, { defaultValue: table.partyKind });
  const labels = labelColumns(table);
  return (
    <Section id={id} title={t(`insights.tables.${table.key}`, { defaultValue: table.title })}>
      <dl className="facts">
        <div>
          <dt>{t('insights.covers')}</dt>
          <dd>
            {table.coveredFrom
              ? t('insights.period', { from: formatDateTime(table.coveredFrom, locale), to })
              : t('insights.asOf', { to })}
          </dd>
        </div>
        <div>
          <dt>{t('insights.parties')}</dt>
          <dd>
            <CellText cell={table.parties} /> {kind}
          </dd>
        </div>
      </dl>
      {table.rows.length === 0 ? (
        <p>{t('insights.empty')}</p>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
          <table className="table">
            <caption id={`${id}-caption`} lang="en">
              {table.title}
            </caption>
            <thead>
              <tr lang="en">
                {table.columns.map((column, i) => (
                  <th scope="col" key={i}>
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, c) =>
                    c === 0 && labels > 0 ? (
                      <th scope="row" key={c} lang="en">
                        {cell.shown}
                      </th>
                    ) : c < labels ? (
                      <td key={c} lang="en">
                        {cell.shown}
                      </td>
                    ) : (
                      <td key={c} className="num">
                        <CellText cell={cell} />
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {table.rows.length > 0 ? <Bars table={table} id={id} /> : null}
      <p className="hint" lang="en">
        {table.note}
      </p>
    </Section>
  );
}

function Insights() {
  const { t } = useTranslation();
  const [result, reexecute] = useQuery({ query: InsightsQuery, requestPolicy: 'network-only' });
  if (result.fetching && !result.data) return <Loading />;
  if (result.error && !result.data)
    return <ErrorState error={result.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />;
  const insights = result.data?.insights;
  if (!insights) return null;
  const tables = [
    insights.unmetNeeds,
    insights.toolAdoption,
    insights.toolAdoptionByMonth,
    insights.suggestionFunnel,
    insights.volunteerLoad,
    insights.eventReach,
    insights.peerExposure,
    insights.reasonAcceptance,
  ];
  return (
    <>
      <p className="notice notice--info">{t('insights.privacy', { min: insights.minCount, max: insights.minCount - 1 })}</p>
      {tables.map((table) => (
        <InsightSection key={table.key} table={table} />
      ))}
    </>
  );
}

/** Staff's insights: small tables of counts over the whole network that name nobody, each with a bar chart. */
export function StaffInsights() {
  const { t } = useTranslation();
  return (
    <RequireAccount title={t('insights.title')} roles={['STAFF']} wrongRole={t('staff.onlyStaff')}>
      {() => (
        <>
          <PageHeading title={t('insights.title')} lead={t('insights.lead')}>
            {t('insights.title')}
          </PageHeading>
          <Insights />
        </>
      )}
    </RequireAccount>
  );
}
