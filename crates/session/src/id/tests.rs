use super::*;

#[test]
fn generated_ids_round_trip_through_text() -> Result<(), SessionError> {
    let id = SessionId::generate()?;
    let text = id.expose_secret();
    assert_eq!(text.len(), ID_CHARS);
    assert!(
        text.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    );
    assert_eq!(SessionId::parse(&text)?, id);
    assert_eq!(text.parse::<SessionId>()?, id);
    assert_ne!(SessionId::generate()?, id);
    Ok(())
}

#[test]
fn malformed_ids_are_rejected() -> Result<(), SessionError> {
    let good = SessionId::generate()?.expose_secret();
    let mut bad = vec![
        String::new(),
        "x".to_owned(),
        good[..42].to_owned(),
        format!("{good}A"),
        format!("{good}="),
        // Standard-alphabet characters are not base64url.
        format!("+{}", &good[1..]),
        format!("/{}", &good[1..]),
        format!("{}=", &good[..42]),
        format!(" {}", &good[1..]),
        format!("{}\n", &good[..42]),
        // Multi-byte UTF-8 with the right byte length.
        format!("é{}", &good[2..]),
        "A".repeat(1000),
    ];
    // Same length and alphabet, but the last character sets bits beyond
    // the 256 that 43 characters carry (43 * 6 = 258): a second spelling
    // of the id ending in 'A'.
    assert!(SessionId::parse(&format!("{}A", &good[..42])).is_ok());
    bad.push(format!("{}B", &good[..42]));
    for text in &bad {
        assert!(
            matches!(SessionId::parse(text), Err(SessionError::InvalidId)),
            "accepted {text:?}"
        );
    }
    Ok(())
}

#[test]
fn debug_is_redacted() -> Result<(), SessionError> {
    let id = SessionId::generate()?;
    let shown = format!("{id:?} {:?}", Some(&id));
    assert!(!shown.contains(&id.expose_secret()));
    assert!(shown.contains("redacted"));
    Ok(())
}

#[test]
fn store_key_is_a_hash_of_the_id() -> Result<(), SessionError> {
    let id = SessionId::generate()?;
    let key = id.store_key();
    let hex = key
        .as_str()
        .strip_prefix("lanthorn:session:")
        .unwrap_or_default();
    assert_eq!(hex.len(), 64);
    assert!(
        hex.bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
    );
    assert!(!key.as_str().contains(&id.expose_secret()));
    assert_eq!(SessionId::parse(&id.expose_secret())?.store_key(), key);
    assert_ne!(SessionId::generate()?.store_key(), key);
    Ok(())
}

#[test]
fn store_key_matches_a_known_digest() -> Result<(), SessionError> {
    // 32 zero bytes; SHA-256 of them is a well-known constant.
    let id = SessionId::parse(&"A".repeat(43))?;
    assert_eq!(
        id.store_key().as_str(),
        "lanthorn:session:66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925"
    );
    Ok(())
}
