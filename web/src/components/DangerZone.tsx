import { useCallback, useState } from 'react';
import type { Problems } from '../lib/forms';
import { Dialog } from './Dialog';
import { ErrorSummary } from './Form';

/**
 * A section for one thing that cannot be undone: a danger button opens a dialog that asks again. `confirm` gets
 * the dialog's `close` to call when it worked; its problems show in the dialog's error summary `errorsId`.
 */
export function DangerZone({
  id,
  dialogId,
  title,
  text,
  button,
  dialogTitle,
  dialogText,
  confirmLabel,
  keepLabel,
  errorsId,
  problems,
  confirm,
}: {
  /** The heading's id (`${id}-title` is what the section is labelled by). */
  id: string;
  dialogId: string;
  title: string;
  text: string;
  button: string;
  dialogTitle: string;
  dialogText: string;
  confirmLabel: string;
  keepLabel: string;
  errorsId: string;
  problems: Problems;
  confirm: (close: () => void) => Promise<void>;
}) {
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  return (
    <section className="section danger-zone" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p>{text}</p>
      <button type="button" className="button button--danger" onClick={() => setOpen(true)}>
        {button}
      </button>
      <Dialog id={dialogId} open={open} onClose={close} title={dialogTitle}>
        <ErrorSummary id={errorsId} problems={problems.problems} round={problems.round} />
        <p>{dialogText}</p>
        <div className="form-actions">
          <button type="button" className="button button--danger" onClick={() => void confirm(close)}>
            {confirmLabel}
          </button>
          <button type="button" className="button button--secondary" data-autofocus onClick={close}>
            {keepLabel}
          </button>
        </div>
      </Dialog>
    </section>
  );
}
