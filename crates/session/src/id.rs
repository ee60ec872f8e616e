//! The session id the browser holds, and the key the store sees instead.

use std::fmt;
use std::str::FromStr;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

use crate::SessionError;
use crate::random::random_bytes;

const ID_BYTES: usize = 32;
/// Length of the base64url (unpadded) text of [`ID_BYTES`] bytes.
const ID_CHARS: usize = 43;
const STORE_KEY_PREFIX: &str = "lanthorn:session:";

/// An opaque, unguessable session id: 32 random bytes, written as 43
/// characters of unpadded base64url (cookie-safe without quoting).
///
/// It is a bearer secret, so it has no `Display`, its `Debug` is redacted, and
/// the text form is only reachable through [`SessionId::expose_secret`] (for
/// the `Set-Cookie` header). Equality is only used by tests and callers
/// holding both ids anyway; lookups go through [`StoreKey`].
#[derive(Clone, PartialEq, Eq)]
pub struct SessionId([u8; ID_BYTES]);

impl SessionId {
    /// A fresh id from the operating system's random number generator.
    pub fn generate() -> Result<Self, SessionError> {
        random_bytes().map(Self)
    }

    /// Validates a cookie value: exactly 43 base64url characters that decode
    /// canonically to 32 bytes. Anything else is [`SessionError::InvalidId`].
    pub fn parse(text: &str) -> Result<Self, SessionError> {
        if text.len() != ID_CHARS {
            return Err(SessionError::InvalidId);
        }
        let mut bytes = [0_u8; ID_BYTES];
        // The engine rejects padding, other alphabets and non-zero trailing
        // bits, so every id has exactly one accepted spelling.
        match URL_SAFE_NO_PAD.decode_slice(text, &mut bytes) {
            Ok(ID_BYTES) => Ok(Self(bytes)),
            _ => Err(SessionError::InvalidId),
        }
    }

    /// The cookie value. Named like `secrecy`'s accessor so that every place
    /// that writes the id out is easy to find.
    pub fn expose_secret(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.0)
    }

    /// Where this session lives in the store; the store never sees the id.
    pub fn store_key(&self) -> StoreKey {
        let digest = Sha256::digest(self.0);
        let mut key = String::with_capacity(STORE_KEY_PREFIX.len() + 2 * digest.len());
        key.push_str(STORE_KEY_PREFIX);
        for byte in digest {
            key.push(hex_digit(byte >> 4));
            key.push(hex_digit(byte & 0x0f));
        }
        StoreKey(key)
    }
}

fn hex_digit(nibble: u8) -> char {
    char::from(b"0123456789abcdef"[usize::from(nibble)])
}

impl FromStr for SessionId {
    type Err = SessionError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

impl fmt::Debug for SessionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SessionId(<redacted>)")
    }
}

/// `lanthorn:session:` + hex(SHA-256(id bytes)).
///
/// Someone who can read the store (a Redis dump, `MONITOR`) learns neither the
/// ids (so cannot ride a session) nor the contents (they are encrypted). The
/// key is also the AEAD's associated data, so a record only opens under the
/// key it was written to. Not secret, so `Debug` shows it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct StoreKey(String);

impl StoreKey {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The hex digest alone, without the prefix.
    pub fn digest(&self) -> &str {
        self.0.strip_prefix(STORE_KEY_PREFIX).unwrap_or(&self.0)
    }
}

#[cfg(test)]
mod tests;
