use std::path::PathBuf;

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE_NO_PAD};

use super::*;
use crate::SessionId;

/// A file in the temp dir, removed on drop.
struct TempFile(PathBuf);

impl TempFile {
    fn with(contents: &[u8]) -> Self {
        let name: [u8; 12] = random_bytes().unwrap_or_default();
        let path = std::env::temp_dir().join(format!(
            "lanthorn-session-key-{}",
            URL_SAFE_NO_PAD.encode(name)
        ));
        std::fs::write(&path, contents).unwrap_or_else(|e| panic!("writing {path:?}: {e}"));
        Self(path)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

const RAW: [u8; 32] = *b"0123456789abcdef0123456789ABCDEF";

fn store_key() -> StoreKey {
    SessionId::parse(&"A".repeat(43))
        .map(|id| id.store_key())
        .unwrap_or_else(|e| panic!("{e}"))
}

fn same_key(a: &SessionKey, b: &SessionKey) -> bool {
    let key = store_key();
    a.seal(&key, b"probe")
        .ok()
        .and_then(|blob| b.open(&key, &blob))
        .is_some_and(|plain| plain.as_slice() == b"probe")
}

#[test]
fn key_file_accepts_base64_of_32_bytes() -> Result<(), SessionError> {
    let expected = SessionKey::from_bytes(RAW);
    for text in [
        format!("{}\n", STANDARD.encode(RAW)),
        STANDARD.encode(RAW),
        STANDARD_NO_PAD.encode(RAW),
        format!("  {}\r\n\n", STANDARD.encode(RAW)),
    ] {
        let file = TempFile::with(text.as_bytes());
        let key = SessionKey::from_file(&file.0)?;
        assert!(same_key(&key, &expected), "{text:?}");
    }
    Ok(())
}

#[test]
fn key_file_rejects_anything_else_without_echoing_it() {
    let cases: [(&[u8], &str); 6] = [
        (b"", "empty"),
        (b" \n", "empty"),
        (&RAW, "exactly 32 bytes"),
        (b"c2VjcmV0LXRoYXQtaXMtdG9vLXNob3J0", "exactly 32 bytes"),
        (
            b"this is !!! not base64 at all, it is far too long",
            "not base64",
        ),
        // 64 hex characters decode as base64 to 48 bytes.
        (
            b"3031323334353637383961626364656630313233343536373839414243444546",
            "exactly 32 bytes",
        ),
    ];
    for (contents, expected) in cases {
        let file = TempFile::with(contents);
        match SessionKey::from_file(&file.0) {
            Err(error @ SessionError::Key { .. }) => {
                let message = error.to_string();
                assert!(message.contains(expected), "{message}");
                assert!(message.contains(&*file.0.to_string_lossy()), "{message}");
                let text = String::from_utf8_lossy(contents);
                if !text.trim().is_empty() {
                    assert!(!message.contains(text.trim()), "{message}");
                }
            }
            other => panic!("{contents:?} gave {other:?}"),
        }
    }
}

#[test]
fn missing_key_file_is_a_read_error() {
    let path = std::env::temp_dir().join("lanthorn-session-key-that-does-not-exist");
    assert!(matches!(
        SessionKey::from_file(&path),
        Err(SessionError::KeyRead { .. })
    ));
}

#[test]
fn generated_keys_differ_and_debug_is_redacted() -> Result<(), SessionError> {
    let a = SessionKey::generate()?;
    assert!(same_key(&a, &a.clone()));
    assert!(!same_key(&a, &SessionKey::generate()?));
    let shown = format!("{:?}", SessionKey::from_bytes(RAW));
    assert_eq!(shown, "SessionKey(<redacted>)");
    Ok(())
}

#[test]
fn sealed_blobs_open_only_unchanged_under_their_key() -> Result<(), SessionError> {
    let key = SessionKey::from_bytes(RAW);
    let here = store_key();
    let plaintext = b"{\"a\":1}";
    let blob = key.seal(&here, plaintext)?;
    assert_eq!(blob[0], VERSION);
    assert_eq!(blob.len(), 1 + NONCE_BYTES + plaintext.len() + TAG_BYTES);
    assert_eq!(
        key.open(&here, &blob).as_deref().map(Vec::as_slice),
        Some(&plaintext[..])
    );
    // A fresh nonce every time.
    assert_ne!(key.seal(&here, plaintext)?, blob);

    let elsewhere = SessionId::generate()?.store_key();
    assert!(key.open(&elsewhere, &blob).is_none());
    assert!(SessionKey::generate()?.open(&here, &blob).is_none());
    for index in 0..blob.len() {
        let mut tampered = blob.clone();
        tampered[index] ^= 0x01;
        assert!(key.open(&here, &tampered).is_none(), "byte {index}");
    }
    for length in 0..blob.len() {
        assert!(
            key.open(&here, &blob[..length]).is_none(),
            "length {length}"
        );
    }
    Ok(())
}
