import { useTranslation } from 'react-i18next';

export type Audience = 'everyone' | 'members' | 'signedIn' | 'partners' | 'self';

/** Who can see a section or a field, as the API's rule says (network/kit/authorisation.py). */
export function VisibilityNote({ audience, id }: { audience: Audience; id?: string }) {
  const { t } = useTranslation();
  const text =
    audience === 'everyone'
      ? t('visibility.everyone')
      : audience === 'members'
        ? t('visibility.members')
        : audience === 'signedIn'
          ? t('visibility.signedIn')
          : audience === 'partners'
            ? t('visibility.partners')
            : t('visibility.self');
  return (
    <p className={`visibility visibility--${audience}`} id={id}>
      <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="18" height="18" className="visibility__icon">
        {audience === 'partners' || audience === 'self' ? (
          <path d="M12 2a5 5 0 0 0-5 5v3H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-8a2 2 0 0 0-2-2h-1V7a5 5 0 0 0-5-5zm-3 8V7a3 3 0 0 1 6 0v3z" fill="currentColor" />
        ) : (
          <path d="M12 5C6 5 2 12 2 12s4 7 10 7 10-7 10-7-4-7-10-7zm0 11a4 4 0 1 1 0-8 4 4 0 0 1 0 8z" fill="currentColor" />
        )}
      </svg>
      {text}
    </p>
  );
}
