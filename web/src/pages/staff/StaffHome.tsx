import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { useLanguage } from '../../i18n';
import { formatDateTime, formatShare } from '../../lib/format';
import { RequireAccount } from '../../components/Guard';
import { PageHeading, Section } from '../../components/Page';
import { Empty, ErrorState, Loading } from '../../components/States';
import { formatLabel } from '../events/Events';

const StaffEventsQuery = graphql(`
  query StaffEvents($from: DateTime!) {
    events(filter: { startsFrom: $from, includeCancelled: true }, first: 50) {
      totalCount
      nodes {
        id
        slug
        title
        startsAt
        format
        status
        capacity
        registeredCount
        outreachShare
      }
    }
  }
`);

function EventTable() {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const [from] = useState(() => new Date(Math.floor(Date.now() / 60000) * 60000).toISOString());
  const [result, reexecute] = useQuery({ query: StaffEventsQuery, variables: { from }, requestPolicy: 'cache-and-network' });
  if (result.fetching && !result.data) return <Loading />;
  if (result.error && !result.data) return <ErrorState error={result.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />;
  const events = result.data?.events.nodes ?? [];
  if (events.length === 0)
    return (
      <Empty action={<Link to="/staff/events/new">{t('staff.newEvent')}</Link>}>{t('staff.noEvents')}</Empty>
    );
  return (
    <div className="table-wrap" role="region" aria-labelledby="staff-events-caption" tabIndex={0}>
      <table className="table">
        <caption id="staff-events-caption">{t('staff.eventsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('staff.eventTitle')}</th>
            <th scope="col">{t('staff.starts')}</th>
            <th scope="col">{t('events.format')}</th>
            <th scope="col">{t('staff.registered')}</th>
            <th scope="col">{t('staff.outreachTarget')}</th>
            <th scope="col">{t('staff.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id}>
              <th scope="row">
                <Link to={`/events/${e.slug}`}>{e.title}</Link>
                {e.status === 'CANCELLED' ? <span className="badge badge--cancelled">{t('events.cancelled')}</span> : null}
              </th>
              <td>{formatDateTime(e.startsAt, locale)}</td>
              <td>{formatLabel(e.format, t)}</td>
              <td className="num">{e.capacity != null ? `${e.registeredCount} / ${e.capacity}` : e.registeredCount}</td>
              <td className="num">{formatShare(e.outreachShare, locale)}</td>
              <td>
                <Link to={`/staff/events/${e.slug}`} aria-label={`${t('staff.inviteList')}: ${e.title}`}>
                  {t('staff.inviteList')}
                </Link>{' '}
                ·{' '}
                <Link to={`/staff/events/${e.slug}/edit`} aria-label={`${t('staff.edit')}: ${e.title}`}>
                  {t('staff.edit')}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function StaffHome() {
  const { t } = useTranslation();
  return (
    <RequireAccount title={t('staff.title')} roles={['STAFF']} wrongRole={t('staff.onlyStaff')}>
      {() => (
        <>
          <PageHeading title={t('staff.title')} lead={t('staff.lead')}>
            {t('staff.title')}
          </PageHeading>
          <p className="actions">
            <Link className="button" to="/staff/events/new">
              {t('staff.newEvent')}
            </Link>
            <Link className="button button--secondary" to="/staff/recompute">
              {t('staff.recompute')}
            </Link>
            <Link className="button button--secondary" to="/staff/help">
              {t('staff.helpQuestions')}
            </Link>
            <Link className="button button--secondary" to="/staff/reports">
              {t('staff.reports')}
            </Link>
            <Link className="button button--secondary" to="/staff/insights">
              {t('staff.insights')}
            </Link>
          </p>
          <Section id="staff-events" title={t('staff.eventsTitle')}>
            <EventTable />
          </Section>
        </>
      )}
    </RequireAccount>
  );
}
