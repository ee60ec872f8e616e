//! What a session holds, as callers see it.

use std::collections::BTreeMap;

use secrecy::SecretString;
use serde::{Deserialize, Serialize};

use crate::SessionId;

/// How the user proved who they are to one cluster.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum SignInMethod {
    /// A pasted bearer token (usually a ServiceAccount token).
    Token,
    /// The OIDC authorization-code flow.
    Oidc,
}

/// One cluster's credential inside a session.
///
/// Deliberately not `Serialize`: the only serialisation is the crate's private
/// stored form, which is encrypted, so no handler can put a token in a JSON
/// response by accident. `Debug` is safe to log: `secrecy` redacts the tokens.
#[derive(Clone, Debug)]
pub struct ClusterSignIn {
    pub method: SignInMethod,
    /// The bearer sent to the cluster: a ServiceAccount token, or the OIDC
    /// id_token (or access token with `--oidc-use-access-token`).
    pub token: SecretString,
    pub refresh_token: Option<SecretString>,
    /// Unix seconds after which `token` must not be used (a JWT's `exp`);
    /// `None` for opaque tokens.
    pub token_expires_at: Option<u64>,
    pub username: String,
    pub groups: Vec<String>,
    pub uid: Option<String>,
    /// Lanthorn validated the sign-in itself and acts on the cluster with its own
    /// credential as this user (impersonation mode); `token` is then never sent there.
    pub impersonated: bool,
}

impl ClusterSignIn {
    /// True from the token's `exp` second on (RFC 7519: "on or after").
    pub fn is_expired(&self, now: u64) -> bool {
        self.token_expires_at.is_some_and(|exp| now >= exp)
    }

    /// True when a refresh token can renew it, so it outlives its token's `exp` until a
    /// refresh succeeds or fails. Its expired token must never be sent anywhere.
    pub fn can_refresh(&self) -> bool {
        self.refresh_token.is_some()
    }
}

/// A live session, as returned by [`Sessions`](crate::Sessions).
#[derive(Clone, Debug)]
pub struct Session {
    pub id: SessionId,
    /// Unix seconds of the first sign-in; the absolute TTL counts from here.
    pub created_at: u64,
    /// Unix seconds of the last recorded use; the idle timeout counts from
    /// here. Written back at most every 30 s to limit store writes.
    pub last_seen: u64,
    /// Cluster name → credential. Never empty, and never holds an expired
    /// token.
    pub sign_ins: BTreeMap<String, ClusterSignIn>,
}

impl Session {
    pub fn sign_in(&self, cluster: &str) -> Option<&ClusterSignIn> {
        self.sign_ins.get(cluster)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_tokens() -> Result<(), crate::SessionError> {
        let sign_in = ClusterSignIn {
            method: SignInMethod::Oidc,
            token: SecretString::from("eyJ-id-token-secret"),
            refresh_token: Some(SecretString::from("refresh-secret")),
            token_expires_at: Some(2_000_000_000),
            username: "alice@example.com".to_owned(),
            groups: vec!["devs".to_owned()],
            uid: None,
            impersonated: false,
        };
        let session = Session {
            id: SessionId::generate()?,
            created_at: 1,
            last_seen: 2,
            sign_ins: BTreeMap::from([("prod".to_owned(), sign_in.clone())]),
        };
        for shown in [
            format!("{sign_in:?}"),
            format!("{session:?}"),
            format!("{session:#?}"),
        ] {
            assert!(!shown.contains("id-token-secret"), "{shown}");
            assert!(!shown.contains("refresh-secret"), "{shown}");
            assert!(!shown.contains(&session.id.expose_secret()), "{shown}");
            assert!(shown.contains("alice@example.com"), "{shown}");
        }
        Ok(())
    }

    #[test]
    fn expiry_is_inclusive_of_exp() {
        let mut sign_in = ClusterSignIn {
            method: SignInMethod::Token,
            token: SecretString::from("t"),
            refresh_token: None,
            token_expires_at: None,
            username: String::new(),
            groups: Vec::new(),
            uid: None,
            impersonated: false,
        };
        assert!(!sign_in.is_expired(u64::MAX));
        sign_in.token_expires_at = Some(100);
        assert!(!sign_in.is_expired(99));
        assert!(sign_in.is_expired(100));
    }
}
