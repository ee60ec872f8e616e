//! Stored object → [`Release`], within a [`Budget`]: release data is attacker-shaped
//! (anyone who may create a Secret can write one labelled `owner=helm`), so neither one
//! record nor one request may decompress or parse without bound.

use std::io::Read as _;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use flate2::read::GzDecoder;
use serde_json::Value;

use crate::Release;

const MIB: u64 = 1024 * 1024;
/// Most bytes one record may decompress to. Helm's own records are at most 1 MiB
/// compressed (a Secret's limit) and real releases decompress to a few MiB.
pub const RECORD_BYTES: u64 = 32 * MIB;
/// Most JSON values (objects, arrays, keys, scalars) one record may hold: parsed JSON
/// takes several times its text's size, so a record of `[0,0,0,…]` is bounded too.
pub const RECORD_VALUES: u64 = 1_000_000;
/// Most bytes one request may decompress across all the records it reads.
pub const REQUEST_BYTES: u64 = 256 * MIB;
/// Most JSON values one request may parse across all the records it reads.
pub const REQUEST_VALUES: u64 = 4_000_000;

/// Why a stored object is not a readable release.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    /// No `data.release` field.
    #[error("{0} has no release data")]
    NoData(String),
    /// Not base64.
    #[error("{0}: the release data is not base64")]
    Base64(String),
    /// Not gzip, or truncated.
    #[error("{0}: the release data does not decompress")]
    Gzip(String),
    /// Not Helm's JSON.
    #[error("{0}: the release data is not a Helm release ({1})")]
    Json(String, String),
    /// Larger than one record may be (a gzip bomb, or a release far beyond Helm's).
    #[error("{0}: the release data is larger than a record may be ({1}); not read")]
    TooLarge(String, String),
    /// The request's budget was spent on other records first.
    #[error(
        "{0}: not read, this request already read {1} of release data; list fewer namespaces or one release"
    )]
    BudgetSpent(String, String),
}

/// What one request may still decompress and parse. Every record read is charged what it
/// decompressed, readable or not, so a request's work is bounded however many records
/// the cluster returns.
#[derive(Debug, Clone)]
pub struct Budget {
    bytes: u64,
    values: u64,
}

impl Budget {
    /// The budget of one request: [`REQUEST_BYTES`] and [`REQUEST_VALUES`].
    pub fn per_request() -> Self {
        Self::new(REQUEST_BYTES, REQUEST_VALUES)
    }

    /// A budget of `bytes` decompressed and `values` parsed.
    pub fn new(bytes: u64, values: u64) -> Self {
        Self { bytes, values }
    }
}

impl Default for Budget {
    fn default() -> Self {
        Self::per_request()
    }
}

/// Which of Helm's storage drivers an object belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Storage {
    /// Secrets of type `helm.sh/release.v1` (Helm's default).
    Secret,
    /// ConfigMaps (`HELM_DRIVER=configmap`).
    ConfigMap,
}

/// Decodes a Secret or ConfigMap of Helm's storage, as the API server returns it in JSON,
/// with a budget of its own (one request reading one record).
pub fn decode(object: &Value, storage: Storage) -> Result<Release, DecodeError> {
    decode_within(object, storage, &mut Budget::per_request())
}

/// Decodes one record of a request that reads several, charging `budget`.
pub fn decode_within(
    object: &Value,
    storage: Storage,
    budget: &mut Budget,
) -> Result<Release, DecodeError> {
    let meta = &object["metadata"];
    let label = format!(
        "{}/{}",
        meta["namespace"].as_str().unwrap_or(""),
        meta["name"].as_str().unwrap_or("")
    );
    let field = object["data"]["release"]
        .as_str()
        .ok_or_else(|| DecodeError::NoData(label.clone()))?;
    let text = if storage == Storage::Secret {
        // The API's own base64 around Helm's.
        let outer = STANDARD
            .decode(field)
            .map_err(|_| DecodeError::Base64(label.clone()))?;
        String::from_utf8(outer).map_err(|_| DecodeError::Base64(label.clone()))?
    } else {
        field.to_owned()
    };
    let json = decode_release_field(&text, &label, budget)?;
    let mut release = from_json(json, &label)?;
    if release.namespace.is_empty() {
        release.namespace = meta["namespace"].as_str().unwrap_or("").to_owned();
    }
    Ok(release)
}

