import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { payloadProblems, useProblems, type Problem, type ServerError } from '../../lib/forms';
import { ErrorSummary, SubmitButton, TextArea, TextField } from '../../components/Form';
import { Section } from '../../components/Page';
import { Notice } from '../../components/States';

const MessageParticipants = graphql(`
  mutation MessageEventParticipants($slug: String!, $input: EventMessageInput!) {
    messageEventParticipants(slug: $slug, input: $input) {
      recipients
      errors {
        field
        code
        message
      }
    }
  }
`);

// The API's field paths and the inputs they belong to (`input.` is dropped before the look-up).
const FIELDS = { subject: 'message-subject', text: 'message-text' };
const TEXT_MAX = 5000; // as the API allows

/** Staff write to everyone who takes part in an upcoming event; a cancelled one only says why there is no form. */
export function EventMessage({ slug, cancelled }: { slug: string; cancelled: boolean }) {
  const { t } = useTranslation();
  const [subject, setSubject] = useState('');
  const [text, setText] = useState('');
  // How many accounts the last message went to; null before the first one.
  const [sentTo, setSentTo] = useState<number | null>(null);
  const problems = useProblems();
  const [state, send] = useMutation(MessageParticipants);
  // The event was cancelled since the page loaded: the API refuses with CONFLICT on the slug.
  const explain = (error: ServerError) => (error.code === 'CONFLICT' && error.field === 'slug' ? t('eventMessage.cancelled') : undefined);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (state.fetching) return;
    setSentTo(null);
    const found: Problem[] = [];
    if (!subject.trim()) found.push({ message: t('eventMessage.subjectMissing'), target: FIELDS.subject });
    if (!text.trim()) found.push({ message: t('eventMessage.textMissing'), target: FIELDS.text });
    if (found.length > 0) return problems.setProblems(found);
    const result = await send({ slug, input: { subject: subject.trim(), text: text.trim() } });
    const payload = result.data?.messageEventParticipants;
    const failed = payloadProblems(payload, result.error, FIELDS, t, explain);
    if (!payload || failed.length > 0) return problems.setProblems(failed);
    problems.clear();
    // Emptied, so a second click cannot send the same message twice.
    setSubject('');
    setText('');
    setSentTo(payload.recipients);
  };

  return (
    <Section id="message" title={t('eventMessage.title')}>
      {cancelled ? (
        <Notice>{t('eventMessage.cancelled')}</Notice>
      ) : (
        <>
          <p>{t('eventMessage.intro')}</p>
          <form className="form" noValidate onSubmit={(e) => void submit(e)}>
            <ErrorSummary id="message-errors" problems={problems.problems} round={problems.round} />
            <TextField
              id={FIELDS.subject}
              label={t('eventMessage.subject')}
              hint={t('eventMessage.subjectHint')}
              value={subject}
              onChange={setSubject}
              maxLength={200}
              problem={problems.errorFor(FIELDS.subject)}
            />
            <TextArea
              id={FIELDS.text}
              label={t('eventMessage.text')}
              hint={t('eventMessage.textHint')}
              value={text}
              onChange={setText}
              rows={6}
              maxLength={TEXT_MAX}
              problem={problems.errorFor(FIELDS.text)}
            />
            <SubmitButton busy={state.fetching} busyText={t('eventMessage.sending')}>
              {t('eventMessage.send')}
            </SubmitButton>
          </form>
        </>
      )}
      {/* Present from the start, so screen readers announce the result when it appears. */}
      <p className="saved" role="status">
        {sentTo === null ? '' : t('eventMessage.sent', { count: sentTo })}
      </p>
    </Section>
  );
}
