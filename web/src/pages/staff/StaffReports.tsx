import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import type { TFunction } from 'i18next';
import { graphql } from '../../gql';
import type { StaffReportQueueQuery } from '../../gql/graphql';
import { useLanguage } from '../../i18n';
import { formatDate } from '../../lib/format';
import { languageName } from '../../lib/languages';
import { payloadProblems, type Problem, type ServerError } from '../../lib/forms';
import { TextArea } from '../../components/Form';
import { RequireAccount } from '../../components/Guard';
import { PageHeading, Section } from '../../components/Page';
import { Empty, ErrorState, Loading } from '../../components/States';
import { REPORT_LISTS } from '../catalogue/YourReport';
import { ReportFacts, Stars, langOf } from '../catalogue/reports';

/** The API's page limit: staff work through the oldest first, and what they decide leaves the list. */
const QUEUE_SIZE = 100;
/** As network/reports/models.py allows; the API checks it, the hint tells it beforehand. */
const REASON_MAX = 500;

const QueueQuery = graphql(`
  query StaffReportQueue($first: Int) {
    experienceReportModerationQueue(first: $first) {
      totalCount
      nodes {
        ...ExperienceReportCard
        revision
        tool {
          slug
          name
        }
      }
    }
  }
`);

const Approve = graphql(`
  mutation ApproveExperienceReport($id: ID!, $revision: Int!) {
    approveExperienceReport(id: $id, revision: $revision) {
      report {
        id
        status
        revision
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

const Reject = graphql(`
  mutation RejectExperienceReport($id: ID!, $revision: Int!, $reason: String!) {
    rejectExperienceReport(id: $id, revision: $revision, reason: $reason) {
      report {
        id
        status
        revision
        moderationReason
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

type QueuedReport = StaffReportQueueQuery['experienceReportModerationQueue']['nodes'][number];

/** What staff decided on a report, for the page's live status line. */
interface Decision {
  approved: boolean;
  association: string;
  tool: string;
}

function nameOf(report: QueuedReport, t: TFunction): string {
  return report.association?.name ?? t('reports.someAssociation');
}

/**
 * One pending report with everything staff judge it by, and the two decisions: approve, or reject with a reason the
 * authors read. A report changed since the list was read is a conflict: the list is read again, so the item shows
 * the new revision, and the message says to look again.
 */
function QueueItem({
  report,
  onDecided,
  onChanged,
}: {
  report: QueuedReport;
  onDecided: (decision: Decision) => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const key = report.id.replace(/[^A-Za-z0-9_-]/g, '');
  const headingId = `queued-${key}`;
  const reasonId = `reject-reason-${key}`;
  const problemId = `moderation-problem-${key}`;
  const association = nameOf(report, t);
  const named = { association, tool: report.tool.name };
  const [reason, setReason] = useState('');
  const [reasonProblem, setReasonProblem] = useState<Problem | undefined>();
  const [problem, setProblem] = useState<Problem | undefined>();
  const [approving, approve] = useMutation(Approve);
  const [rejecting, reject] = useMutation(Reject);
  const busy = approving.fetching || rejecting.fetching;
  const problemRef = useRef<HTMLDivElement>(null);

  const explain = (error: ServerError): string | undefined => {
    if (error.code === 'INVALID_INPUT' && error.field === 'reason')
      return reason.length > REASON_MAX ? t('moderation.reasonLong', { max: REASON_MAX }) : t('moderation.reasonInvalid');
    return undefined;
  };

  /** Problems of the reason go to its field; the rest (a conflict above all) to the item. */
  const failed = (problems: Problem[], errors: readonly ServerError[]) => {
    const conflict = errors.some((e) => e.code === 'CONFLICT' && e.field === 'revision');
    const atReason = problems.find((p) => p.target === reasonId);
    setReasonProblem(atReason);
    const other = conflict ? { message: t('moderation.conflict') } : problems.find((p) => p.target !== reasonId);
    setProblem(other);
    if (conflict) onChanged();
    if (atReason) document.getElementById(reasonId)?.focus();
    else window.setTimeout(() => problemRef.current?.focus(), 0);
  };

  const onApprove = async () => {
    if (busy) return;
    const result = await approve({ id: report.id, revision: report.revision }, REPORT_LISTS);
    const payload = result.data?.approveExperienceReport;
    const problems = payloadProblems(payload, result.error, { reason: reasonId }, t);
    if (problems.length > 0 || !payload?.report) return failed(problems, payload?.errors ?? []);
    onDecided({ approved: true, ...named });
  };

  const onReject = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setProblem(undefined);
    if (!reason.trim()) {
      setReasonProblem({ message: t('moderation.reasonMissing'), target: reasonId });
      document.getElementById(reasonId)?.focus();
      return;
    }
    const result = await reject({ id: report.id, revision: report.revision, reason: reason.trim() }, REPORT_LISTS);
    const payload = result.data?.rejectExperienceReport;
    const problems = payloadProblems(payload, result.error, { reason: reasonId }, t, explain);
    if (problems.length > 0 || !payload?.report) return failed(problems, payload?.errors ?? []);
    onDecided({ approved: false, ...named });
  };

  return (
    <article className="report report--pending" aria-labelledby={headingId}>
      <h3 id={headingId} className="report__by">
        {t('moderation.reportOn', named)}
      </h3>
      <p className="report__meta">
        {report.association ? (
          <Link to={`/associations/${report.association.slug}`}>{association}</Link>
        ) : (
          association
        )}
        {' · '}
        <Link to={`/tools/${report.tool.slug}`}>{report.tool.name}</Link>
      </p>
      <p className="report__rating">
        <Stars value={report.rating} /> {t('reports.ratingOf', { rating: report.rating })}
      </p>
      <p className="report__meta">
        {t('moderation.submittedAt', { date: formatDate(report.writtenAt, locale) })}
        {' · '}
        {t('reports.inLanguage', { language: languageName(langOf(report.language), locale) })}
        {' · '}
        {t('moderation.revision', { revision: report.revision })}
      </p>
      <ReportFacts report={report} />
      {problem ? (
        <div className="notice notice--warning" role="alert" id={problemId} tabIndex={-1} ref={problemRef}>
          <p>{problem.message}</p>
        </div>
      ) : null}
      <div className="moderation">
        <p className="actions">
          <button
            type="button"
            className="button"
            aria-label={t('moderation.approveNamed', named)}
            aria-disabled={busy || undefined}
            aria-describedby={problem ? problemId : undefined}
            onClick={() => void onApprove()}
          >
            {t('moderation.approve')}
          </button>
        </p>
        <form className="moderation__reject" noValidate onSubmit={(e) => void onReject(e)}>
          <TextArea
            id={reasonId}
            label={t('moderation.reasonLabel', named)}
            hint={t('moderation.reasonHint', { max: REASON_MAX })}
            value={reason}
            onChange={(value) => {
              setReason(value);
              if (reasonProblem && value.trim()) setReasonProblem(undefined);
            }}
            rows={2}
            problem={reasonProblem}
          />
          <button
            type="submit"
            className="button button--secondary"
            aria-label={t('moderation.rejectNamed', named)}
            aria-disabled={busy || undefined}
          >
            {t('moderation.reject')}
          </button>
        </form>
      </div>
    </article>
  );
}

function Queue() {
  const { t } = useTranslation();
  const [result, reexecute] = useQuery({
    query: QueueQuery,
    variables: { first: QUEUE_SIZE },
    context: REPORT_LISTS,
    requestPolicy: 'cache-and-network',
  });
  const [decision, setDecision] = useState<Decision | null>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const reload = () => reexecute({ requestPolicy: 'network-only' });
  if (result.fetching && !result.data) return <Loading />;
  if (result.error && !result.data) return <ErrorState error={result.error} retry={reload} />;
  const connection = result.data?.experienceReportModerationQueue;
  if (!connection) return null;
  return (
    <>
      {/* the live region stays in place, so each decision is read out where staff are */}
      <p role="status" className="results-count" tabIndex={-1} ref={statusRef}>
        {decision
          ? `${t(decision.approved ? 'moderation.approved' : 'moderation.rejected', { association: decision.association, tool: decision.tool })} `
          : ''}
        {t('moderation.waiting', { count: connection.totalCount })}
      </p>
      {connection.totalCount > connection.nodes.length ? (
        <p className="hint">{t('moderation.oldestShown', { count: connection.nodes.length })}</p>
      ) : null}
      {connection.nodes.length === 0 ? (
        <Empty>{t('moderation.none')}</Empty>
      ) : (
        <ol className="report-list" aria-label={t('moderation.listLabel')}>
          {connection.nodes.map((report) => (
            <li key={report.id}>
              <QueueItem
                report={report}
                onChanged={reload}
                onDecided={(next) => {
                  setDecision(next);
                  reload();
                  // the decided report leaves the list with its buttons: the focus goes to what was done
                  window.setTimeout(() => statusRef.current?.focus(), 0);
                }}
              />
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

/** Staff's moderation queue: every pending experience report, oldest first, to approve or reject with a reason. */
export function StaffReports() {
  const { t } = useTranslation();
  return (
    <RequireAccount title={t('moderation.title')} roles={['STAFF']} wrongRole={t('staff.onlyStaff')}>
      {() => (
        <>
          <PageHeading title={t('moderation.title')} lead={t('moderation.lead')}>
            {t('moderation.title')}
          </PageHeading>
          <Section id="report-queue" title={t('moderation.queueTitle')}>
            <Queue />
          </Section>
        </>
      )}
    </RequireAccount>
  );
}
