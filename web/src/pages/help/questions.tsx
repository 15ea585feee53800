import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import type { TFunction } from 'i18next';
import { graphql } from '../../gql';
import type { HelpQuestionCardFragment, HelpQuestionStatus } from '../../gql/graphql';
import { useLanguage } from '../../i18n';
import { formatDate } from '../../lib/format';
import { codeMessage, requestProblem, type Problem } from '../../lib/forms';
import { useAnnounce } from '../../components/Announcer';

graphql(`
  fragment HelpQuestionCard on HelpQuestion {
    id
    text
    status
    language
    about {
      kind
      slug
      name
    }
    askerName
    byMail
    askedAt
    claimedAt
    answeredAt
    answer
    claimedBy
    answeredBy
  }
`);

const CloseQuestion = graphql(`
  mutation CloseQuestion($id: ID!) {
    closeQuestion(id: $id) {
      question {
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

/** Queries listing questions name the type, so asking or closing one refetches them even when they were empty. */
export const QUESTION_LISTS = { additionalTypenames: ['HelpQuestion'] };

/** The first words of a question, as its card's or row's name. */
export function shortText(text: string, max = 100): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

/** An id usable in the DOM (ids of questions are global ids with a colon). */
export function domId(prefix: string, id: string): string {
  return `${prefix}-${id.replace(/[^A-Za-z0-9_-]/g, '')}`;
}

export function statusLabel(status: HelpQuestionStatus, t: TFunction): string {
  switch (status) {
    case 'OPEN':
      return t('help.statusOPEN');
    case 'CLAIMED':
      return t('help.statusCLAIMED');
    case 'ANSWERED':
      return t('help.statusANSWERED');
    default:
      return t('help.statusCLOSED');
  }
}

export function StatusBadge({ status }: { status: HelpQuestionStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge--question badge--question-${status.toLowerCase()}`}>{statusLabel(status, t)}</span>;
}

/** "Thema: Nextcloud" (`bare`: "Nextcloud", under a column's heading) linking to the tool's or skill's page. */
export function Topic({ about, bare }: { about: HelpQuestionCardFragment['about']; bare?: boolean }) {
  const { t } = useTranslation();
  if (!about) return null;
  const path = about.kind === 'TOOL' ? `/tools/${about.slug}` : `/skills/${about.slug}`;
  return <Link to={path}>{bare ? about.name : t('help.about', { name: about.name })}</Link>;
}

/** Where a question came from and when: topic, asker, date. */
export function QuestionMeta({ question, showAsker }: { question: HelpQuestionCardFragment; showAsker: boolean }) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  return (
    <p className="suggestion__meta">
      {question.about ? (
        <>
          <Topic about={question.about} />
          {' · '}
        </>
      ) : null}
      {showAsker && question.askerName ? `${t('help.askedBy', { name: question.askerName })} · ` : null}
      {t('help.askedAt', { date: formatDate(question.askedAt, locale) })}
      {question.byMail ? ` · ${t('help.byMail')}` : null}
    </p>
  );
}

/** The answer as written: its line breaks kept, its author named. */
export function AnswerText({ question, title }: { question: HelpQuestionCardFragment; title?: string }) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  if (!question.answer) return null;
  return (
    <div className="answer">
      <p className="answer__by">
        <strong>{title ?? t('help.answerBy', { name: question.answeredBy ?? t('help.someone') })}</strong>
        {question.answeredAt ? ` · ${t('help.answeredAt', { date: formatDate(question.answeredAt, locale) })}` : null}
      </p>
      <p className="answer__text">{question.answer}</p>
    </div>
  );
}

/** Closing a question without an answer (the asker withdraws it, or staff close it). */
export function useCloseQuestion(doneText: string) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [state, close] = useMutation(CloseQuestion);
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const send = async (id: string) => {
    if (state.fetching) return;
    setProblem(undefined);
    const result = await close({ id }, QUESTION_LISTS);
    const payload = result.data?.closeQuestion;
    if (!payload) return setProblem(requestProblem(result.error, t));
    const error = payload.errors[0];
    if (error) return setProblem({ message: codeMessage(error.code, t), detail: error.message });
    announce(doneText);
  };
  return { busy: state.fetching, problem, send };
}
