import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { StaffEventQuery } from '../../gql/graphql';
import { useLanguage } from '../../i18n';
import { useCatalogue } from '../../lib/catalogue';
import { downloadBlob, parseWhole, problemsFrom, requestProblem, useProblems, type Problem } from '../../lib/forms';
import { formatDateTime, formatNumber, formatShare } from '../../lib/format';
import { isOutreach, reasonText } from '../../lib/reasons';
import { usePolling } from '../../lib/usePolling';
import { useAnnounce } from '../../components/Announcer';
import { Checkbox, ErrorSummary, NumberField, SelectField, SubmitButton } from '../../components/Form';
import { RequireAccount } from '../../components/Guard';
import { PageHeading, Section } from '../../components/Page';
import { PartyLink, partyKindLabel, partyName } from '../../components/Party';
import { Empty, ErrorState, Loading, Notice } from '../../components/States';
import { EventMessage } from './EventMessage';

const StaffEventQueryDoc = graphql(`
  query StaffEvent($slug: String!) {
    event(slug: $slug) {
      id
      slug
      title
      startsAt
      status
      capacity
      registeredCount
      outreachShare
      canEdit
      inviteSuggestions(first: 100) {
        id
        status
        score
        reasons {
          code
          detail
        }
        candidate {
          __typename
          ... on Association {
            id
            slug
            name
            paidStaff
            district {
              name
            }
          }
          ... on Volunteer {
            id
            slug
            displayName
            remote
            district {
              name
            }
          }
        }
      }
      groups {
        ...EventGroups
      }
    }
  }
`);

export const EventGroupsFragment = graphql(`
  fragment EventGroups on EventGroup {
    number
    members {
      __typename
      ... on Association {
        id
        slug
        name
      }
      ... on Volunteer {
        id
        slug
        displayName
      }
    }
  }
`);

