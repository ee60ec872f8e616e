//! Server-side sessions for the browser.
//!
//! The browser holds only an opaque [`SessionId`] (32 random bytes, 43
//! base64url characters) in a cookie. Everything else — which clusters the
//! user is signed into, with which tokens — lives in a [`SessionStore`]:
//! [`MemoryStore`] for a single replica, [`RedisStore`] for several.
//!
//! **What the store sees.** The key is `lanthorn:session:` + hex(SHA-256(id)),
//! so a store dump yields no usable id. The value is
//! `0x01 ‖ 24-byte random nonce ‖ XChaCha20-Poly1305(JSON)` under the
//! [`SessionKey`], with `0x01 ‖ store key` as associated data: a blob only
//! opens under the key it was written to. The JSON holds `created_at`,
//! `last_seen` and each cluster's sign-in, tokens included (they are the
//! point); the id itself is not stored. A blob that does not open (another
//! key, tampering, a record moved to another key) counts as no session —
//! logged at debug, never an error to the user.
//!
//! **Expiry** (all checked on every read, against an injectable [`Clock`]):
//! - absolute: `created_at + ttl`. Signing into another cluster keeps
//!   `created_at`, so it cannot stretch a session's life.
//! - idle: `last_seen + idle_timeout`. `last_seen` is written back at most
//!   every 30 s (or half the idle timeout), so a session may end up to that
//!   much early; the write is the price of sliding expiry, kept rare.
//! - tokens: a sign-in is dropped at its token's `exp` unless it holds a
//!   refresh token — then it stays (expired) so the server can still refresh
//!   it, and callers must check [`ClusterSignIn::is_expired`] before sending
//!   its token; a session left with no sign-in is over.
//!
//! Every write gives the store a TTL of `min(remaining absolute TTL,
//! remaining idle time)`, so Redis forgets stale sessions by itself.
//!
//! **Rotation.** [`Sessions::sign_in`] always issues a new id and deletes the
//! old one (session-fixation defence); token refreshes use
//! [`Sessions::update_sign_in`] and keep the id. Updates are
//! compare-and-swap, so replicas writing the same session concurrently do not
//! lose each other's changes.

mod clock;
mod error;
mod id;
mod key;
mod manager;
mod random;
mod record;
mod session;
mod store;

pub use clock::{Clock, SystemClock};
pub use error::SessionError;
pub use id::{SessionId, StoreKey};
pub use key::SessionKey;
pub use manager::{SessionPolicy, Sessions};
pub use session::{ClusterSignIn, Session, SignInMethod};
pub use store::{Lock, MemoryStore, RedisStore, SessionStore};
