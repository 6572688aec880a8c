//! Who is on the other end: the client's address, taken from the
//! connection, and from `Forwarded` / `X-Forwarded-For` only when the
//! connection comes from a proxy the configuration names
//! (`trusted_proxies`); never by default. The flood limits of the portal
//! and the login delays count by the address found here.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, Request};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;
use ipnet::IpNet;

/// The proxies whose forwarded addresses are believed.
#[derive(Clone, Debug, Default)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Addresses (`10.0.0.1`) or networks (`10.0.0.0/8`); the first entry
    /// that is neither is the error.
    pub fn parse<S: AsRef<str>>(entries: &[S]) -> Result<Self, String> {
        entries
            .iter()
            .map(|e| {
                let e = e.as_ref().trim();
                e.parse::<IpNet>()
                    .or_else(|_| e.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| e.to_owned())
            })
            .collect::<Result<_, _>>()
            .map(Self)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.0.iter().any(|net| net.contains(&ip))
    }
}

/// An IPv4 address written as IPv6 (`::ffff:10.0.0.1`) is the IPv4 one.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        IpAddr::V4(_) => ip,
    }
}

/// The client of a request, as found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Client {
    pub address: IpAddr,
    /// The connection came through a trusted proxy, so its `X-Forwarded-*`
    /// headers (host, scheme) are believed too.
    pub proxied: bool,
}

/// The client of a connection from `peer` with `headers`: the peer, or,
/// when the peer is a trusted proxy, the nearest forwarded address that is
/// not one (walking the chain from the right, so an address the client
/// wrote into the header itself is never reached while a proxy stands
/// after it). An entry that is not an address stops the walk at the last
/// trusted hop.
pub fn find(peer: IpAddr, headers: &HeaderMap, trusted: &TrustedProxies) -> Client {
    let peer = canonical(peer);
    if !trusted.trusts(peer) {
        return Client {
            address: peer,
            proxied: false,
        };
    }
    let mut address = peer;
    for hop in forwarded_chain(headers).iter().rev() {
        let Some(ip) = hop.map(canonical) else { break };
        address = ip;
        if !trusted.trusts(ip) {
            break;
        }
    }
    Client {
        address,
        proxied: true,
    }
}

/// The forwarded addresses, leftmost (the first client) first: from the
/// `Forwarded` header when there is one, else from `X-Forwarded-For`.
/// `None` marks an entry that is not an address (`unknown`, `_hidden`).
fn forwarded_chain(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    let values = |name: &str| -> Vec<String> {
        headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(|v| v.trim().to_owned())
            .collect()
    };
    let forwarded = values("forwarded");
    if !forwarded.is_empty() {
        return forwarded
            .iter()
            .map(|element| {
                element
                    .split(';')
                    .filter_map(|pair| pair.trim().split_once('='))
                    .find(|(k, _)| k.trim().eq_ignore_ascii_case("for"))
                    .and_then(|(_, v)| node_address(v.trim()))
            })
            .collect();
    }
    values("x-forwarded-for")
        .iter()
        .map(|v| node_address(v))
        .collect()
}

/// The address of a node: `10.0.0.1`, `"10.0.0.1:4711"`, `"[2001:db8::1]:80"`.
fn node_address(node: &str) -> Option<IpAddr> {
    let node = node.trim_matches('"');
    if let Ok(ip) = node.parse::<IpAddr>() {
        return Some(ip);
    }
    if let Ok(socket) = node.parse::<SocketAddr>() {
        return Some(socket.ip());
    }
    node.strip_prefix('[')
        .and_then(|n| n.strip_suffix(']'))
        .and_then(|n| n.parse().ok())
}

/// Finds the client of every request and puts it in its extensions.
pub(crate) async fn middleware(
    axum::extract::State(state): axum::extract::State<crate::AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    if let Some(ConnectInfo(peer)) = request.extensions().get::<ConnectInfo<SocketAddr>>() {
        let client = find(peer.ip(), request.headers(), &state.config.trusted_proxies);
        request.extensions_mut().insert(client);
    }
    next.run(request).await
}

