/** Who is calling, once authenticated. Every use case receives one and scopes its queries by it. */
export interface Principal {
  user_id: string;
  role: 'buyer' | 'seller' | 'agent' | 'operator';
  /** The shop a seller's staff member works for; null for other roles. */
  seller_id: string | null;
  via: 'api_key' | 'session' | 'admin_token';
  /** For cookie sessions: the token unsafe requests must echo in `X-CSRF-Token`. */
  csrf_token?: string;
  /** The credential it came with, so open streams can end when it does. */
  session_id?: string;
  api_key_id?: string;
}

/** The operator behind SENDBACK_ADMIN_TOKEN; it exists before any user row does. */
export const ADMIN_PRINCIPAL_ID = 'usr_admin';
