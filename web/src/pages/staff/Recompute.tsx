import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { useLanguage } from '../../i18n';
import { formatDateTime, formatNumber } from '../../lib/format';
import { requestProblem, useProblems } from '../../lib/forms';
import { usePolling } from '../../lib/usePolling';
import { useAnnounce } from '../../components/Announcer';
import { ErrorSummary } from '../../components/Form';
import { RequireAccount } from '../../components/Guard';
import { PageHeading, Section } from '../../components/Page';
import { ErrorState, Loading } from '../../components/States';

const StartRecompute = graphql(`
  mutation RecomputeSuggestions {
    recomputeSuggestions {
      id
      kind
      status
      progress
      queuedAt
    }
  }
`);

const JobRunQuery = graphql(`
  query JobRun($id: ID!) {
    jobRun(id: $id) {
      id
      kind
      status
      progress
      counts
      error
      queuedAt
      startedAt
      finishedAt
    }
  }
`);

const FINISHED = ['SUCCEEDED', 'FAILED'];

function statusLabel(status: string, t: TFunction): string {
  switch (status) {
    case 'QUEUED':
      return t('recompute.status.QUEUED');
    case 'RUNNING':
      return t('recompute.status.RUNNING');
    case 'SUCCEEDED':
      return t('recompute.status.SUCCEEDED');
    case 'FAILED':
      return t('recompute.status.FAILED');
    default:
      return status;
  }
}

/** `counts` as label/value rows: numbers as they are, nested objects one level deep ("peers.created"). */
function countRows(counts: unknown): [string, string][] {
  if (!counts || typeof counts !== 'object') return [];
  const rows: [string, string][] = [];
  for (const [key, value] of Object.entries(counts as Record<string, unknown>)) {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [inner, v] of Object.entries(value as Record<string, unknown>)) rows.push([`${key}.${inner}`, String(v)]);
    } else {
      rows.push([key, String(value)]);
    }
  }
  return rows;
}

function JobView({ id }: { id: string }) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const announce = useAnnounce();
  const [result, reexecute] = useQuery({ query: JobRunQuery, variables: { id }, requestPolicy: 'network-only' });
  const job = result.data?.jobRun;
  const finished = !!job && FINISHED.includes(job.status);
  usePolling(() => reexecute({ requestPolicy: 'network-only' }), 1000, !finished && !(result.data && !job));
  const lastStatus = useRef<string | null>(null);
  useEffect(() => {
    if (job && job.status !== lastStatus.current) {
      if (lastStatus.current !== null) announce(t('recompute.statusNow', { status: statusLabel(job.status, t) }));
      lastStatus.current = job.status;
    }
  }, [job, announce, t]);

  if (result.fetching && !result.data) return <Loading />;
  if (result.error && !result.data) return <ErrorState error={result.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />;
  if (!job) return <p>{t('recompute.notFound')}</p>;
  const percent = Math.round(Math.max(0, Math.min(1, job.progress)) * 100);
  return (
    <Section id="job" title={t('recompute.jobTitle')}>
      <p className={`job-status job-status--${job.status.toLowerCase()}`}>
        {t('recompute.statusIs')} <strong>{statusLabel(job.status, t)}</strong>
      </p>
      <div className="field">
        <label htmlFor="job-progress" className="field__label">
          {t('recompute.progress')}
        </label>
        <div className="progress-row">
          <progress id="job-progress" max={100} value={percent} aria-valuetext={`${percent} %`}>
            {percent} %
          </progress>
          <span className="progress-row__value">{percent} %</span>
        </div>
      </div>
      {job.status === 'FAILED' ? (
        <div className="error-state" role="alert">
          <p className="error-state__title">{t('recompute.failed')}</p>
          {job.error ? (
            <p className="problem-detail" lang="en">
              {job.error}
            </p>
          ) : null}
        </div>
      ) : null}
      <dl className="facts">
        <div>
          <dt>{t('recompute.kind')}</dt>
          <dd>
            <code>{job.kind}</code>
          </dd>
        </div>
        {job.queuedAt ? (
          <div>
            <dt>{t('recompute.queuedAt')}</dt>
            <dd>{formatDateTime(job.queuedAt, locale)}</dd>
          </div>
        ) : null}
        {job.startedAt ? (
          <div>
            <dt>{t('recompute.startedAt')}</dt>
            <dd>{formatDateTime(job.startedAt, locale)}</dd>
          </div>
        ) : null}
        {job.finishedAt ? (
          <div>
            <dt>{t('recompute.finishedAt')}</dt>
            <dd>{formatDateTime(job.finishedAt, locale)}</dd>
          </div>
        ) : null}
      </dl>
      {countRows(job.counts).length > 0 ? (
        <div className="table-wrap" role="region" aria-labelledby="counts-caption" tabIndex={0}>
          <table className="table table--compact">
            <caption id="counts-caption">{t('recompute.counts')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('recompute.countName')}</th>
                <th scope="col">{t('recompute.countValue')}</th>
              </tr>
            </thead>
            <tbody>
              {countRows(job.counts).map(([key, value]) => (
                <tr key={key}>
                  <th scope="row">
                    <code>{key}</code>
                  </th>
                  <td className="num">{Number.isFinite(Number(value)) ? formatNumber(Number(value), locale, 2) : value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Section>
  );
}

function RecomputeContent() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const problems = useProblems();
  const [state, start] = useMutation(StartRecompute);

  const onStart = async () => {
    if (state.fetching) return;
    const result = await start({});
    const job = result.data?.recomputeSuggestions;
    if (!job) return problems.setProblems([requestProblem(result.error, t)]);
    problems.clear();
    announce(t('recompute.started'));
    setParams({ job: job.id });
  };

  return (
    <>
      <p>{t('recompute.intro')}</p>
      <ErrorSummary id="recompute-errors" problems={problems.problems} round={problems.round} />
      <div className="form-actions">
        <button type="button" className="button" onClick={() => void onStart()} aria-disabled={state.fetching || undefined}>
          {t('recompute.start')}
        </button>
        <span role="status" className="busy">
          {state.fetching ? t('recompute.starting') : ''}
        </span>
      </div>
      {jobId ? <JobView key={jobId} id={jobId} /> : null}
    </>
  );
}

export function Recompute() {
  const { t } = useTranslation();
  return (
    <RequireAccount title={t('recompute.title')} roles={['STAFF']} wrongRole={t('staff.onlyStaff')}>
      {() => (
        <>
          <PageHeading title={t('recompute.title')}>{t('recompute.title')}</PageHeading>
          <RecomputeContent />
        </>
      )}
    </RequireAccount>
  );
}
