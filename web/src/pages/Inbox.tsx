import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { InviteCardFragment, SuggestionCardFragment } from '../gql/graphql';
import { useLanguage } from '../i18n';
import { useCatalogue, type Catalogue } from '../lib/catalogue';
import { formatDateTime, formatTime } from '../lib/format';
import type { Perspective } from '../lib/reasons';
import { useSession, type Account } from '../lib/session';
import { SuggestionWatch, merged, type PartyWatch } from '../lib/suggestionWatch';
import { useMarkSeen } from '../lib/useMarkSeen';
import { usePolling } from '../lib/usePolling';
import { useAnnounce } from '../components/Announcer';
import { ErrorMessage } from '../components/Form';
import { RequireAccount } from '../components/Guard';
import { PageHeading } from '../components/Page';
import { partyName } from '../components/Party';
import { Empty, ErrorState, Loading } from '../components/States';
import { AnswerButtons, ReasonList, SuggestionCard, useAnswer } from '../components/SuggestionCard';

/** How often the open inbox asks for news (paused while the tab is hidden) when it cannot watch its parties... */
const POLL_MS = 5000;
/** ...and when it can: a safety net only, as the server tells each change at once. */
const WATCHED_POLL_MS = 60_000;
/** The parties the inbox watches (one subscription each); beyond them it polls (the API allows 10 per socket). */
const MAX_WATCHED = 8;

type Watch = { live: boolean; changedAt: string | null };
const FIRST = 10;

const AssociationInboxQuery = graphql(`
  query AssociationInbox($slug: String!, $first: Int!) {
    association(slug: $slug) {
      id
      slug
      name
      peerSuggestions(first: $first) {
        ...SuggestionCard
      }
      mentorSuggestions(first: $first) {
        ...SuggestionCard
      }
    }
  }
`);

const VolunteerInboxQuery = graphql(`
  query VolunteerInbox($slug: String!, $first: Int!) {
    volunteer(slug: $slug) {
      id
      slug
      displayName
      menteeSuggestions(first: $first) {
        ...SuggestionCard
      }
    }
  }
`);

export const InviteCardDocument = graphql(`
  fragment InviteCard on Suggestion {
    id
    status
    seen
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
      }
      ... on Volunteer {
        id
        slug
        displayName
      }
    }
  }
`);

const InvitesQuery = graphql(`
  query EventInvites($from: DateTime!) {
    events(filter: { startsFrom: $from }, first: 20) {
      nodes {
        id
        slug
        title
        startsAt
        format
        district {
          name
        }
        inviteSuggestions(first: 5) {
          ...InviteCard
        }
      }
    }
  }
`);

/** Reads a query again when its parties' suggestions changed (or every few seconds while they cannot be watched,
 * and the tab is visible), and says so when new suggestions arrive. */