/// Helm's encoding of a release: base64 of (usually gzip-compressed) JSON. Decompresses
/// at most [`RECORD_BYTES`] and what is left of `budget`, and parses only JSON within
/// [`RECORD_VALUES`] and the budget's values.
pub fn decode_release_field(
    text: &str,
    label: &str,
    budget: &mut Budget,
) -> Result<Value, DecodeError> {
    let spent = |what: String| DecodeError::BudgetSpent(label.to_owned(), what);
    let bytes = STANDARD
        .decode(text.trim())
        .map_err(|_| DecodeError::Base64(label.to_owned()))?;
    let limit = RECORD_BYTES.min(budget.bytes);
    let over_bytes = |budget: &Budget| {
        if budget.bytes < RECORD_BYTES {
            spent(mebibytes(REQUEST_BYTES))
        } else {
            DecodeError::TooLarge(
                label.to_owned(),
                format!("more than {} decompressed", mebibytes(RECORD_BYTES)),
            )
        }
    };
    if budget.bytes == 0 {
        return Err(spent(mebibytes(REQUEST_BYTES)));
    }
    let json = if bytes.starts_with(&[0x1f, 0x8b, 0x08]) {
        let mut out = Vec::new();
        // One byte past the limit tells "exactly at the limit" from "over it".
        let read = GzDecoder::new(bytes.as_slice())
            .take(limit + 1)
            .read_to_end(&mut out);
        let size = out.len() as u64;
        if size > limit {
            let error = over_bytes(budget);
            budget.bytes = budget.bytes.saturating_sub(size);
            return Err(error);
        }
        budget.bytes = budget.bytes.saturating_sub(size);
        read.map_err(|_| DecodeError::Gzip(label.to_owned()))?;
        out
    } else {
        let size = bytes.len() as u64;
        if size > limit {
            let error = over_bytes(budget);
            budget.bytes = budget.bytes.saturating_sub(size);
            return Err(error);
        }
        budget.bytes = budget.bytes.saturating_sub(size);
        bytes
    };
    let values = json_values(&json);
    let value_limit = RECORD_VALUES.min(budget.values);
    if values > value_limit {
        let error = if budget.values < RECORD_VALUES {
            spent(format!("{REQUEST_VALUES} JSON values"))
        } else {
            DecodeError::TooLarge(
                label.to_owned(),
                format!("more than {RECORD_VALUES} JSON values"),
            )
        };
        budget.values = budget.values.saturating_sub(values);
        return Err(error);
    }
    budget.values -= values;
    serde_json::from_slice(&json).map_err(|e| DecodeError::Json(label.to_owned(), e.to_string()))
}

fn mebibytes(bytes: u64) -> String {
    format!("{} MiB", bytes / MIB)
}

/// An upper bound on the number of values `json` parses to: one per `{`, `[`, `:` and
/// `,` outside strings, plus one. (Counted before parsing, so a record that would take
/// far more memory parsed than as text is refused before it does.)
fn json_values(json: &[u8]) -> u64 {
    let (mut count, mut in_string, mut escaped) = (1u64, false, false);
    for &byte in json {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
        } else {
            match byte {
                b'"' => in_string = true,
                b'{' | b'[' | b':' | b',' => count += 1,
                _ => {}
            }
        }
    }
    count
}

fn from_json(json: Value, label: &str) -> Result<Release, DecodeError> {
    let name = json["name"]
        .as_str()
        .ok_or_else(|| DecodeError::Json(label.to_owned(), "no name".into()))?
        .to_owned();
    let revision = json["version"]
        .as_u64()
        .ok_or_else(|| DecodeError::Json(label.to_owned(), "no version".into()))?;
    Ok(Release {
        namespace: json["namespace"].as_str().unwrap_or("").to_owned(),
        status: json["info"]["status"]
            .as_str()
            .unwrap_or("unknown")
            .to_owned(),
        last_deployed: json["info"]["last_deployed"]
            .as_str()
            .unwrap_or("")
            .to_owned(),
        name,
        revision,
        json,
    })
}

