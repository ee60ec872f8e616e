use std::path::PathBuf;

/// Everything that can go wrong in this crate.
///
/// None of the messages carries a session id, a token or key material; the
/// Redis URL (which may hold a password) is never echoed either.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    /// A string offered as a session id (a cookie value) does not have the
    /// shape of one. Callers treat this as "not signed in".
    #[error("malformed session id")]
    InvalidId,

    /// The Redis server refused or failed a request, or could not be reached.
    #[error("session store (Redis) request failed")]
    Store(#[source] redis::RedisError),

    /// A session could not be turned into JSON (should not happen).
    #[error("could not serialise a session")]
    Serialize(#[source] serde_json::Error),

    /// The AEAD refused to seal a session (should not happen: only for inputs
    /// far beyond any session's size).
    #[error("could not encrypt a session")]
    Encrypt,

    /// The operating system's random number generator failed.
    #[error("the system random number generator failed")]
    Random(#[source] getrandom::Error),

    /// The session key file could not be read.
    #[error("cannot read the session key file {path}")]
    KeyRead {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// The session key file was read but does not hold a usable key.
    #[error("session key file {path}: {reason}")]
    Key { path: PathBuf, reason: &'static str },

    /// A sign-in was offered whose token has already expired.
    #[error("the token for cluster {cluster:?} has already expired")]
    TokenExpired { cluster: String },

    /// Other replicas kept changing the same session while this one tried to
    /// update it; the caller may retry the request.
    #[error("the session kept changing concurrently; giving up after {attempts} attempts")]
    Conflict { attempts: u32 },
}
