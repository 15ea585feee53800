import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { HelpQuestionFilterInput, HelpQuestionStatus, StaffHelpQuestionsQuery } from '../../gql/graphql';
import { useLanguage } from '../../i18n';
import { useCatalogue, type Catalogue } from '../../lib/catalogue';
import { formatDate } from '../../lib/format';
import { Checkbox, ErrorMessage, RadioGroup } from '../../components/Form';
import { RequireAccount } from '../../components/Guard';
import { MoreButton } from '../../components/MoreButton';
import { PageHeading, Section } from '../../components/Page';
import { Empty, ErrorState, Loading } from '../../components/States';
import { ReasonList } from '../../components/SuggestionCard';
import { QUESTION_LISTS, StatusBadge, Topic, shortText, statusLabel, useCloseQuestion } from '../help/questions';

const CountsQuery = graphql(`
  query StaffHelpCounts {
    helpQuestionCounts {
      open
      claimed
      answered
      closed
      unanswered
      unansweredAfterDays
    }
  }
`);

const QuestionsQuery = graphql(`
  query StaffHelpQuestions($filter: HelpQuestionFilterInput, $first: Int, $after: String) {
    helpQuestions(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...HelpQuestionCard
        routes {
          volunteerName
          rank
        }
      }
    }
  }
`);

// Reasons are read per question when asked for: nested under every row, the cost limit counts 100 x 100 of them.
const RouteReasonsQuery = graphql(`
  query StaffHelpRouteReasons($id: ID!) {
    helpQuestion(id: $id) {
      id
      routes {
        volunteerName
        rank
        reasons {
          code
          detail
        }
      }
    }
  }
`);

const PAGE = 50;
const STATUSES: HelpQuestionStatus[] = ['OPEN', 'CLAIMED', 'ANSWERED', 'CLOSED'];
const DAY_MS = 24 * 60 * 60 * 1000;

type Row = StaffHelpQuestionsQuery['helpQuestions']['nodes'][number];

function Age({ askedAt }: { askedAt: string }) {
  const { t } = useTranslation();
  const days = Math.floor((Date.now() - new Date(askedAt).getTime()) / DAY_MS);
  return <span className="hint">{days < 1 ? t('staffHelp.today') : t('staffHelp.age', { count: days })}</span>;
}

function RouteReasons({ id, catalogue }: { id: string; catalogue: Catalogue | null }) {
  const [result, reexecute] = useQuery({ query: RouteReasonsQuery, variables: { id } });
  if (result.fetching && !result.data) return <Loading lines={2} />;
  if (result.error && !result.data)
    return <ErrorState error={result.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />;
  return (
    <ol className="cell-list">
      {(result.data?.helpQuestion?.routes ?? []).map((r) => (
        <li key={r.rank}>
          {r.volunteerName}
          <ReasonList reasons={r.reasons} perspective="helpRouteStaff" catalogue={catalogue} />
        </li>
      ))}
    </ol>
  );
}

/** Who it went to, best first; "why" opens the routing's reasons, from staff's side. */
function Routes({ row, catalogue }: { row: Row; catalogue: Catalogue | null }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (row.routes.length === 0) return <span className="hint">{t('staffHelp.notRouted')}</span>;
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        {row.routes.map((r) => r.volunteerName).join(', ')} <span className="hint">({t('staffHelp.why')})</span>
      </summary>
      {open ? <RouteReasons id={row.id} catalogue={catalogue} /> : null}
    </details>
  );
}