#[cfg(test)]
mod tests {
    use std::io::Write as _;

    use flate2::Compression;
    use flate2::write::GzEncoder;
    use serde_json::json;

    use super::*;

    /// Helm's own encoding: JSON → gzip → base64.
    fn helm_encode(release: &Value) -> String {
        let mut gz = GzEncoder::new(Vec::new(), Compression::default());
        gz.write_all(release.to_string().as_bytes())
            .unwrap_or_default();
        STANDARD.encode(gz.finish().unwrap_or_default())
    }

    fn stored() -> Value {
        json!({"name": "web", "namespace": "demo", "version": 3,
               "info": {"status": "deployed", "last_deployed": "2026-11-01T10:00:00Z"},
               "chart": {"metadata": {"name": "web", "version": "1.2.0"}}})
    }

    #[test]
    fn secrets_and_configmaps_decode_to_the_same_release() {
        let helm = helm_encode(&stored());
        let secret = json!({"kind": "Secret", "type": "helm.sh/release.v1",
            "metadata": {"name": "sh.helm.release.v1.web.v3", "namespace": "demo"},
            "data": {"release": STANDARD.encode(&helm)}});
        let config_map = json!({"kind": "ConfigMap",
            "metadata": {"name": "web.v3", "namespace": "demo"},
            "data": {"release": helm}});
        for (object, storage) in [(secret, Storage::Secret), (config_map, Storage::ConfigMap)] {
            let release = decode(&object, storage);
            assert!(release.is_ok(), "{release:?}");
            if let Ok(release) = release {
                assert_eq!(
                    (release.name.as_str(), release.namespace.as_str()),
                    ("web", "demo")
                );
                assert_eq!((release.revision, release.status.as_str()), (3, "deployed"));
                assert_eq!(release.json["chart"]["metadata"]["version"], "1.2.0");
            }
        }
    }

    #[test]
    fn uncompressed_json_is_read_too() {
        let plain = STANDARD.encode(stored().to_string());
        let release = decode(&json!({"data": {"release": plain}}), Storage::ConfigMap);
        assert!(matches!(release, Ok(r) if r.revision == 3));
    }

    #[test]
    fn damaged_data_is_named() {
        let no_data = decode(
            &json!({"metadata": {"name": "x", "namespace": "n"}}),
            Storage::Secret,
        );
        assert!(matches!(no_data, Err(DecodeError::NoData(l)) if l == "n/x"));
        let not_b64 = decode(&json!({"data": {"release": "%%%"}}), Storage::ConfigMap);
        assert!(matches!(not_b64, Err(DecodeError::Base64(_))));
        let truncated = STANDARD.encode([0x1f, 0x8b, 0x08, 0, 0]);
        let bad_gzip = decode(&json!({"data": {"release": truncated}}), Storage::ConfigMap);
        assert!(matches!(bad_gzip, Err(DecodeError::Gzip(_))));
        let not_release = helm_encode(&json!({"hello": 1}));
        let bad_json = decode(
            &json!({"data": {"release": not_release}}),
            Storage::ConfigMap,
        );
        assert!(matches!(bad_json, Err(DecodeError::Json(_, m)) if m.contains("name")));
    }

    const MIB_USIZE: usize = 1 << 20;

