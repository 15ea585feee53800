import { createClient as createSocketClient } from 'graphql-ws';
import { Client, type Exchange, cacheExchange, fetchExchange, subscriptionExchange } from 'urql';

/**
 * The GraphQL client for one session (one token or none). A new token means a new client, so nothing cached
 * for one account is ever shown to another.
 *
 * An HTTP 401 (malformed, expired or revoked token) calls `onUnauthorized` and repeats the request without the
 * token, so public data still loads while the page says that the session ended.
 *
 * A signed-in client also subscribes (only the inbox's `suggestionsChanged` for now) over one WebSocket at the same
 * `/graphql` (`graphql-transport-ws`), opened with the first subscription and closed a moment after the last; it
 * sends the token in `connection_init`, as browsers cannot set headers on a WebSocket.
 */
export function createClient(token: string | null, onUnauthorized: () => void): Client {
  const fetchWithSession: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (response.status === 401 && token) {
      onUnauthorized();
      const headers = new Headers(init?.headers);
      headers.delete('Authorization');
      return fetch(input, { ...init, headers });
    }
    return response;
  };

  return new Client({
    url: '/graphql',
    exchanges: token ? [cacheExchange, fetchExchange, socketExchange(token)] : [cacheExchange, fetchExchange],
    fetch: fetchWithSession,
    preferGetMethod: false,
    fetchOptions: (): RequestInit => ({
      headers: token ? { Authorization: `Bearer ${token}` } : ({} as Record<string, string>),
    }),
  });
}

function socketExchange(token: string): Exchange {
  const socket = createSocketClient({
    url: `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/graphql`,
    connectionParams: { Authorization: `Bearer ${token}` },
    lazy: true,
    lazyCloseTimeout: 3000,
    retryAttempts: 5,
  });
  return subscriptionExchange({
    forwardSubscription(request) {
      const operation = { ...request, query: request.query ?? '' };
      return {
        subscribe(sink) {
          return { unsubscribe: socket.subscribe(operation, sink) };
        },
      };
    },
  });
}
