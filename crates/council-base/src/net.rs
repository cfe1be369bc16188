//! Where the roster and a password may travel over the network.

/// True for an address the council's data and a password may be sent to: `https`, or `http` to this
/// PC itself (a test server, a local gateway); plain http over a network could be read and changed
/// on the way. `scheme` and `host` as a URL parser gives them.
pub fn safe_to_send(scheme: &str, host: Option<&str>) -> bool {
    match scheme {
        "https" => true,
        "http" => host.is_some_and(|host| {
            let host = host.trim_start_matches('[').trim_end_matches(']');
            host.eq_ignore_ascii_case("localhost") || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
        }),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::safe_to_send;

    #[test]
    fn https_anywhere_and_http_only_to_this_pc() {
        assert!(safe_to_send("https", Some("cloud.example.jp")));
        assert!(safe_to_send("http", Some("127.0.0.1")));
        assert!(safe_to_send("http", Some("[::1]")));
        assert!(safe_to_send("http", Some("LOCALHOST")));
        assert!(!safe_to_send("http", Some("192.168.1.10")));
        assert!(!safe_to_send("ftp", Some("127.0.0.1")));
        assert!(!safe_to_send("http", None));
    }
}