function QuestionRow({ row, catalogue }: { row: Row; catalogue: Catalogue | null }) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const close = useCloseQuestion(t('staffHelp.closed'));
  const name = shortText(row.text, 60);
  const errorId = `close-error-${row.id.replace(/[^A-Za-z0-9_-]/g, '')}`;
  return (
    <tr>
      <th scope="row">
        <details>
          <summary>{name}</summary>
          <p className="answer__text">{row.text}</p>
          {row.answer ? <p className="answer__text">{row.answer}</p> : null}
        </details>
      </th>
      <td>{row.about ? <Topic about={row.about} bare /> : '–'}</td>
      <td>
        {row.askerName ?? t('staffHelp.anonymous')}
        {row.byMail ? <span className="hint"> · {t('help.byMail')}</span> : null}
      </td>
      <td>
        {formatDate(row.askedAt, locale)} <Age askedAt={row.askedAt} />
      </td>
      <td>
        <StatusBadge status={row.status} />
        {row.status === 'CLAIMED' && row.claimedBy ? (
          <span className="hint"> {t('staffHelp.claimedBy', { name: row.claimedBy })}</span>
        ) : null}
        {row.status === 'ANSWERED' && row.answeredBy ? (
          <span className="hint"> {t('staffHelp.answeredBy', { name: row.answeredBy })}</span>
        ) : null}
      </td>
      <td>
        <Routes row={row} catalogue={catalogue} />
      </td>
      <td>
        {row.status === 'OPEN' || row.status === 'CLAIMED' ? (
          <>
            <button
              type="button"
              className="button button--secondary button--small"
              aria-label={t('staffHelp.closeNamed', { text: name })}
              aria-disabled={close.busy || undefined}
              aria-describedby={close.problem ? errorId : undefined}
              onClick={() => void close.send(row.id)}
            >
              {t('staffHelp.close')}
            </button>
            <ErrorMessage id={errorId} problem={close.problem} />
          </>
        ) : null}
      </td>
    </tr>
  );
}

