import { useEffect, useRef, useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../gql';

const MarkSeen = graphql(`
  mutation MarkSuggestionsSeen($ids: [ID!]!) {
    markSuggestionsSeen(ids: $ids) {
      marked
      errors {
        code
      }
    }
  }
`);

/**
 * Tells the API which of the shown suggestions the reader has now seen (staff's funnel counts them), once each, and
 * returns those that were new when first shown: their "new" mark stays until the page is left, not only until the
 * next reload says they are seen. Best effort: a refusal changes nothing on screen.
 */
export function useMarkSeen(suggestions: readonly { id: string; seen: boolean }[] | null): ReadonlySet<string> {
  const [, mark] = useMutation(MarkSeen);
  const sent = useRef(new Set<string>());
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const unseen = (suggestions ?? []).filter((s) => !s.seen && !sent.current.has(s.id)).map((s) => s.id);
  const key = unseen.join(',');
  useEffect(() => {
    if (unseen.length === 0) return;
    unseen.forEach((id) => sent.current.add(id));
    setFresh((before) => new Set([...before, ...unseen]));
    void mark({ ids: unseen });
    // `key` stands for `unseen`
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps
  return fresh;
}
