import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Where webhooks may go. A webhook is a request the server makes on a seller's behalf, so without
 * a rule it reaches whatever the server reaches: its own database port, the cloud's metadata
 * service, the office network. Only public unicast addresses are allowed: every range ipaddr.js
 * names (loopback, private, link-local, CGNAT, unique-local, multicast, unspecified, broadcast,
 * reserved, the IPv6 transition ranges that embed an IPv4 address, ...) is refused, and IPv4-mapped
 * IPv6 addresses are judged as the IPv4 address they carry.
 *
 * The rule is checked twice: on the URL when an endpoint is registered (an address literal or a
 * name that is internal by definition) and, on every attempt, on each address the host name
 * resolves to, inside the connection's own lookup, so the address checked is the address
 * connected to (a name that re-resolves to an internal address after the check cannot slip in).
 *
 * `SENDBACK_WEBHOOKS_ALLOW_PRIVATE_TARGETS` turns the rule off, for local development and tests
 * whose receivers listen on 127.0.0.1.
 */

/** Names that resolve inside the network (or the machine) by definition or by cloud convention. */
const INTERNAL_NAMES = new Set(['localhost', 'metadata.google.internal', 'metadata.goog']);
const INTERNAL_SUFFIXES = ['.localhost', '.local', '.internal', '.home.arpa'];

/** Why this address may not receive webhooks, or null when it may (a public unicast address). */
export function refusedAddress(address: string): string | null {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    // process() turns an IPv4-mapped IPv6 address (::ffff:127.0.0.1) into the IPv4 address.
    parsed = ipaddr.process(address);
  } catch {
    return 'not an IP address';
  }
  const range = parsed.range();
  if (range !== 'unicast') return `a ${range} address`;
  // ipaddr.js calls what it has no name for unicast, such as the IPv4-compatible ::7f00:1
  // (127.0.0.1) and ::a9fe:a9fe (169.254.169.254): in IPv6 only global unicast is public.
  if (parsed.kind() === 'ipv6' && !parsed.match(GLOBAL_UNICAST_V6)) {
    return 'an IPv6 address outside global unicast (2000::/3)';
  }
  return null;
}

const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

/**
 * Why this URL may not be an endpoint's whatever its host: a user name or password in it would be
 * shown back with the endpoint and sent with every delivery (receivers check the signature).
 */
export function refusedCredentials(url: string): string | null {
  try {
    const { username, password } = new URL(url);
    return username || password
      ? 'a URL with a user name or password; receivers check the Sendback-Signature instead'
      : null;
  } catch {
    return 'not a URL';
  }
}

/** A URL host as the resolver sees it: without IPv6 brackets, a trailing dot, or capitals. */
function bareHost(hostname: string): string {
  const unbracketed =
    hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return unbracketed.replace(/\.+$/, '').toLowerCase();
}

/** As Node decides it: a literal is connected to as is, without a lookup. */
function isAddressLiteral(host: string): boolean {
  return isIP(host) !== 0;
}

/**
 * Why this URL may not receive webhooks, judged without resolving it: an address literal must be
 * public; a name must not be internal by definition (single-label names such as `metadata` resolve
 * through the machine's search domains). Null when it may (for now: its addresses are checked
 * again at every delivery).
 */
export function refusedUrl(url: string): string | null {
  let host: string;
  try {
    host = bareHost(new URL(url).hostname);
  } catch {
    return 'not a URL';
  }
  if (isAddressLiteral(host)) {
    const reason = refusedAddress(host);
    return reason ? `${reason}; webhooks go to public addresses only` : null;
  }
  if (
    !host.includes('.') ||
    INTERNAL_NAMES.has(host) ||
    INTERNAL_SUFFIXES.some((suffix) => host.endsWith(suffix))
  ) {
    return 'an internal host name; webhooks go to public addresses only';
  }
  return null;
}

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Every address a host name resolves to (injected in tests; the system resolver otherwise). */
export type Resolve = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolve: Resolve = (hostname) =>
  dnsLookup(hostname, { all: true, verbatim: true });

/** A target the rule refuses; the attempt fails with the kind `refused_target`. */
export class RefusedTargetError extends Error {
  readonly code = 'ERR_WEBHOOK_REFUSED_TARGET';
  constructor(readonly host: string) {
    super('refused target');
    this.name = 'RefusedTargetError';
  }
}

/**
 * A `lookup` for `http.request`: it resolves the name once, refuses the connection when any
 * address is not allowed, and hands the connection exactly the addresses it checked.
 */
export function guardedLookup(resolve: Resolve, allowPrivateTargets: boolean): LookupFunction {
  return (hostname, options, callback) => {
    const done = callback as (
      error: NodeJS.ErrnoException | null,
      address: string | ResolvedAddress[],
      family?: number,
    ) => void;
    resolve(hostname).then(
      (resolved) => {
        const wanted =
          options.family === 4 || options.family === 6
            ? resolved.filter((a) => a.family === options.family)
            : resolved;
        if (!allowPrivateTargets && resolved.some((a) => refusedAddress(a.address) !== null)) {
          done(new RefusedTargetError(hostname), '');
          return;
        }
        const first = wanted[0];
        if (!first) {
          const error: NodeJS.ErrnoException = new Error(`no address for ${hostname}`);
          error.code = 'ENOTFOUND';
          done(error, '');
          return;
        }
        if (options.all) done(null, wanted);
        else done(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => done(error, ''),
    );
  };
}

/** Whether the URL's host is an address literal (the connection then makes no lookup). */
export function literalHost(url: URL): string | null {
  const host = bareHost(url.hostname);
  return isAddressLiteral(host) ? host : null;
}