function useLiveQuery(
  reexecute: (opts: { requestPolicy: 'network-only' }) => void,
  ids: string[] | null,
  label: string,
  watch: Watch,
) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  usePolling(() => reexecute({ requestPolicy: 'network-only' }), watch.live ? WATCHED_POLL_MS : POLL_MS);
  useEffect(() => {
    if (watch.changedAt) reexecute({ requestPolicy: 'network-only' });
  }, [watch.changedAt]); // eslint-disable-line react-hooks/exhaustive-deps
  const known = useRef<Set<string> | null>(null);
  const key = ids?.join(',') ?? null;
  useEffect(() => {
    if (!ids) return;
    setUpdatedAt(new Date());
    if (known.current) {
      const fresh = ids.filter((id) => !known.current?.has(id)).length;
      if (fresh > 0) announce(t('inbox.newSuggestions', { count: fresh, label }));
    }
    known.current = new Set(ids);
    // `key` stands for `ids`
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps
  return updatedAt;
}

function SuggestionList({
  id,
  title,
  suggestions,
  perspective,
  catalogue,
  empty,
}: {
  id: string;
  title: string;
  suggestions: readonly SuggestionCardFragment[];
  perspective: Perspective;
  catalogue: Catalogue | null;
  empty: ReactNode;
}) {
  const { t } = useTranslation();
  const fresh = useMarkSeen(suggestions);
  const open = suggestions.filter((s) => s.status !== 'ACCEPTED');
  const connected = suggestions.filter((s) => s.status === 'ACCEPTED');
  return (
    <section className="inbox-list" aria-labelledby={id}>
      <h3 id={id}>
        {title} <span className="count">({t('inbox.countOpen', { count: open.length })})</span>
      </h3>
      {suggestions.length === 0 ? <Empty>{empty}</Empty> : null}
      <ul className="suggestion-list">
        {[...open, ...connected].map((s) => (
          <li key={s.id}>
            <SuggestionCard suggestion={s} perspective={perspective} catalogue={catalogue} isNew={fresh.has(s.id)} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function Updated({ at }: { at: Date | null }) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  if (!at) return null;
  return <p className="updated">{t('inbox.updated', { time: formatTime(at.toISOString(), locale) })}</p>;
}

function AssociationInbox({ slug, name, catalogue, watch }: { slug: string; name: string; catalogue: Catalogue | null; watch: Watch }) {
  const { t } = useTranslation();
  const [result, reexecute] = useQuery({ query: AssociationInboxQuery, variables: { slug, first: FIRST }, requestPolicy: 'cache-and-network' });
  const a = result.data?.association;
  const ids = a ? [...a.peerSuggestions, ...a.mentorSuggestions].map((s) => s.id) : null;
  const updatedAt = useLiveQuery(reexecute, ids, a?.name ?? name, watch);
  const headingId = `inbox-${slug}`;
  return (
    <section className="inbox-party" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('inbox.forParty', { name: a?.name ?? name })}</h2>
      {result.fetching && !result.data ? <Loading /> : null}
      {result.error && !result.data ? (
        <ErrorState error={result.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : null}
      {result.data && !a ? <p>{t('inbox.partyGone')}</p> : null}
      {a ? (
        <>
          <Updated at={updatedAt} />
          <SuggestionList
            id={`${headingId}-peers`}
            title={t('inbox.peersTitle')}
            suggestions={a.peerSuggestions}
            perspective="association"
            catalogue={catalogue}
            empty={
              <>
                {t('inbox.noPeers')} <Link to={`/associations/${a.slug}/edit`}>{t('inbox.completeProfile')}</Link>
              </>
            }
          />
          <SuggestionList
            id={`${headingId}-mentors`}
            title={t('inbox.mentorsTitle')}
            suggestions={a.mentorSuggestions}
            perspective="association"
            catalogue={catalogue}
            empty={
              <>
                {t('inbox.noMentors')} <Link to={`/associations/${a.slug}/edit#needs-section-title`}>{t('inbox.addNeeds')}</Link>
              </>
            }
          />
        </>
      ) : null}
    </section>
  );
}

function VolunteerInbox({ slug, catalogue, watch }: { slug: string; catalogue: Catalogue | null; watch: Watch }) {
  const { t } = useTranslation();
  const [result, reexecute] = useQuery({ query: VolunteerInboxQuery, variables: { slug, first: FIRST }, requestPolicy: 'cache-and-network' });
  const v = result.data?.volunteer;
  const ids = v ? v.menteeSuggestions.map((s) => s.id) : null;
  const updatedAt = useLiveQuery(reexecute, ids, v?.displayName ?? '', watch);
  return (
    <section className="inbox-party" aria-labelledby="inbox-volunteer">
      <h2 id="inbox-volunteer">{t('inbox.menteesTitle')}</h2>
      {result.fetching && !result.data ? <Loading /> : null}
      {result.error && !result.data ? (
        <ErrorState error={result.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : null}
      {v ? (
        <>
          <Updated at={updatedAt} />
          <SuggestionList
            id="inbox-volunteer-mentees"
            title={t('inbox.menteesList')}
            suggestions={v.menteeSuggestions}
            perspective="volunteer"
            catalogue={catalogue}
            empty={
              <>
                {t('inbox.noMentees')} <Link to="/volunteer">{t('inbox.completeVolunteer')}</Link>
              </>
            }
          />
        </>
      ) : null}
    </section>
  );
}

function InviteCard({
  invite,
  event,
  catalogue,
  showParty,
  isNew,
}: {
  invite: InviteCardFragment;
  event: { slug: string; title: string; startsAt: string; district?: { name: string } | null };
  catalogue: Catalogue | null;
  showParty: boolean;
  /** Not seen before this visit: marked "new". */
  isNew: boolean;
}) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const { answer, problem, busy, send } = useAnswer(invite.id);
  const headingId = `invite-${invite.id.replace(/[^A-Za-z0-9_-]/g, '')}`;
  const accepted = invite.status === 'ACCEPTED' || answer === 'accepted';
  const declined = invite.status === 'DECLINED' || answer === 'declined';
  const party = partyName(invite.candidate);
  return (
    <article className="suggestion" aria-labelledby={headingId}>
      <ReasonList reasons={invite.reasons} perspective="invite" catalogue={catalogue} />
      <h3 id={headingId} className="suggestion__name">
        <Link to={`/events/${event.slug}`}>{event.title}</Link>
        {isNew ? <span className="badge badge--new">{t('inbox.new')}</span> : null}
      </h3>
      <p className="suggestion__meta">
        {formatDateTime(event.startsAt, locale)}
        {event.district ? ` · ${event.district.name}` : ''}
        {showParty ? ` · ${t('inbox.inviteFor', { name: party })}` : ''}
      </p>
      <ErrorMessage id={`${headingId}-error`} problem={problem} />
      {accepted ? (
        <p className="suggestion__state suggestion__state--connected">{t('inbox.inviteAccepted')}</p>
      ) : declined ? (
        <p className="suggestion__state">{t('inbox.inviteDeclined')}</p>
      ) : (
        <AnswerButtons
          name={event.title}
          busy={busy}
          acceptLabel={t('inbox.acceptInvite')}
          onAnswer={(accept) => void send(accept, event.title)}
        />
      )}
    </article>
  );
}

function EventInvites({ catalogue, own, watch }: { catalogue: Catalogue | null; own: string[]; watch: Watch }) {
  const { t } = useTranslation();
  const [from] = useState(() => new Date(Math.floor(Date.now() / 60000) * 60000).toISOString());
  const [result, reexecute] = useQuery({ query: InvitesQuery, variables: { from }, requestPolicy: 'cache-and-network' });
  const events = result.data?.events.nodes ?? [];
  const invites = events.flatMap((e) => e.inviteSuggestions.map((s) => ({ event: e, invite: s })));
  // staff read every party's invites here: only those of the reader's own parties are its to mark seen
  const fresh = useMarkSeen(result.data ? invites.map((i) => i.invite).filter((s) => own.includes(s.candidate.id)) : null);
  useLiveQuery(reexecute, result.data ? invites.map((i) => i.invite.id) : null, t('inbox.invitesTitle'), watch);
  return (
    <section className="inbox-party" aria-labelledby="inbox-invites">
      <h2 id="inbox-invites">{t('inbox.invitesTitle')}</h2>
      <p>{t('inbox.invitesIntro')}</p>
      {result.fetching && !result.data ? <Loading /> : null}
      {result.error && !result.data ? (
        <ErrorState error={result.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : null}
      {result.data && invites.length === 0 ? (
        <Empty>
          {t('inbox.noInvites')} <Link to="/events">{t('inbox.toEvents')}</Link>
        </Empty>
      ) : null}
      <ul className="suggestion-list">
        {invites.map(({ event, invite }) => (
          <li key={invite.id}>
            <InviteCard invite={invite} event={event} catalogue={catalogue} showParty={own.length > 1} isNew={fresh.has(invite.id)} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function InboxContent({ account }: { account: Account }) {
  const { t } = useTranslation();
  const { parties, partiesError, refreshParties } = useSession();
  const { catalogue } = useCatalogue();
  const [watches, setWatches] = useState<Record<string, PartyWatch>>({});
  const onWatch = useCallback((party: string, watch: PartyWatch) => setWatches((seen) => ({ ...seen, [party]: watch })), []);
  if (partiesError && !parties) return <ErrorState retry={refreshParties} />;
  if (!parties) return <Loading />;
  const count = parties.associations.length + (parties.volunteer ? 1 : 0);
  if (count === 0) {
    return (
      <Empty
        action={
          account.role === 'VOLUNTEER' ? (
            <Link className="button" to="/volunteer">
              {t('inbox.createVolunteer')}
            </Link>
          ) : account.role === 'MEMBER' ? (
            <Link className="button" to="/associations/new">
              {t('inbox.createAssociation')}
            </Link>
          ) : (
            <Link className="button" to="/staff">
              {t('nav.staff')}
            </Link>
          )
        }
      >
        {account.role === 'VOLUNTEER'
          ? t('inbox.noVolunteerYet')
          : account.role === 'MEMBER'
            ? t('inbox.noAssociationYet')
            : t('inbox.staffHasNone')}
      </Empty>
    );
  }
  const all = [...parties.associations.map((a) => a.id), ...(parties.volunteer ? [parties.volunteer.id] : [])];
  const watched = all.slice(0, MAX_WATCHED);
  // a list some of whose parties are not watched keeps polling often
  const of = (ids: string[], kinds: Parameters<typeof merged>[1]): Watch =>
    ids.every((id) => watched.includes(id)) ? merged(ids.map((id) => watches[id]), kinds) : { live: false, changedAt: null };
  return (
    <>
      {watched.map((id) => (
        <SuggestionWatch key={id} party={id} onChange={onWatch} />
      ))}
      {parties.associations.map((a) => (
        <AssociationInbox key={a.slug} slug={a.slug} name={a.name} catalogue={catalogue} watch={of([a.id], ['PEER', 'MENTORING'])} />
      ))}
      {parties.volunteer ? (
        <VolunteerInbox slug={parties.volunteer.slug} catalogue={catalogue} watch={of([parties.volunteer.id], ['MENTORING'])} />
      ) : null}
      <EventInvites catalogue={catalogue} own={all} watch={of(all, ['EVENT_INVITE'])} />
    </>
  );
}

export function Inbox() {
  const { t } = useTranslation();
  return (
    <RequireAccount title={t('inbox.title')}>
      {(account) => (
        <>
          <PageHeading title={t('inbox.title')}>{t('inbox.title')}</PageHeading>
          <section className="next-steps" aria-labelledby="next-steps-title">
            <h2 id="next-steps-title" className="next-steps__title">
              {t('inbox.howTitle')}
            </h2>
            <ul>
              <li>{t('inbox.how1')}</li>
              <li>
                <strong>{t('inbox.how2')}</strong>
              </li>
              <li>{t('inbox.how3')}</li>
              <li>{t('inbox.how4')}</li>
            </ul>
          </section>
          <InboxContent account={account} />
        </>
      )}
    </RequireAccount>
  );
}
