import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { EventFilterInput, EventFormat, EventListQuery } from '../../gql/graphql';
import { useLanguage } from '../../i18n';
import { useCatalogue } from '../../lib/catalogue';
import { formatDateTime, fromDateInput, todayInput } from '../../lib/format';
import { useProblems, type Problem } from '../../lib/forms';
import { CheckboxGroup, ErrorSummary, TextField } from '../../components/Form';
import { MoreButton } from '../../components/MoreButton';
import { PageHeading } from '../../components/Page';
import { Empty, ErrorState, Loading } from '../../components/States';

const EventListQueryDoc = graphql(`
  query EventList($filter: EventFilterInput, $first: Int, $after: String, $language: Language!) {
    events(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        slug
        title
        startsAt
        endsAt
        format
        status
        capacity
        registeredCount
        district {
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
      }
    }
  }
`);

export const FORMATS: EventFormat[] = ['IN_PERSON', 'ONLINE', 'HYBRID'];

export function formatLabel(format: string, t: TFunction): string {
  if (format === 'ONLINE') return t('events.formats.ONLINE');
  if (format === 'HYBRID') return t('events.formats.HYBRID');
  return t('events.formats.IN_PERSON');
}

type EventNode = EventListQuery['events']['nodes'][number];

export function EventCard({ event, headingLevel = 2 }: { event: EventNode; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const topics = [...event.tools.map((x) => x.name), ...event.skills.map((x) => x.label), ...event.fields.map((x) => x.label)];
  return (
    <li className="card event-card">
      <Heading className="card__title card__title--small">
        <Link to={`/events/${event.slug}`}>{event.title}</Link>
        {event.status === 'CANCELLED' ? <span className="badge badge--cancelled">{t('events.cancelled')}</span> : null}
      </Heading>
      <p className="card__meta">
        <time dateTime={event.startsAt}>{formatDateTime(event.startsAt, locale)}</time> · {formatLabel(event.format, t)}
        {event.district ? ` · ${event.district.name}` : ''}
      </p>
      <p className="card__meta">
        {event.capacity != null
          ? t('events.places', { registered: event.registeredCount, capacity: event.capacity })
          : t('events.registered', { count: event.registeredCount })}
      </p>
      {topics.length > 0 ? <p className="card__text">{t('events.topics', { list: topics.join(', ') })}</p> : null}
    </li>
  );
}

function Results({ filter }: { filter: EventFilterInput }) {
  const { api } = useLanguage();
  const [after, setAfter] = useState<string[]>([]);
  return (
    <>
      <ResultPage filter={filter} after={null} api={api} onMore={(c) => setAfter([c])} first />
      {after.map((cursor, i) => (
        <ResultPage key={cursor} filter={filter} after={cursor} api={api} onMore={(c) => setAfter([...after.slice(0, i + 1), c])} />
      ))}
    </>
  );
}

function ResultPage({
  filter,
  after,
  api,
  onMore,
  first,
}: {
  filter: EventFilterInput;
  after: string | null;
  api: 'DE' | 'EN';
  onMore: (cursor: string) => void;
  first?: boolean;
}) {
  const { t } = useTranslation();
  const [result, reexecute] = useQuery({ query: EventListQueryDoc, variables: { filter, first: 20, after, language: api } });
  if (result.fetching && !result.data) return <Loading />;
  if (result.error && !result.data)
    return <ErrorState error={result.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />;
  const connection = result.data?.events;
  if (!connection) return null;
  return (
    <>
      {first ? (
        <p role="status" className="results-count">
          {t('events.count', { count: connection.totalCount })}
        </p>
      ) : null}
      {first && connection.nodes.length === 0 ? <Empty>{t('events.none')}</Empty> : null}
      <ul className="card-list">
        {connection.nodes.map((e) => (
          <EventCard key={e.id} event={e} />
        ))}
      </ul>
      <MoreButton pageInfo={connection.pageInfo} onMore={onMore}>
        {t('events.more')}
      </MoreButton>
    </>
  );
}

export function Events() {
  const { t } = useTranslation();
  const { catalogue } = useCatalogue();
  const [params, setParams] = useSearchParams();
  const [topic, setTopic] = useState(params.get('topic') ?? '');
  const [formats, setFormats] = useState<string[]>(params.getAll('format'));
  const [from, setFrom] = useState(params.get('from') ?? todayInput());
  const [until, setUntil] = useState(params.get('until') ?? '');
  const problems = useProblems();

  const filter: EventFilterInput = {};
  const startsFrom = fromDateInput(params.get('from') ?? todayInput());
  if (startsFrom) filter.startsFrom = startsFrom;
  const startsUntil = fromDateInput(params.get('until') ?? '', true);
  if (startsUntil) filter.startsUntil = startsUntil;
  const topicParam = params.get('topic');
  if (topicParam) filter.topics = [topicParam];
  const formatParams = params.getAll('format').filter((f): f is EventFormat => (FORMATS as string[]).includes(f));
  if (formatParams.length > 0) filter.formats = formatParams;

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const found: Problem[] = [];
    if (from && !fromDateInput(from)) found.push({ message: t('events.dateInvalid'), target: 'filter-from' });
    if (until && !fromDateInput(until)) found.push({ message: t('events.dateInvalid'), target: 'filter-until' });
    if (from && until && until < from) found.push({ message: t('events.untilBeforeFrom'), target: 'filter-until' });
    if (found.length > 0) return problems.setProblems(found);
    problems.clear();
    const next = new URLSearchParams();
    if (topic) next.set('topic', topic);
    formats.forEach((f) => next.append('format', f));
    if (from) next.set('from', from);
    if (until) next.set('until', until);
    setParams(next);
  };

  const reset = () => {
    setTopic('');
    setFormats([]);
    setFrom(todayInput());
    setUntil('');
    problems.clear();
    setParams(new URLSearchParams());
  };

  return (
    <>
      <PageHeading title={t('events.title')} lead={t('events.lead')}>
        {t('events.title')}
      </PageHeading>
      <form className="filters" noValidate onSubmit={apply} aria-label={t('events.filters')}>
        <ErrorSummary id="event-filter-errors" problems={problems.problems} round={problems.round} />
        <div className="field">
          <label htmlFor="filter-topic" className="field__label">
            {t('events.topic')}
          </label>
          <select id="filter-topic" className="input select" value={topic} onChange={(e) => setTopic(e.target.value)}>
            <option value="">{t('events.anyTopic')}</option>
            {catalogue ? (
              <>
                <optgroup label={t('events.topicTools')}>
                  {catalogue.tools.map((x) => (
                    <option key={x.slug} value={x.slug}>
                      {x.label}
                    </option>
                  ))}
                </optgroup>
                <optgroup label={t('events.topicSkills')}>
                  {catalogue.skills.map((x) => (
                    <option key={x.slug} value={x.slug}>
                      {x.label}
                    </option>
                  ))}
                </optgroup>
                <optgroup label={t('events.topicFields')}>
                  {catalogue.fields.map((x) => (
                    <option key={x.slug} value={x.slug}>
                      {x.label}
                    </option>
                  ))}
                </optgroup>
              </>
            ) : null}
          </select>
        </div>
        <CheckboxGroup
          id="filter-format"
          legend={t('events.format')}
          options={FORMATS.map((f) => ({ value: f, label: formatLabel(f, t) }))}
          selected={formats}
          onChange={setFormats}
          columns={false}
        />
        <TextField id="filter-from" label={t('events.from')} type="date" width="medium" value={from} onChange={setFrom} problem={problems.errorFor('filter-from')} />
        <TextField id="filter-until" label={t('events.until')} type="date" width="medium" optional value={until} onChange={setUntil} problem={problems.errorFor('filter-until')} />
        <div className="form-actions">
          <button type="submit" className="button">
            {t('events.apply')}
          </button>
          <button type="button" className="button button--secondary" onClick={reset}>
            {t('events.reset')}
          </button>
        </div>
      </form>
      <Results key={params.toString()} filter={filter} />
    </>
  );
}
