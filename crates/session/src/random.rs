use crate::SessionError;

/// Bytes from the operating system's CSPRNG.
pub(crate) fn random_bytes<const N: usize>() -> Result<[u8; N], SessionError> {
    let mut bytes = [0_u8; N];
    getrandom::fill(&mut bytes).map_err(SessionError::Random)?;
    Ok(bytes)
}
