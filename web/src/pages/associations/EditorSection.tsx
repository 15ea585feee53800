import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CombinedError } from 'urql';
import { payloadProblems, type Problem, type Problems, type ServerError } from '../../lib/forms';
import { useAnnounce } from '../../components/Announcer';
import { ErrorSummary } from '../../components/Form';
import { SaveButton } from '../../components/SaveButton';
import { VisibilityNote, type Audience } from '../../components/Visibility';

export interface SaveResult {
  payload: { errors: readonly ServerError[] } | null | undefined;
  error: CombinedError | undefined;
}

/**
 * One section of the profile editor: its own form, error summary, save button and "saved" status. `save` returns
 * the mutation's payload (or the request error); `fields` maps the API's field paths to this section's input ids.
 */
export function EditorSection({
  id,
  title,
  audience,
  intro,
  submitLabel,
  problems,
  validate,
  save,
  fields,
  children,
}: {
  id: string;
  title: string;
  audience: Audience;
  intro?: ReactNode;
  submitLabel: string;
  problems: Problems;
  validate?: () => Problem[];
  save: () => Promise<SaveResult>;
  fields: () => Record<string, string>;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setSaved(false);
    const found = validate?.() ?? [];
    if (found.length > 0) return problems.setProblems(found);
    setBusy(true);
    const { payload, error } = await save();
    setBusy(false);
    const failed = payloadProblems(payload, error, fields(), t);
    if (failed.length > 0) return problems.setProblems(failed);
    problems.clear();
    setSaved(true);
    announce(t('edit.saved', { section: title }));
  };

  return (
    <section className="section editor-section" aria-labelledby={`${id}-title`}>
      <div className="section__header">
        <h2 id={`${id}-title`}>{title}</h2>
        <VisibilityNote audience={audience} />
      </div>
      {intro ? <p>{intro}</p> : null}
      <form noValidate onSubmit={(e) => void submit(e)} className="form" aria-labelledby={`${id}-title`}>
        <ErrorSummary id={`${id}-errors`} problems={problems.problems} round={problems.round} />
        {children}
        <SaveButton busy={busy} saved={saved}>
          {submitLabel}
        </SaveButton>
      </form>
    </section>
  );
}
