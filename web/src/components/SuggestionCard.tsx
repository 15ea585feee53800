import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import type { SuggestionCardFragment } from '../gql/graphql';
import { useLanguage } from '../i18n';
import type { Catalogue } from '../lib/catalogue';
import { formatNumber } from '../lib/format';
import { codeMessage, requestProblem, type Problem } from '../lib/forms';
import { reasonText, type Perspective, type ReasonLike } from '../lib/reasons';
import { useAnnounce } from './Announcer';
import { ErrorMessage } from './Form';
import { partyName, partyPath } from './Party';

const Respond = graphql(`
  mutation RespondToSuggestion($id: ID!, $accept: Boolean!) {
    respondToSuggestion(id: $id, accept: $accept) {
      suggestion {
        id
        status
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

/** How many reasons a card shows before "more reasons". */
const SHOWN_REASONS = 4;

export function ReasonList({
  reasons,
  perspective,
  catalogue,
  offers,
  needs,
}: {
  reasons: readonly ReasonLike[];
  perspective: Perspective;
  catalogue: Catalogue | null;
  offers?: { skill: { slug: string }; level: number }[];
  needs?: { skill: { slug: string }; minLevel: number }[];
}) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const ctx = { catalogue, locale, offers, needs };
  const texts = reasons.map((r) => reasonText(r, perspective, ctx, t));
  const shown = texts.slice(0, SHOWN_REASONS);
  const more = texts.slice(SHOWN_REASONS);
  if (texts.length === 0) return <p className="reasons reasons--none">{t('inbox.noReasons')}</p>;
  return (
    <div className="reasons">
      <ul className="reasons__list">
        {shown.map((text, i) => (
          <li key={i}>{text}</li>
        ))}
      </ul>
      {more.length > 0 ? (
        <details className="reasons__more">
          <summary>{t('inbox.moreReasons', { count: more.length })}</summary>
          <ul className="reasons__list">
            {more.map((text, i) => (
              <li key={i}>{text}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

export type Answer = 'accepted' | 'declined';

/**
 * Accept and decline, each one tap. `answer` is the one just given, shown until the list reloads; after that the
 * API says it (`status`, `youAccepted`).
 */
export function useAnswer(id: string) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [answer, setAnswer] = useState<Answer | undefined>(undefined);
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const [state, respond] = useMutation(Respond);
  const send = async (accept: boolean, name: string) => {
    if (state.fetching) return;
    setProblem(undefined);
    const result = await respond({ id, accept });
    const payload = result.data?.respondToSuggestion;
    if (!payload) return setProblem(requestProblem(result.error, t));
    const error = payload.errors[0];
    if (error) return setProblem({ message: codeMessage(error.code, t), detail: error.message });
    setAnswer(accept ? 'accepted' : 'declined');
    announce(
      accept
        ? payload.suggestion?.status === 'ACCEPTED'
          ? t('inbox.announceConnected', { name })
          : t('inbox.announceAccepted', { name })
        : t('inbox.announceDeclined', { name }),
    );
  };
  return { answer, problem, busy: state.fetching, send };
}

export function AnswerButtons({
  name,
  busy,
  onAnswer,
  acceptLabel,
}: {
  name: string;
  busy: boolean;
  onAnswer: (accept: boolean) => void;
  acceptLabel?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="answer-buttons">
      {/* named with the candidate, so every button on the page has its own name: "Zusagen: Kiezchor Friedrichshain" */}
      <button
        type="button"
        className="button"
        aria-label={`${acceptLabel ?? t('inbox.accept')}: ${name}`}
        aria-disabled={busy || undefined}
        onClick={() => onAnswer(true)}
      >
        {acceptLabel ?? t('inbox.accept')}
      </button>
      <button
        type="button"
        className="button button--secondary"
        aria-label={`${t('inbox.decline')}: ${name}`}
        aria-disabled={busy || undefined}
        onClick={() => onAnswer(false)}
      >
        {t('inbox.decline')}
      </button>
    </div>
  );
}

/** A peer, mentor or mentee suggestion: reasons first, then the name and score, then the answer. */
export function SuggestionCard({
  suggestion,
  perspective,
  catalogue,
  isNew = false,
}: {
  suggestion: SuggestionCardFragment;
  perspective: Perspective;
  catalogue: Catalogue | null;
  /** Not seen before this visit: marked "new". */
  isNew?: boolean;
}) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const { answer, problem, busy, send } = useAnswer(suggestion.id);
  const c = suggestion.candidate;
  const name = partyName(c);
  const headingId = `suggestion-${suggestion.id.replace(/[^A-Za-z0-9_-]/g, '')}`;
  const status = suggestion.status;
  const connected = status === 'ACCEPTED';
  const declined = status === 'DECLINED' || answer === 'declined';
  const waiting = !connected && !declined && (suggestion.youAccepted || answer === 'accepted');

  return (
    <article className={`suggestion${connected ? ' suggestion--connected' : ''}${declined ? ' suggestion--declined' : ''}`} aria-labelledby={headingId}>
      <ReasonList
        reasons={suggestion.reasons}
        perspective={perspective}
        catalogue={catalogue}
        offers={c.__typename === 'Volunteer' ? c.skills : undefined}
        needs={c.__typename === 'Association' ? c.needs : undefined}
      />
      <h4 id={headingId} className="suggestion__name">
        <Link to={partyPath(c)}>{name}</Link>
        {isNew ? <span className="badge badge--new">{t('inbox.new')}</span> : null}
      </h4>
      <p className="suggestion__meta">
        {c.__typename === 'Association' ? t('party.association') : t('party.volunteer')}
        {c.district ? ` · ${c.district.name}` : ''}
        {c.__typename === 'Volunteer' && c.remote ? ` · ${t('volunteerPage.remote')}` : ''}
        {' · '}
        {t('inbox.score', { score: formatNumber(suggestion.score, locale, 2) })}
      </p>
      <ErrorMessage id={`${headingId}-error`} problem={problem} />
      {connected ? (
        <div className="suggestion__state suggestion__state--connected">
          <p>
            <strong>{t('inbox.connected')}</strong>{' '}
            {c.contactEmail ? (
              <>
                {t('inbox.contactIs')} <a href={`mailto:${c.contactEmail}`}>{c.contactEmail}</a>
              </>
            ) : (
              t('inbox.noContact')
            )}
          </p>
        </div>
      ) : declined ? (
        <p className="suggestion__state">{t('inbox.declined')}</p>
      ) : waiting ? (
        <p className="suggestion__state suggestion__state--waiting">{t('inbox.waiting')}</p>
      ) : (
        <AnswerButtons name={name} busy={busy} onAnswer={(accept) => void send(accept, name)} />
      )}
    </article>
  );
}
