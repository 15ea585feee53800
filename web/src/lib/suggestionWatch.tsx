import { useEffect } from 'react';
import { useSubscription } from 'urql';
import { graphql } from '../gql';
import type { SuggestionKind } from '../gql/graphql';

/** What one party's watch saw: whether it is live, and per kind of suggestion the time of its latest change. */
export type PartyWatch = { live: boolean; changedAt: Partial<Record<SuggestionKind, string>> };

const SuggestionsChangedSubscription = graphql(`
  subscription SuggestionsChanged($party: ID!) {
    suggestionsChanged(party: $party) {
      kinds
      at
    }
  }
`);

/**
 * Watches one party's stored suggestions over the API's WebSocket and reports each change to `onChange` (nothing is
 * rendered). A watch that fails (no socket, refused, too many) reports `live: false`, so the page polls as before.
 */
export function SuggestionWatch({ party, onChange }: { party: string; onChange: (party: string, watch: PartyWatch) => void }) {
  const [result] = useSubscription(
    { query: SuggestionsChangedSubscription, variables: { party } },
    (seen: PartyWatch['changedAt'] = {}, event) => {
      const next = { ...seen };
      for (const kind of event.suggestionsChanged.kinds) next[kind] = String(event.suggestionsChanged.at);
      return next;
    },
  );
  const live = !result.error;
  const key = JSON.stringify(result.data ?? {});
  useEffect(() => {
    onChange(party, { live, changedAt: result.data ?? {} });
    // `key` stands for `result.data`
  }, [party, live, key]); // eslint-disable-line react-hooks/exhaustive-deps
  return null;
}

/** Several parties' watches as one: live only when all are, changed when any changed a kind of `kinds`. */
export function merged(watches: (PartyWatch | undefined)[], kinds: SuggestionKind[]): { live: boolean; changedAt: string | null } {
  const times = watches.flatMap((w) => kinds.map((k) => w?.changedAt[k]).filter((t): t is string => !!t));
  return {
    live: watches.length > 0 && watches.every((w) => w?.live),
    changedAt: times.length > 0 ? times.reduce((a, b) => (a > b ? a : b)) : null,
  };
}
