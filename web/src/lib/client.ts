import { Client, cacheExchange, fetchExchange } from 'urql';

/**
 * The GraphQL client for one session (one token or none). A new token means a new client, so nothing cached
 * for one account is ever shown to another.
 *
 * An HTTP 401 (malformed, expired or revoked token) calls `onUnauthorized` and repeats the request without the
 * token, so public data still loads while the page says that the session ended.
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
    exchanges: [cacheExchange, fetchExchange],
    fetch: fetchWithSession,
    preferGetMethod: false,
    fetchOptions: (): RequestInit => ({
      headers: token ? { Authorization: `Bearer ${token}` } : ({} as Record<string, string>),
    }),
  });
}