    /// A gzip file of `mib` MiB of zeros, built without ever holding them: one MiB is
    /// deflated once, ending in a full flush so that the next copy needs nothing before
    /// it, and the copies are chained under one header and trailer (CRC and size).
    fn gzip_of_zeros(mib: u32) -> Vec<u8> {
        let zeros = vec![0u8; MIB_USIZE];
        let mut deflate = flate2::Compress::new(Compression::best(), false);
        let mut block = Vec::with_capacity(MIB_USIZE);
        let status = deflate.compress_vec(&zeros, &mut block, flate2::FlushCompress::Full);
        assert!(status.is_ok() && deflate.total_in() == MIB_USIZE as u64);
        let mut one = flate2::Crc::new();
        one.update(&zeros);
        let mut crc = flate2::Crc::new();
        let mut gzip = vec![0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 2, 0xff];
        for _ in 0..mib {
            gzip.extend_from_slice(&block);
            crc.combine(&one);
        }
        // The final block: fixed Huffman codes, nothing but its end.
        gzip.extend_from_slice(&[0x03, 0x00]);
        gzip.extend_from_slice(&crc.sum().to_le_bytes());
        gzip.extend_from_slice(&(mib.wrapping_mul(1 << 20)).to_le_bytes());
        gzip
    }

    fn record(name: &str, release: &[u8]) -> Value {
        json!({"metadata": {"name": name, "namespace": "n"},
               "data": {"release": STANDARD.encode(release)}})
    }

    #[test]
    fn the_test_bomb_is_a_real_gzip_file() {
        let mut out = Vec::new();
        let read = GzDecoder::new(gzip_of_zeros(4).as_slice()).read_to_end(&mut out);
        assert!(matches!(read, Ok(n) if n == 4 * MIB_USIZE), "{read:?}");
        assert!(out.iter().all(|&b| b == 0));
    }

    #[test]
    fn a_gzip_bomb_is_refused_by_size() {
        // 1 GiB of zeros in about 1 MiB: what a release Secret may hold.
        let bomb = gzip_of_zeros(1024);
        assert!(bomb.len() < 2 * MIB_USIZE, "{}", bomb.len());
        let refused = decode(
            &record("sh.helm.release.v1.x.v1", &bomb),
            Storage::ConfigMap,
        );
        assert!(
            matches!(&refused, Err(DecodeError::TooLarge(l, _)) if l == "n/sh.helm.release.v1.x.v1"),
            "{refused:?}"
        );
        let message = refused.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(message.contains("32 MiB"), "{message}");
    }

    #[test]
    fn one_request_decompresses_within_its_budget() {
        let release = helm_encode(&stored());
        let size = STANDARD
            .decode(&release)
            .ok()
            .map(|gz| {
                let mut out = Vec::new();
                let _ = GzDecoder::new(gz.as_slice()).read_to_end(&mut out);
                out.len() as u64
            })
            .unwrap_or_default();
        // Room for two such records, not three.
        let mut budget = Budget::new(size * 2 + size / 2, 1_000);
        let object =
            json!({"metadata": {"name": "r", "namespace": "n"}, "data": {"release": release}});
        for _ in 0..2 {
            let read = decode_within(&object, Storage::ConfigMap, &mut budget);
            assert!(read.is_ok(), "{read:?}");
        }
        let third = decode_within(&object, Storage::ConfigMap, &mut budget);
        assert!(
            matches!(&third, Err(DecodeError::BudgetSpent(l, _)) if l == "n/r"),
            "{third:?}"
        );
        // Spent is spent: nothing more is decompressed.
        let fourth = decode_within(&object, Storage::ConfigMap, &mut budget);
        assert!(
            matches!(fourth, Err(DecodeError::BudgetSpent(..))),
            "{fourth:?}"
        );
    }

    #[test]
    fn json_that_parses_into_too_many_values_is_refused() {
        // 2 million zeros: 4 MB of text, far more once parsed.
        let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
        gz.write_all(b"[").unwrap_or_default();
        for _ in 0..2_000_000 / 1000 {
            gz.write_all("0,".repeat(1000).as_bytes())
                .unwrap_or_default();
        }
        gz.write_all(b"0]").unwrap_or_default();
        let many = gz.finish().unwrap_or_default();
        let refused = decode(&record("many", &many), Storage::ConfigMap);
        assert!(
            matches!(&refused, Err(DecodeError::TooLarge(_, m)) if m.contains("JSON values")),
            "{refused:?}"
        );
        // Commas and brackets inside strings are text, not values.
        assert_eq!(json_values(br#"{"a":"[,{:\",x"}"#), 3);
        assert_eq!(json_values(b"[1,2,3]"), 4);
    }
}
