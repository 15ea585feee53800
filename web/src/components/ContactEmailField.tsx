import { useTranslation } from 'react-i18next';
import type { Problem } from '../lib/forms';
import { TextField } from './Form';
import { VisibilityNote } from './Visibility';

/** The optional contact address of a profile, with the note that only partners see it. */
export function ContactEmailField({
  id,
  hint,
  value,
  onChange,
  problem,
}: {
  id: string;
  hint: string;
  value: string;
  onChange: (value: string) => void;
  problem: Problem | undefined;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        id={id}
        label={t('association.contactEmail')}
        hint={hint}
        optional
        type="email"
        autoComplete="email"
        spellCheck={false}
        value={value}
        onChange={onChange}
        problem={problem}
      />
      <VisibilityNote audience="partners" />
    </>
  );
}
