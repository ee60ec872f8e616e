//! The key that encrypts sessions at rest, and the blob format.

use std::fmt;
use std::path::Path;

use base64::Engine as _;
use base64::alphabet::STANDARD;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use chacha20poly1305::aead::{Aead, Payload};
use chacha20poly1305::{Key, KeyInit, XChaCha20Poly1305, XNonce};
use secrecy::zeroize::{Zeroize, Zeroizing};

use crate::SessionError;
use crate::id::StoreKey;
use crate::random::random_bytes;

const KEY_BYTES: usize = 32;
const NONCE_BYTES: usize = 24;
const TAG_BYTES: usize = 16;
/// First byte of every blob: XChaCha20-Poly1305, 192-bit random nonce, JSON.
/// A later format (or key rotation) gets a new byte.
const VERSION: u8 = 1;

/// Standard base64 as `openssl rand -base64 32` and `base64` write it; the
/// trailing `=` may be dropped (some tools and hand edits lose it).
const KEY_FILE_ENCODING: GeneralPurpose = GeneralPurpose::new(
    &STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// A 256-bit XChaCha20-Poly1305 key. `Debug` is redacted and the key bytes are
/// wiped when the last copy is dropped.
///
/// XChaCha20's 192-bit nonces can be drawn at random for every write without
/// any realistic chance of a repeat, so replicas sharing a key need no nonce
/// coordination.
#[derive(Clone)]
pub struct SessionKey {
    cipher: XChaCha20Poly1305,
}

impl SessionKey {
    /// Reads a key file holding 32 random bytes as standard base64 — what
    /// `openssl rand -base64 32 > key` writes, and what a Kubernetes Secret
    /// mounted as a file holds when created with
    /// `--from-literal=key=$(openssl rand -base64 32)`. Text is chosen over
    /// raw bytes so that the file survives YAML, `kubectl` and editors;
    /// surrounding whitespace (the trailing newline) is ignored.
    ///
    /// Errors never include the file's contents.
    pub fn from_file(path: &Path) -> Result<Self, SessionError> {
        let text = Zeroizing::new(std::fs::read(path).map_err(|source| SessionError::KeyRead {
            path: path.to_owned(),
            source,
        })?);
        let problem = |reason| SessionError::Key {
            path: path.to_owned(),
            reason,
        };
        let trimmed = text.trim_ascii();
        if trimmed.is_empty() {
            return Err(problem(
                "the file is empty; write 32 random bytes as base64 (openssl rand -base64 32)",
            ));
        }
        let bytes = Zeroizing::new(KEY_FILE_ENCODING.decode(trimmed).map_err(|_| {
            problem("not base64; write 32 random bytes as base64 (openssl rand -base64 32)")
        })?);
        let key: &[u8; KEY_BYTES] = bytes
            .as_slice()
            .try_into()
            .map_err(|_| problem("the key must be exactly 32 bytes (44 base64 characters); use openssl rand -base64 32"))?;
        Ok(Self::from_bytes(*key))
    }

    /// A random key for this process only: sessions do not survive a restart
    /// and cannot be shared with other replicas (fine with the memory store).
    pub fn generate() -> Result<Self, SessionError> {
        random_bytes().map(Self::from_bytes)
    }

    pub fn from_bytes(mut bytes: [u8; KEY_BYTES]) -> Self {
        let cipher = XChaCha20Poly1305::new(&Key::from(bytes));
        bytes.zeroize();
        Self { cipher }
    }

    /// `VERSION ‖ nonce ‖ ciphertext+tag`, bound to `key` through the
    /// associated data so a blob copied to another key does not open.
    pub(crate) fn seal(&self, key: &StoreKey, plaintext: &[u8]) -> Result<Vec<u8>, SessionError> {
        self.seal_with(&associated_data(key), plaintext)
    }

    /// Seals a value the browser keeps (an OIDC transaction), bound to `purpose` so it
    /// opens for nothing else, and never as a session record (whose associated data
    /// starts with the store-key prefix instead).
    pub(crate) fn seal_for(
        &self,
        purpose: &str,
        plaintext: &[u8],
    ) -> Result<Vec<u8>, SessionError> {
        self.seal_with(&purpose_data(purpose), plaintext)
    }

    /// Opens what [`SessionKey::seal_for`] sealed for `purpose`.
    pub(crate) fn open_for(&self, purpose: &str, blob: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
        self.open_with(&purpose_data(purpose), blob)
    }

    fn seal_with(&self, aad: &[u8], plaintext: &[u8]) -> Result<Vec<u8>, SessionError> {
        let nonce: [u8; NONCE_BYTES] = random_bytes()?;
        let sealed = self
            .cipher
            .encrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: plaintext,
                    aad,
                },
            )
            .map_err(|_| SessionError::Encrypt)?;
        let mut blob = Vec::with_capacity(1 + NONCE_BYTES + sealed.len());
        blob.push(VERSION);
        blob.extend_from_slice(&nonce);
        blob.extend_from_slice(&sealed);
        Ok(blob)
    }

    /// The plaintext, or `None` for anything that is not a blob this key
    /// sealed for this store key: another key, another store key, an unknown
    /// version, truncation or tampering all look the same.
    pub(crate) fn open(&self, key: &StoreKey, blob: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
        self.open_with(&associated_data(key), blob)
    }

    fn open_with(&self, aad: &[u8], blob: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
        let (&version, rest) = blob.split_first()?;
        if version != VERSION || rest.len() < NONCE_BYTES + TAG_BYTES {
            return None;
        }
        let (nonce, sealed) = rest.split_at(NONCE_BYTES);
        let nonce: [u8; NONCE_BYTES] = nonce.try_into().ok()?;
        self.cipher
            .decrypt(&XNonce::from(nonce), Payload { msg: sealed, aad })
            .ok()
            .map(Zeroizing::new)
    }
}

fn purpose_data(purpose: &str) -> Vec<u8> {
    let mut aad = Vec::with_capacity(16 + purpose.len());
    aad.push(VERSION);
    aad.extend_from_slice(b"lanthorn:cookie:");
    aad.extend_from_slice(purpose.as_bytes());
    aad
}

fn associated_data(key: &StoreKey) -> Vec<u8> {
    let mut aad = Vec::with_capacity(1 + key.as_str().len());
    aad.push(VERSION);
    aad.extend_from_slice(key.as_str().as_bytes());
    aad
}

impl fmt::Debug for SessionKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SessionKey(<redacted>)")
    }
}

#[cfg(test)]
mod tests;
