import type { TFunction } from 'i18next';
import { Link } from 'react-router';

type PartyRef =
  | { __typename: 'Association'; slug: string; name: string }
  | { __typename: 'Volunteer'; slug: string; displayName: string };

export function partyName(party: PartyRef): string {
  return party.__typename === 'Association' ? party.name : party.displayName;
}

export function partyPath(party: PartyRef): string {
  return party.__typename === 'Association' ? `/associations/${party.slug}` : `/volunteers/${party.slug}`;
}

export function PartyLink({ party }: { party: PartyRef }) {
  return <Link to={partyPath(party)}>{partyName(party)}</Link>;
}

export function partyKindLabel(typename: 'Association' | 'Volunteer', t: TFunction): string {
  return typename === 'Association' ? t('party.association') : t('party.volunteer');
}
