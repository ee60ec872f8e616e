//! The secrets of one sign-in in progress, as types: the `state` sent to the provider,
//! the ID token's `nonce` and the PKCE verifier. Each is random, kept only in the
//! encrypted transaction cookie, never printed (`Debug` shows no value), and used only in
//! the way it exists for — the state is only ever compared in constant time or hashed.

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

macro_rules! secret_text {
    ($(#[$doc:meta])* $vis:vis $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Serialize, Deserialize)]
        #[serde(transparent)]
        $vis struct $name(String);

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(concat!(stringify!($name), "(…)"))
            }
        }
    };
}

secret_text! {
    /// The `state` of one sign-in: sent to the provider, matched when it comes back.
    pub AuthState
}

secret_text! {
    /// The `nonce` the ID token must carry.
    pub(crate) SignInNonce
}

secret_text! {
    /// The PKCE code verifier, sent with the code exchange.
    pub(crate) PkceVerifier
}

impl AuthState {
    pub(crate) fn new(value: String) -> Self {
        Self(value)
    }

    /// Whether the provider returned this state (compared in constant time).
    pub fn matches(&self, returned: &str) -> bool {
        let (a, b) = (self.0.as_bytes(), returned.as_bytes());
        a.len() == b.len() && a.iter().zip(b).fold(0_u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }

    /// A digest naming this sign-in (for single-use claims) without revealing the state.
    pub fn digest(&self) -> String {
        Sha256::digest(self.0.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

impl SignInNonce {
    pub(crate) fn new(value: String) -> Self {
        Self(value)
    }

    pub(crate) fn to_openid(&self) -> openidconnect::Nonce {
        openidconnect::Nonce::new(self.0.clone())
    }
}

impl PkceVerifier {
    pub(crate) fn new(value: String) -> Self {
        Self(value)
    }

    pub(crate) fn to_openid(&self) -> openidconnect::PkceCodeVerifier {
        openidconnect::PkceCodeVerifier::new(self.0.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_matches_only_itself_and_never_prints() {
        let state = AuthState::new("s3cret-state".into());
        assert!(state.matches("s3cret-state"));
        assert!(!state.matches("s3cret-statE"));
        assert!(!state.matches("s3cret"));
        assert_eq!(format!("{state:?}"), "AuthState(…)");
        assert_eq!(state.digest().len(), 64);
        assert!(!state.digest().contains("s3cret"));
        let nonce = SignInNonce::new("n".into());
        assert_eq!(format!("{nonce:?}"), "SignInNonce(…)");
    }
}
