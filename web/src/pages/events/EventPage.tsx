import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { EventPageQuery, PartyKind } from '../../gql/graphql';
import { useLanguage } from '../../i18n';
import { formatDateTime, formatShare } from '../../lib/format';
import { problemsFrom, requestProblem, useProblems } from '../../lib/forms';
import { useSession, type MyParties } from '../../lib/session';
import { useAnnounce } from '../../components/Announcer';
import { ErrorSummary, RadioGroup, SubmitButton } from '../../components/Form';
import { PageHeading, Section } from '../../components/Page';
import { PartyLink } from '../../components/Party';
import { ErrorState, Loading, Notice } from '../../components/States';
import { formatLabel } from './Events';

const EventQuery = graphql(`
  query EventPage($slug: String!, $language: Language!) {
    event(slug: $slug) {
      id
      slug
      title
      description
      startsAt
      endsAt
      format
      status
      visibility
      capacity
      registeredCount
      yourRegistrations {
        __typename
        ... on Association {
          id
          slug
        }
        ... on Volunteer {
          id
          slug
        }
      }
      outreachShare
      canEdit
      district {
        slug
        name
      }
      tools {
        slug
        name
      }
      skills {
        slug
        label(language: $language)
      }
      fields {
        slug
        label(language: $language)
      }
      groups {
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
    }
  }
`);

