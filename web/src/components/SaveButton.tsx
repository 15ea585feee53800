import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SubmitButton } from './Form';

/** A form's save button ("Speichern …" while busy) and, after a save, the inline "saved" status. */
export function SaveButton({ busy, saved, savedText, children }: { busy: boolean; saved: boolean; savedText?: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <SubmitButton busy={busy} busyText={t('edit.saving')}>
        {children}
      </SubmitButton>
      {saved ? (
        <p className="saved" role="status">
          {savedText ?? t('edit.savedInline')}
        </p>
      ) : null}
    </>
  );
}
