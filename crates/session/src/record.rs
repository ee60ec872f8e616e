//! The stored (then encrypted) form of a session.
//!
//! Kept apart from the public types so that tokens are serialised in exactly
//! one place, on purpose, and only into a buffer that is sealed and wiped.

use std::collections::BTreeMap;

use secrecy::zeroize::Zeroizing;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

use crate::session::{ClusterSignIn, Session, SignInMethod};
use crate::{SessionError, SessionId};

#[derive(Serialize, Deserialize)]
struct Record {
    created_at: u64,
    last_seen: u64,
    sign_ins: BTreeMap<String, StoredSignIn>,
}

#[derive(Serialize, Deserialize)]
struct StoredSignIn {
    method: SignInMethod,
    #[serde(with = "secret")]
    token: SecretString,
    #[serde(with = "optional_secret", default)]
    refresh_token: Option<SecretString>,
    #[serde(default)]
    token_expires_at: Option<u64>,
    username: String,
    #[serde(default)]
    groups: Vec<String>,
    #[serde(default)]
    uid: Option<String>,
    #[serde(default)]
    impersonated: bool,
}

/// JSON of everything but the id (the store never needs it: the record sits
/// under the id's hash), in a buffer wiped on drop.
pub(crate) fn encode(session: &Session) -> Result<Zeroizing<Vec<u8>>, SessionError> {
    let record = Record {
        created_at: session.created_at,
        last_seen: session.last_seen,
        sign_ins: session
            .sign_ins
            .iter()
            .map(|(cluster, sign_in)| (cluster.clone(), StoredSignIn::from(sign_in)))
            .collect(),
    };
    serde_json::to_vec(&record)
        .map(Zeroizing::new)
        .map_err(SessionError::Serialize)
}

/// `None` when the JSON does not fit (only possible with a record written by
/// an incompatible version under the same key).
pub(crate) fn decode(id: &SessionId, json: &[u8]) -> Option<Session> {
    let record: Record = serde_json::from_slice(json).ok()?;
    Some(Session {
        id: id.clone(),
        created_at: record.created_at,
        last_seen: record.last_seen,
        sign_ins: record
            .sign_ins
            .into_iter()
            .map(|(cluster, stored)| (cluster, ClusterSignIn::from(stored)))
            .collect(),
    })
}

impl From<&ClusterSignIn> for StoredSignIn {
    fn from(sign_in: &ClusterSignIn) -> Self {
        Self {
            method: sign_in.method,
            token: sign_in.token.clone(),
            refresh_token: sign_in.refresh_token.clone(),
            token_expires_at: sign_in.token_expires_at,
            username: sign_in.username.clone(),
            groups: sign_in.groups.clone(),
            uid: sign_in.uid.clone(),
            impersonated: sign_in.impersonated,
        }
    }
}

impl From<StoredSignIn> for ClusterSignIn {
    fn from(stored: StoredSignIn) -> Self {
        Self {
            method: stored.method,
            token: stored.token,
            refresh_token: stored.refresh_token,
            token_expires_at: stored.token_expires_at,
            username: stored.username,
            groups: stored.groups,
            uid: stored.uid,
            impersonated: stored.impersonated,
        }
    }
}

mod secret {
    use super::*;

    pub(super) fn serialize<S: serde::Serializer>(
        value: &SecretString,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(value.expose_secret())
    }

    pub(super) fn deserialize<'de, D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<SecretString, D::Error> {
        String::deserialize(deserializer).map(SecretString::from)
    }
}

mod optional_secret {
    use super::*;

    pub(super) fn serialize<S: serde::Serializer>(
        value: &Option<SecretString>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(secret) => serializer.serialize_some(secret.expose_secret()),
            None => serializer.serialize_none(),
        }
    }

    pub(super) fn deserialize<'de, D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<SecretString>, D::Error> {
        Option::<String>::deserialize(deserializer).map(|value| value.map(SecretString::from))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_every_field() -> Result<(), SessionError> {
        let id = SessionId::generate()?;
        let session = Session {
            id: id.clone(),
            created_at: 10,
            last_seen: 20,
            sign_ins: BTreeMap::from([
                (
                    "prod".to_owned(),
                    ClusterSignIn {
                        method: SignInMethod::Oidc,
                        token: SecretString::from("id-token"),
                        refresh_token: Some(SecretString::from("refresh")),
                        token_expires_at: Some(99),
                        username: "alice".to_owned(),
                        groups: vec!["a".to_owned(), "b".to_owned()],
                        uid: Some("u-1".to_owned()),
                        impersonated: false,
                    },
                ),
                (
                    "dev".to_owned(),
                    ClusterSignIn {
                        method: SignInMethod::Token,
                        token: SecretString::from("sa-token"),
                        refresh_token: None,
                        token_expires_at: None,
                        username: "system:serviceaccount:x:y".to_owned(),
                        groups: Vec::new(),
                        uid: None,
                        impersonated: false,
                    },
                ),
            ]),
        };
        let json = encode(&session)?;
        let text = String::from_utf8_lossy(&json);
        // The id is not part of the record; the tokens are (it gets sealed).
        assert!(!text.contains(&id.expose_secret()));
        assert!(text.contains("\"id-token\"") && text.contains("\"refresh\""));

        let back = decode(&id, &json).ok_or(SessionError::InvalidId)?;
        assert_eq!((back.created_at, back.last_seen), (10, 20));
        assert_eq!(back.id, id);
        let prod = back.sign_in("prod").ok_or(SessionError::InvalidId)?;
        assert_eq!(prod.method, SignInMethod::Oidc);
        assert_eq!(prod.token.expose_secret(), "id-token");
        assert_eq!(
            prod.refresh_token.as_ref().map(|t| t.expose_secret()),
            Some("refresh")
        );
        assert_eq!(prod.token_expires_at, Some(99));
        assert_eq!(prod.groups, ["a", "b"]);
        assert_eq!(prod.uid.as_deref(), Some("u-1"));
        let dev = back.sign_in("dev").ok_or(SessionError::InvalidId)?;
        assert_eq!(dev.method, SignInMethod::Token);
        assert!(dev.refresh_token.is_none() && dev.token_expires_at.is_none());
        Ok(())
    }

    #[test]
    fn foreign_json_is_no_session() -> Result<(), SessionError> {
        let id = SessionId::generate()?;
        assert!(decode(&id, b"{}").is_none());
        assert!(decode(&id, b"not json").is_none());
        Ok(())
    }
}