/// The address people open antt at, for links in QR codes and posters:
/// the configured `public_url`; else the host this request was sent to
/// (and, through a trusted proxy, the host and scheme it forwarded), so a
/// school LAN and a proxy work alike.
pub(crate) struct PublicBase(pub(crate) String);

impl axum::extract::FromRequestParts<crate::AppState> for PublicBase {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &crate::AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(url) = &state.config.public_url {
            return Ok(Self(url.trim_end_matches('/').to_owned()));
        }
        let proxied = parts.extensions.get::<Client>().is_some_and(|c| c.proxied);
        let header = |name: &str| {
            parts
                .headers
                .get(name)
                .and_then(|h| h.to_str().ok())
                .map(str::to_owned)
        };
        let forwarded = |name: &str| if proxied { header(name) } else { None };
        let host = forwarded("x-forwarded-host")
            .or_else(|| header("host"))
            .unwrap_or_else(|| "127.0.0.1:8080".to_owned());
        let scheme = forwarded("x-forwarded-proto")
            .filter(|p| p == "https" || p == "http")
            .unwrap_or_else(|| "http".to_owned());
        Ok(Self(format!("{scheme}://{host}")))
    }
}

/// The client's address of a request, when it came over a connection.
pub fn address_of(extensions: &axum::http::Extensions) -> Option<String> {
    extensions.get::<Client>().map(|c| c.address.to_string())
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn nothing_forwarded_is_believed_by_default() {
        let none = TrustedProxies::default();
        let forged = headers(&[("x-forwarded-for", "1.2.3.4")]);
        // Before, any private peer (every phone on a school LAN) was taken
        // for a proxy, so a made-up header gave each request a new address.
        for peer in ["192.168.1.20", "10.0.0.3", "127.0.0.1"] {
            assert_eq!(find(ip(peer), &forged, &none).address, ip(peer));
            assert!(!find(ip(peer), &forged, &none).proxied);
        }
    }

    #[test]
    fn a_trusted_proxy_gives_the_nearest_address_it_does_not_trust() {
        let trusted = TrustedProxies::parse(&["127.0.0.1", "10.1.0.0/16"]).unwrap();
        let h = headers(&[("x-forwarded-for", "6.6.6.6, 203.0.113.9, 10.1.0.4")]);
        // The client wrote 6.6.6.6 itself; the proxies saw 203.0.113.9.
        let c = find(ip("127.0.0.1"), &h, &trusted);
        assert_eq!(c.address, ip("203.0.113.9"));
        assert!(c.proxied);
        // From a peer that is not a proxy, the header is ignored.
        assert_eq!(
            find(ip("203.0.113.50"), &h, &trusted).address,
            ip("203.0.113.50")
        );
        // Forwarded (RFC 7239) is read before X-Forwarded-For.
        let h = headers(&[
            (
                "forwarded",
                "for=\"[2001:db8::7]:4711\";proto=https, for=10.1.0.9",
            ),
            ("x-forwarded-for", "9.9.9.9"),
        ]);
        assert_eq!(
            find(ip("127.0.0.1"), &h, &trusted).address,
            ip("2001:db8::7")
        );
        // An obfuscated hop stops the walk at the last proxy.
        let h = headers(&[("forwarded", "for=unknown, for=10.1.0.9")]);
        assert_eq!(find(ip("127.0.0.1"), &h, &trusted).address, ip("10.1.0.9"));
        // IPv4 written as IPv6 is the same address.
        assert!(find(ip("::ffff:127.0.0.1"), &HeaderMap::new(), &trusted).proxied);
    }

    #[test]
    fn a_list_that_is_not_addresses_is_refused_with_the_entry() {
        assert_eq!(
            TrustedProxies::parse(&["10.0.0.1", "proxy.lan"]).unwrap_err(),
            "proxy.lan"
        );
        assert!(TrustedProxies::parse(&["::1", "fd00::/8"]).is_ok());
    }
}