function QuestionPage({
  filter,
  after,
  first,
  onMore,
}: {
  filter: HelpQuestionFilterInput;
  after: string | null;
  first: boolean;
  onMore: (cursor: string) => void;
}) {
  const { t } = useTranslation();
  const { catalogue } = useCatalogue();
  const [result, reexecute] = useQuery({
    query: QuestionsQuery,
    variables: { filter, first: PAGE, after },
    context: QUESTION_LISTS,
    requestPolicy: 'cache-and-network',
  });
  if (result.fetching && !result.data) return <Loading />;
  if (result.error && !result.data)
    return <ErrorState error={result.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />;
  const connection = result.data?.helpQuestions;
  if (!connection) return null;
  return (
    <>
      {first ? (
        <p role="status" className="results-count">
          {t('staffHelp.results', { count: connection.totalCount })}
        </p>
      ) : null}
      {connection.nodes.length === 0 && first ? <Empty>{t('staffHelp.none')}</Empty> : null}
      {connection.nodes.length > 0 ? (
        <div className="table-wrap" role="region" aria-labelledby={first ? 'help-caption' : undefined} aria-label={first ? undefined : t('staffHelp.caption')} tabIndex={0}>
          <table className="table">
            {first ? <caption id="help-caption">{t('staffHelp.caption')}</caption> : null}
            <thead>
              <tr>
                <th scope="col">{t('staffHelp.question')}</th>
                <th scope="col">{t('staffHelp.topic')}</th>
                <th scope="col">{t('staffHelp.asker')}</th>
                <th scope="col">{t('staffHelp.asked')}</th>
                <th scope="col">{t('staffHelp.status')}</th>
                <th scope="col">{t('staffHelp.volunteers')}</th>
                <th scope="col">{t('staffHelp.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {connection.nodes.map((row) => (
                <QuestionRow key={row.id} row={row} catalogue={catalogue} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <MoreButton pageInfo={connection.pageInfo} onMore={onMore}>
        {t('staffHelp.more')}
      </MoreButton>
    </>
  );
}

function Counts() {
  const { t } = useTranslation();
  const [result, reexecute] = useQuery({ query: CountsQuery, context: QUESTION_LISTS, requestPolicy: 'cache-and-network' });
  if (result.fetching && !result.data) return <Loading lines={1} />;
  if (result.error && !result.data)
    return <ErrorState error={result.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />;
  const c = result.data?.helpQuestionCounts;
  if (!c) return null;
  const byStatus: Record<HelpQuestionStatus, number> = { OPEN: c.open, CLAIMED: c.claimed, ANSWERED: c.answered, CLOSED: c.closed };
  return (
    <dl className="facts facts--counts">
      {STATUSES.map((s) => (
        <div key={s}>
          <dt>{statusLabel(s, t)}</dt>
          <dd className="num">{byStatus[s]}</dd>
        </div>
      ))}
      <div className={c.unanswered > 0 ? 'facts__alert' : undefined}>
        <dt>{t('staffHelp.unansweredCount', { count: c.unansweredAfterDays })}</dt>
        <dd className="num">{c.unanswered}</dd>
      </div>
    </dl>
  );
}

/** The filter lives in the address (`?status=OPEN&unanswered=1`), so a view can be bookmarked and shared. */
function StaffHelpContent() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [counts] = useQuery({ query: CountsQuery, context: QUESTION_LISTS });
  const days = counts.data?.helpQuestionCounts?.unansweredAfterDays;
  // Held here too, so a choice shows at once (the address changes in a transition of the router).
  const [status, setStatus] = useState<HelpQuestionStatus | ''>(() => {
    const given = params.get('status') ?? '';
    return (STATUSES as string[]).includes(given) ? (given as HelpQuestionStatus) : '';
  });
  const [unanswered, setUnanswered] = useState(params.get('unanswered') === '1');
  const [pages, setPages] = useState<string[]>([]);

  const change = (next: { status?: HelpQuestionStatus | 'ALL'; unanswered?: boolean }) => {
    const s = next.status === undefined ? status : next.status === 'ALL' ? '' : next.status;
    const u = next.unanswered ?? unanswered;
    setStatus(s);
    setUnanswered(u);
    setPages([]);
    const search = new URLSearchParams();
    if (s) search.set('status', s);
    if (u) search.set('unanswered', '1');
    setParams(search, { replace: true });
  };

  const filter: HelpQuestionFilterInput = { unanswered };
  if (status) filter.statuses = [status];

  return (
    <>
      <Section id="help-counts" title={t('staffHelp.countsTitle')}>
        <Counts />
      </Section>
      <Section id="help-list" title={t('staffHelp.filterTitle')}>
        <div className="filters filters--wide">
          <RadioGroup<HelpQuestionStatus | 'ALL'>
            id="help-status"
            legend={t('staffHelp.status')}
            inline
            value={status || 'ALL'}
            onChange={(value) => change({ status: value })}
            options={[
              { value: 'ALL', label: t('staffHelp.all') },
              ...STATUSES.map((s) => ({ value: s, label: statusLabel(s, t) })),
            ]}
          />
          {days != null ? (
            <Checkbox
              id="help-unanswered"
              label={t('staffHelp.unanswered', { count: days })}
              checked={unanswered}
              onChange={(checked) => change({ unanswered: checked })}
            />
          ) : null}
        </div>
        <QuestionPage filter={filter} after={null} first onMore={(cursor) => setPages([cursor])} />
        {pages.map((cursor, i) => (
          <QuestionPage
            key={cursor}
            filter={filter}
            after={cursor}
            first={false}
            onMore={(next) => setPages((p) => [...p.slice(0, i + 1), next])}
          />
        ))}
      </Section>
    </>
  );
}

export function StaffHelp() {
  const { t } = useTranslation();
  return (
    <RequireAccount title={t('staffHelp.title')} roles={['STAFF']} wrongRole={t('staff.onlyStaff')}>
      {() => (
        <>
          <PageHeading title={t('staffHelp.title')} lead={t('staffHelp.lead')}>
            {t('staffHelp.title')}
          </PageHeading>
          <StaffHelpContent />
        </>
      )}
    </RequireAccount>
  );
}
