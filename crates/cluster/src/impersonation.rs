//! A kubeconfig user's `as`, `as-uid`, `as-groups` and `as-user-extra` (kubectl's
//! `--as` family): the identity its credential acts as. They become `Impersonate-*`
//! headers on every request that carries that credential, so a context meant to act as a
//! viewer never acts as its admin token.

use std::collections::BTreeMap;

use http::HeaderMap;
use http::header::{HeaderName, HeaderValue};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Who a kubeconfig credential acts as.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Impersonation {
    /// `as`.
    pub user: String,
    /// `as-uid`.
    pub uid: Option<String>,
    /// `as-groups`.
    pub groups: Vec<String>,
    /// `as-user-extra`.
    pub extra: BTreeMap<String, Vec<String>>,
}

/// Characters kept as they are in an `Impersonate-Extra-` key (RFC 7230 token characters
/// less those Kubernetes percent-encodes); everything else is percent-encoded, which
/// the API server decodes.
const EXTRA_KEY: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b'!')
    .remove(b'#')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'*')
    .remove(b'+')
    .remove(b'^')
    .remove(b'`')
    .remove(b'|');

impl Impersonation {
    /// Checks that every name can travel in a header; the error names the field.
    pub fn validate(&self) -> Result<(), String> {
        let value = |what: &str, text: &str| {
            HeaderValue::from_str(text)
                .map(drop)
                .map_err(|_| format!("{what} {text:?} cannot be sent in an HTTP header"))
        };
        if self.user.is_empty() {
            return Err("as-groups, as-uid or as-user-extra need as (the user to act as)".into());
        }
        value("as", &self.user)?;
        if let Some(uid) = &self.uid {
            value("as-uid", uid)?;
        }
        for group in &self.groups {
            value("as-groups entry", group)?;
        }
        for (key, values) in &self.extra {
            for v in values {
                value(&format!("as-user-extra {key}"), v)?;
            }
        }
        Ok(())
    }

    /// Replaces any `Impersonate-*` header with these.
    pub fn apply(&self, headers: &mut HeaderMap) {
        let stale: Vec<HeaderName> = headers
            .keys()
            .filter(|k| k.as_str().starts_with("impersonate-"))
            .cloned()
            .collect();
        for name in stale {
            headers.remove(name);
        }
        let mut add = |name: HeaderName, text: &str| {
            if let Ok(value) = HeaderValue::from_str(text) {
                headers.append(name, value);
            }
        };
        add(HeaderName::from_static("impersonate-user"), &self.user);
        if let Some(uid) = &self.uid {
            add(HeaderName::from_static("impersonate-uid"), uid);
        }
        for group in &self.groups {
            add(HeaderName::from_static("impersonate-group"), group);
        }
        for (key, values) in &self.extra {
            let encoded = utf8_percent_encode(key, EXTRA_KEY).to_string();
            let Ok(name) =
                HeaderName::from_bytes(format!("impersonate-extra-{encoded}").as_bytes())
            else {
                continue;
            };
            for v in values {
                add(name.clone(), v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn becomes_impersonate_headers_replacing_any_others() {
        let who = Impersonation {
            user: "jane@example.com".into(),
            uid: Some("42".into()),
            groups: vec!["viewers".into(), "team-a".into()],
            extra: BTreeMap::from([(
                "example.com/Scopes".to_owned(),
                vec!["read".to_owned(), "list".to_owned()],
            )]),
        };
        assert_eq!(who.validate(), Ok(()));
        let mut h = HeaderMap::new();
        h.insert("impersonate-user", HeaderValue::from_static("system:admin"));
        h.insert("accept", HeaderValue::from_static("application/json"));
        who.apply(&mut h);
        let all = |name: &str| -> Vec<&str> {
            h.get_all(name)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .collect()
        };
        assert_eq!(all("impersonate-user"), ["jane@example.com"]);
        assert_eq!(all("impersonate-uid"), ["42"]);
        assert_eq!(all("impersonate-group"), ["viewers", "team-a"]);
        assert_eq!(
            all("impersonate-extra-example.com%2FScopes"),
            ["read", "list"]
        );
        assert_eq!(all("accept"), ["application/json"]);
    }

    #[test]
    fn groups_without_a_user_are_refused() {
        let who = Impersonation {
            groups: vec!["g".into()],
            ..Impersonation::default()
        };
        assert!(who.validate().is_err());
    }
}