const FormGroups = graphql(`
  mutation FormEventGroups($eventSlug: String!, $size: Int!) {
    formEventGroups(eventSlug: $eventSlug, size: $size) {
      groups {
        ...EventGroups
      }
      event {
        id
        registeredCount
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

type EventData = NonNullable<StaffEventQuery['event']>;
type Invite = EventData['inviteSuggestions'][number];
type SortKey = 'rank' | 'name' | 'kind' | 'score' | 'outreach';

interface Row {
  rank: number;
  invite: Invite;
  name: string;
  outreach: boolean;
  /** Why it fits the topics. */
  reasons: string[];
  /** Why it counts as outreach, short: "kleiner Verein", "Außenbezirk", a target group. */
  outreachKinds: string[];
}

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function SortButton({
  column,
  label,
  sort,
  onSort,
}: {
  column: SortKey;
  label: string;
  sort: { key: SortKey; asc: boolean };
  onSort: (key: SortKey) => void;
}) {
  const { t } = useTranslation();
  const active = sort.key === column;
  return (
    <button type="button" className="sort-button" onClick={() => onSort(column)}>
      {label}
      <span aria-hidden="true" className="sort-button__icon">
        {active ? (sort.asc ? ' ▲' : ' ▼') : ' ↕'}
      </span>
      <span className="visually-hidden">{active ? '' : ` (${t('staffEvent.sortable')})`}</span>
    </button>
  );
}

function InviteTable({ event }: { event: EventData }) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const { catalogue } = useCatalogue();
  const [sort, setSort] = useState<{ key: SortKey; asc: boolean }>({ key: 'rank', asc: true });
  const [outreachOnly, setOutreachOnly] = useState(false);
  const [kind, setKind] = useState('');

  const rows: Row[] = useMemo(
    () =>
      event.inviteSuggestions.map((invite, i) => ({
        rank: i + 1,
        invite,
        name: partyName(invite.candidate),
        outreach: isOutreach(invite.reasons),
        reasons: invite.reasons
          .filter((r) => r.code !== 'OUTREACH')
          .map((r) => reasonText(r, 'staff', { catalogue, locale }, t)),
        outreachKinds: invite.reasons
          .filter((r) => r.code === 'OUTREACH')
          .map((r) =>
            r.detail === 'SMALL'
              ? t('staffEvent.kindSmall')
              : r.detail === 'OUTER_DISTRICT'
                ? t('staffEvent.kindOuter')
                : (catalogue?.groupLabel(r.detail ?? '') ?? r.detail ?? ''),
          ),
      })),
    [event.inviteSuggestions, catalogue, locale, t],
  );

  const outreachCount = rows.filter((r) => r.outreach).length;
  const share = rows.length ? outreachCount / rows.length : 0;
  const meetsTarget = share + 1e-9 >= event.outreachShare;

  const shown = rows
    .filter((r) => !outreachOnly || r.outreach)
    .filter((r) => !kind || r.invite.candidate.__typename === kind)
    .sort((a, b) => {
      const dir = sort.asc ? 1 : -1;
      switch (sort.key) {
        case 'name':
          return dir * a.name.localeCompare(b.name, locale);
        case 'kind':
          return dir * a.invite.candidate.__typename.localeCompare(b.invite.candidate.__typename) || a.rank - b.rank;
        case 'score':
          return dir * (a.invite.score - b.invite.score) || a.rank - b.rank;
        case 'outreach':
          return dir * (Number(b.outreach) - Number(a.outreach)) || a.rank - b.rank;
        default:
          return dir * (a.rank - b.rank);
      }
    });

  const onSort = (key: SortKey) => setSort((s) => (s.key === key ? { key, asc: !s.asc } : { key, asc: key === 'name' || key === 'rank' }));
  const ariaSort = (key: SortKey) => (sort.key === key ? (sort.asc ? 'ascending' : 'descending') : undefined);

  const exportCsv = () => {
    const header = ['rank', 'name', 'kind', 'slug', 'district', 'score', 'outreach', 'status', 'reasons'];
    const lines = rows.map((r) =>
      [
        r.rank,
        r.name,
        r.invite.candidate.__typename,
        r.invite.candidate.slug,
        r.invite.candidate.district?.name ?? '',
        r.invite.score,
        r.outreach ? r.outreachKinds.join(' | ') || 'yes' : 'no',
        r.invite.status,
        r.reasons.join(' | '),
      ]
        .map(csvCell)
        .join(','),
    );
    downloadBlob(new Blob([[header.join(','), ...lines].join('\n')], { type: 'text/csv;charset=utf-8' }), `einladungen-${event.slug}.csv`);
  };

  return (
    <>
      <section className="glance" aria-labelledby="glance-title">
        <h3 id="glance-title" className="visually-hidden">
          {t('staffEvent.glanceTitle')}
        </h3>
        <dl className="glance__facts">
          <div>
            <dt>{t('staffEvent.invited')}</dt>
            <dd>{rows.length}</dd>
          </div>
          <div>
            <dt>{t('staffEvent.outreachShare')}</dt>
            <dd>
              {t('staffEvent.outreachValue', { count: outreachCount, share: formatShare(share, locale) })}{' '}
              <span className={meetsTarget ? 'ok' : 'warn'}>
                {meetsTarget
                  ? t('staffEvent.targetMet', { target: formatShare(event.outreachShare, locale) })
                  : t('staffEvent.targetMissed', { target: formatShare(event.outreachShare, locale) })}
              </span>
            </dd>
          </div>
          <div>
            <dt>{t('staffEvent.registered')}</dt>
            <dd>
              {event.capacity != null
                ? t('events.places', { registered: event.registeredCount, capacity: event.capacity })
                : event.registeredCount}
            </dd>
          </div>
        </dl>
        <div className="share-bar" aria-hidden="true">
          <div className="share-bar__fill" style={{ width: `${Math.min(100, share * 100)}%` }} />
          <div className="share-bar__target" style={{ left: `${Math.min(100, event.outreachShare * 100)}%` }} />
        </div>
      </section>

      <form className="filters filters--inline" onSubmit={(e) => e.preventDefault()} aria-label={t('staffEvent.filters')}>
        <Checkbox id="outreach-only" label={t('staffEvent.outreachOnly')} checked={outreachOnly} onChange={setOutreachOnly} />
        <SelectField
          id="kind"
          label={t('staffEvent.kind')}
          value={kind}
          onChange={setKind}
          empty={t('staffEvent.allKinds')}
          options={[
            { value: 'Association', label: t('party.associations') },
            { value: 'Volunteer', label: t('party.volunteers') },
          ]}
        />
        <div className="form-actions">
          <button type="button" className="button button--secondary" onClick={exportCsv}>
            {t('staffEvent.exportCsv')}
          </button>
        </div>
      </form>
      <p role="status" className="results-count">
        {t('staffEvent.showing', { shown: shown.length, total: rows.length })}
      </p>

      <div className="table-wrap" role="region" aria-labelledby="invite-table-caption" tabIndex={0}>
        <table className="table">
          <caption id="invite-table-caption">{t('staffEvent.tableCaption', { title: event.title })}</caption>
          <thead>
            <tr>
              <th scope="col" aria-sort={ariaSort('rank')}>
                <SortButton column="rank" label={t('staffEvent.rank')} sort={sort} onSort={onSort} />
              </th>
              <th scope="col" aria-sort={ariaSort('name')}>
                <SortButton column="name" label={t('staffEvent.name')} sort={sort} onSort={onSort} />
              </th>
              <th scope="col" aria-sort={ariaSort('kind')}>
                <SortButton column="kind" label={t('staffEvent.kind')} sort={sort} onSort={onSort} />
              </th>
              <th scope="col">{t('association.district')}</th>
              <th scope="col" aria-sort={ariaSort('score')}>
                <SortButton column="score" label={t('staffEvent.score')} sort={sort} onSort={onSort} />
              </th>
              <th scope="col" aria-sort={ariaSort('outreach')}>
                <SortButton column="outreach" label={t('staffEvent.outreach')} sort={sort} onSort={onSort} />
              </th>
              <th scope="col">{t('staffEvent.reasons')}</th>
              <th scope="col">{t('staffEvent.status')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.invite.id} className={r.outreach ? 'row--outreach' : undefined}>
                <td className="num">{r.rank}</td>
                <th scope="row">
                  <PartyLink party={r.invite.candidate} />
                </th>
                <td>{partyKindLabel(r.invite.candidate.__typename, t)}</td>
                <td>{r.invite.candidate.district?.name ?? ''}</td>
                <td className="num">{formatNumber(r.invite.score, locale, 2)}</td>
                <td>
                  {r.outreach ? (
                    <>
                      <span className="badge badge--outreach">{t('staffEvent.outreachMark')}</span>
                      <span className="outreach-kinds">{r.outreachKinds.join(', ')}</span>
                    </>
                  ) : (
                    ''
                  )}
                </td>
                <td>
                  <ul className="cell-list">
                    {r.reasons.map((text, i) => (
                      <li key={i}>{text}</li>
                    ))}
                  </ul>
                </td>
                <td>{r.invite.status === 'ACCEPTED' ? t('staffEvent.statusAccepted') : r.invite.status === 'DECLINED' ? t('staffEvent.statusDeclined') : t('staffEvent.statusOpen')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function Groups({ event }: { event: EventData }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [size, setSize] = useState('4');
  const problems = useProblems();
  const [state, form] = useMutation(FormGroups);
  const groups = state.data?.formEventGroups.errors.length === 0 ? state.data.formEventGroups.groups : event.groups;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (state.fetching) return;
    const n = parseWhole(size);
    const found: Problem[] = [];
    if (n === undefined || n === null || n < 2) found.push({ message: t('staffEvent.sizeInvalid'), target: 'group-size' });
    if (found.length > 0 || n == null) return problems.setProblems(found);
    const result = await form({ eventSlug: event.slug, size: n });
    const payload = result.data?.formEventGroups;
    if (!payload) return problems.setProblems([requestProblem(result.error, t)]);
    if (payload.errors.length > 0) return problems.setProblems(problemsFrom(payload.errors, { size: 'group-size', eventSlug: 'group-size' }, t));
    problems.clear();
    announce(t('staffEvent.groupsFormed', { count: payload.groups.length }));
  };

  return (
    <Section id="groups" title={t('staffEvent.groupsTitle')}>
      <p>{t('staffEvent.groupsIntro', { count: event.registeredCount })}</p>
      <form className="form form--inline" noValidate onSubmit={(e) => void submit(e)}>
        <ErrorSummary id="groups-errors" problems={problems.problems} round={problems.round} />
        <NumberField id="group-size" label={t('staffEvent.groupSize')} hint={t('staffEvent.groupSizeHint')} value={size} onChange={setSize} problem={problems.errorFor('group-size')} />
        <SubmitButton busy={state.fetching} busyText={t('staffEvent.forming')}>
          {t('staffEvent.formGroups')}
        </SubmitButton>
      </form>
      {groups.length === 0 ? (
        <Empty>{event.registeredCount === 0 ? t('staffEvent.noRegistrations') : t('staffEvent.noGroups')}</Empty>
      ) : (
        <ol className="group-list group-list--grid">
          {groups.map((g) => (
            <li key={g.number}>
              <h3 className="group-list__title">
                {t('staffEvent.groupN', { number: g.number })}{' '}
                <span className="count">({t('staffEvent.members', { count: g.members.length })})</span>
              </h3>
              <ul>
                {g.members.map((m) => (
                  <li key={m.id}>
                    <PartyLink party={m} /> <span className="hint">({partyKindLabel(m.__typename, t)})</span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

function StaffEventContent({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const location = useLocation();
  const created = (location.state as { created?: boolean } | null)?.created === true;
  const [result, reexecute] = useQuery({ query: StaffEventQueryDoc, variables: { slug } });
  const event = result.data?.event;
  // a new or changed event gets its invite list from the worker a few seconds later
  usePolling(() => reexecute({ requestPolicy: 'network-only' }), 5000, !!event && event.inviteSuggestions.length === 0);
  const title = event ? t('staffEvent.title', { title: event.title }) : t('staffEvent.titlePlain');

  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      {created ? <Notice tone="success">{t('staffEvent.createdNotice')}</Notice> : null}
      {result.fetching && !result.data ? <Loading /> : null}
      {result.error && !result.data ? <ErrorState error={result.error} retry={() => reexecute({ requestPolicy: 'network-only' })} /> : null}
      {result.data && !event ? <p>{t('eventPage.notFoundText')}</p> : null}
      {event ? (
        <>
          <p className="card__meta">
            {formatDateTime(event.startsAt, locale)}
            {event.status === 'CANCELLED' ? ` · ${t('events.cancelled')}` : ''}
          </p>
          <p className="actions">
            <Link to={`/staff/events/${event.slug}/edit`}>{t('staffEvent.edit')}</Link> ·{' '}
            <Link to={`/events/${event.slug}`}>{t('eventForm.toPublic')}</Link> ·{' '}
            <button type="button" className="link-button" onClick={() => reexecute({ requestPolicy: 'network-only' })}>
              {t('staffEvent.refresh')}
            </button>
          </p>
          <Section id="invites" title={t('staffEvent.invitesTitle')}>
            {event.inviteSuggestions.length === 0 ? (
              <Empty>{event.status === 'CANCELLED' ? t('staffEvent.cancelledNoInvites') : t('staffEvent.noInvites')}</Empty>
            ) : (
              <InviteTable event={event} />
            )}
          </Section>
          <Groups event={event} />
          <EventMessage slug={event.slug} cancelled={event.status === 'CANCELLED'} />
        </>
      ) : null}
    </>
  );
}

export function StaffEvent() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  return (
    <RequireAccount title={t('staffEvent.titlePlain')} roles={['STAFF']} wrongRole={t('staff.onlyStaff')}>
      {() => <StaffEventContent slug={slug} />}
    </RequireAccount>
  );
}
