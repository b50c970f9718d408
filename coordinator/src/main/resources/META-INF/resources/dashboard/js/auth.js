// Sign-in with Keycloak: OpenID Connect authorization code flow with PKCE (S256) for a public client.
// Tokens live in this module's memory only, never in localStorage or sessionStorage: a reload signs in
// again (silently while the Keycloak session lasts). Only the PKCE verifier and the state, which are
// useless without the code Keycloak sends back to this exact URL, wait in sessionStorage during the
// round trip to the login page, and are deleted as soon as the code is exchanged.

const PENDING = 'meshlift.dashboard.pending-sign-in';
/** Refresh this long before the access token expires. */
const REFRESH_MARGIN_SECONDS = 30;

function base64Url(bytes) {
  let text = '';
  for (const b of new Uint8Array(bytes)) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString() {
  return base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

async function challengeOf(verifier) {
  return base64Url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
}

function claimsOf(jwt) {
  const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const json = decodeURIComponent(
    Array.from(atob(part), (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
  return JSON.parse(json);
}

export class SignInError extends Error {}

export class Session {
  #config;
  #redirectUri;
  #tokens;
  #timer;

  constructor(config, redirectUri, tokens) {
    this.#config = config;
    this.#redirectUri = redirectUri;
    this.#accept(tokens);
  }

  /** The current access token, for the Authorization header. */
  get accessToken() {
    return this.#tokens.access_token;
  }

  get username() {
    return this.claims.preferred_username ?? this.claims.sub;
  }

  /** Realm roles; the API enforces them, the UI only uses them to hide what would be refused. */
  get roles() {
    return this.claims.realm_access?.roles ?? [];
  }

  hasAnyRole(...roles) {
    return roles.some((role) => this.roles.includes(role));
  }

  signOut() {
    clearTimeout(this.#timer);
    const idToken = this.#tokens.id_token;
    this.#tokens = null;
    const end = this.#config.endSessionEndpoint;
    if (!end) {
      location.assign(this.#redirectUri);
      return;
    }
    const url = new URL(end);
    url.searchParams.set('client_id', this.#config.clientId);
    url.searchParams.set('post_logout_redirect_uri', this.#redirectUri);
    if (idToken) url.searchParams.set('id_token_hint', idToken);
    location.assign(url);
  }

  #accept(tokens) {
    this.#tokens = tokens;
    this.claims = claimsOf(tokens.access_token);
    clearTimeout(this.#timer);
    if (tokens.refresh_token) {
      const delay = Math.max(5, (tokens.expires_in ?? 60) - REFRESH_MARGIN_SECONDS) * 1000;
      this.#timer = setTimeout(() => this.#refresh(), delay);
    }
  }

  async #refresh() {
    try {
      const tokens = await tokenRequest(this.#config, {
        grant_type: 'refresh_token',
        refresh_token: this.#tokens.refresh_token,
        client_id: this.#config.clientId,
      });
      this.#accept(tokens);
    } catch (e) {
      // The Keycloak session ended (logout elsewhere, idle timeout): sign in again where the user was.
      startSignIn(this.#config, this.#redirectUri);
    }
  }
}

async function tokenRequest(config, form) {
  const response = await fetch(config.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
    credentials: 'omit',
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new SignInError(`Keycloak refused the token request: ${body.error_description ?? body.error ?? response.status}`);
  }
  return body;
}

/** Sends the browser to Keycloak's login page; comes back to {@code redirectUri} with a code. */
export async function startSignIn(config, redirectUri) {
  const verifier = randomString();
  const state = randomString();
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo: location.hash || '#/jobs' }));
  const url = new URL(config.authorizationEndpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('scope', 'openid');
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', await challengeOf(verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  location.assign(url);
}

/**
 * Finishes a sign-in when the URL carries Keycloak's answer, else returns null. The code is exchanged
 * once; the URL is cleaned so that a reload does not replay it.
 */
export async function completeSignIn(config, redirectUri) {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return null;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null');
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', location.pathname + (pending?.returnTo ?? '#/jobs'));
  if (params.has('error')) {
    throw new SignInError(`Keycloak refused the sign-in: ${params.get('error_description') ?? params.get('error')}`);
  }
  if (!pending || pending.state !== params.get('state')) {
    throw new SignInError('the sign-in answer does not belong to a sign-in started here (state mismatch); sign in again');
  }
  const tokens = await tokenRequest(config, {
    grant_type: 'authorization_code',
    code: params.get('code'),
    redirect_uri: redirectUri,
    client_id: config.clientId,
    code_verifier: pending.verifier,
  });
  return new Session(config, redirectUri, tokens);
}