const RegisterMutation = graphql(`
  mutation RegisterForEvent($eventSlug: String!, $partySlug: String!, $partyKind: PartyKind) {
    registerForEvent(eventSlug: $eventSlug, partySlug: $partySlug, partyKind: $partyKind) {
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

type EventData = NonNullable<EventPageQuery['event']>;

interface PartyChoice {
  key: string;
  slug: string;
  kind: PartyKind;
  label: string;
}

function choicesOf(parties: MyParties, t: TFunction): PartyChoice[] {
  return [
    ...parties.associations.map((a) => ({ key: `a:${a.slug}`, slug: a.slug, kind: 'ASSOCIATION' as const, label: a.name })),
    ...(parties.volunteer
      ? [{ key: `v:${parties.volunteer.slug}`, slug: parties.volunteer.slug, kind: 'VOLUNTEER' as const, label: t('eventPage.yourself', { name: parties.volunteer.displayName }) }]
      : []),
  ];
}

function Register({ event }: { event: EventData }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const { account, parties } = useSession();
  const [registered, setRegistered] = useState<string[]>([]);
  const problems = useProblems();
  const [state, register] = useMutation(RegisterMutation);
  const choices = parties ? choicesOf(parties, t) : [];
  const [choice, setChoice] = useState('');
  const selected = choice || (choices.length === 1 ? (choices[0]?.key ?? '') : '');

  if (!account) {
    return (
      <p>
        {t('eventPage.signInToRegister')}{' '}
        <Link to={`/login?next=${encodeURIComponent(`/events/${event.slug}`)}`}>{t('guard.logIn')}</Link>
      </p>
    );
  }
  if (event.status === 'CANCELLED') return <p>{t('eventPage.isCancelled')}</p>;
  if (Date.parse(event.startsAt) < Date.now()) return <p>{t('eventPage.started')}</p>;
  if (!parties) return <Loading lines={1} />;
  if (choices.length === 0) {
    return (
      <p>
        {account.role === 'VOLUNTEER' ? (
          <>
            {t('eventPage.needVolunteer')} <Link to="/volunteer">{t('inbox.createVolunteer')}</Link>
          </>
        ) : account.role === 'MEMBER' ? (
          <>
            {t('eventPage.needAssociation')} <Link to="/associations/new">{t('inbox.createAssociation')}</Link>
          </>
        ) : (
          t('eventPage.staffRegister')
        )}
      </p>
    );
  }

  const already = new Set([
    ...event.yourRegistrations.map((p) => (p.__typename === 'Association' ? `a:${p.slug}` : `v:${p.slug}`)),
    ...registered,
  ]);
  const registeredNames = choices.filter((c) => already.has(c.key)).map((c) => c.label);
  const open = choices.filter((c) => !already.has(c.key));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (state.fetching) return;
    const picked = choices.find((c) => c.key === selected);
    if (!picked) return problems.setProblems([{ message: t('eventPage.choosePartyMissing'), target: 'register-party' }]);
    const result = await register({ eventSlug: event.slug, partySlug: picked.slug, partyKind: picked.kind });
    const payload = result.data?.registerForEvent;
    if (!payload) return problems.setProblems([requestProblem(result.error, t)]);
    if (payload.errors.length > 0)
      return problems.setProblems(
        problemsFrom(payload.errors, { partySlug: 'register-party', partyKind: 'register-party' }, t, (err) =>
          err.code === 'CONFLICT' ? t('eventPage.conflict') : undefined,
        ).map((p) => ({ ...p, detail: p.detail ?? payload.errors[0]?.message })),
      );
    problems.clear();
    setRegistered([...registered, picked.key]);
    announce(t('eventPage.registeredAs', { name: picked.label }));
  };

  const full = event.capacity != null && event.registeredCount >= event.capacity;
  return (
    <>
      {registeredNames.length > 0 ? (
        <Notice tone="success">
          <p>{t('eventPage.registeredList', { names: registeredNames.join(', ') })}</p>
        </Notice>
      ) : null}
      {open.length > 0 ? (
        <form className="form" noValidate onSubmit={(e) => void submit(e)}>
          <ErrorSummary id="register-errors" problems={problems.problems} round={problems.round} />
          {full ? <p>{t('eventPage.full')}</p> : null}
          {open.length > 1 || choices.length > 1 ? (
            <RadioGroup
              id="register-party"
              legend={t('eventPage.choosePartyLegend')}
              value={selected}
              onChange={setChoice}
              problem={problems.errorFor('register-party')}
              options={open.map((c) => ({ value: c.key, label: c.label }))}
            />
          ) : (
            <p id="register-party">{t('eventPage.registerAs', { name: open[0]?.label ?? '' })}</p>
          )}
          <SubmitButton busy={state.fetching} busyText={t('eventPage.registering')}>
            {t('eventPage.register')}
          </SubmitButton>
        </form>
      ) : null}
    </>
  );
}

export function EventPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const { api, locale } = useLanguage();
  const [result, reexecute] = useQuery({ query: EventQuery, variables: { slug, language: api } });
  const event = result.data?.event;

  if (result.fetching && !result.data) {
    return (
      <>
        <PageHeading title={t('eventPage.title')}>{t('eventPage.title')}</PageHeading>
        <Loading />
      </>
    );
  }
  if (result.error && !result.data) {
    return (
      <>
        <PageHeading title={t('eventPage.title')}>{t('eventPage.title')}</PageHeading>
        <ErrorState error={result.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />
      </>
    );
  }
  if (!event) {
    return (
      <>
        <PageHeading title={t('eventPage.notFound')}>{t('eventPage.notFound')}</PageHeading>
        <p>{t('eventPage.notFoundText')}</p>
        <p>
          <Link to="/events">{t('eventPage.toList')}</Link>
        </p>
      </>
    );
  }

  return (
    <>
      <PageHeading title={event.title}>{event.title}</PageHeading>
      {event.status === 'CANCELLED' ? (
        <Notice tone="warning">
          <p>{t('eventPage.isCancelled')}</p>
        </Notice>
      ) : null}
      {event.canEdit ? (
        <p className="actions">
          <Link className="button" to={`/staff/events/${event.slug}`}>
            {t('eventPage.toInvites')}
          </Link>
          <Link className="button button--secondary" to={`/staff/events/${event.slug}/edit`}>
            {t('eventPage.edit')}
          </Link>
        </p>
      ) : null}
      <dl className="facts">
        <div>
          <dt>{t('eventPage.when')}</dt>
          <dd>
            <time dateTime={event.startsAt}>{formatDateTime(event.startsAt, locale)}</time> –{' '}
            <time dateTime={event.endsAt}>{formatDateTime(event.endsAt, locale)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('events.format')}</dt>
          <dd>{formatLabel(event.format, t)}</dd>
        </div>
        {event.district ? (
          <div>
            <dt>{t('association.district')}</dt>
            <dd>{event.district.name}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('eventPage.places')}</dt>
          <dd>
            {event.capacity != null
              ? t('events.places', { registered: event.registeredCount, capacity: event.capacity })
              : t('events.registered', { count: event.registeredCount })}
          </dd>
        </div>
        <div>
          <dt>{t('eventPage.outreach')}</dt>
          <dd>{t('eventPage.outreachText', { share: formatShare(event.outreachShare, locale) })}</dd>
        </div>
      </dl>
      {event.description ? <p className="description">{event.description}</p> : null}

      <Section id="topics" title={t('eventPage.topicsTitle')}>
        {event.tools.length + event.skills.length + event.fields.length === 0 ? (
          <p>{t('eventPage.noTopics')}</p>
        ) : (
          <ul className="tag-list">
            {event.tools.map((x) => (
              <li key={x.slug}>
                <Link to={`/tools/${x.slug}`}>{x.name}</Link>
              </li>
            ))}
            {event.skills.map((x) => (
              <li key={x.slug}>
                <Link to={`/skills/${x.slug}`}>{x.label}</Link>
              </li>
            ))}
            {event.fields.map((x) => (
              <li key={x.slug}>{x.label}</li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="register" title={t('eventPage.registerTitle')}>
        <Register event={event} />
      </Section>

      {event.groups.length > 0 ? (
        <Section id="groups" title={t('eventPage.groupsTitle')}>
          <ol className="group-list">
            {event.groups.map((g) => (
              <li key={g.number}>
                <h3 className="group-list__title">{t('staffEvent.groupN', { number: g.number })}</h3>
                <ul>
                  {g.members.map((m) => (
                    <li key={m.id}>
                      <PartyLink party={m} />
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        </Section>
      ) : null}
    </>
  );
}
