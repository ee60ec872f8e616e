//! Stored object → [`Release`].

use std::io::Read as _;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use flate2::read::GzDecoder;
use serde_json::Value;

use crate::Release;

/// A release larger than this once decompressed is refused (Helm's own limit on a
/// Secret is 1 MiB compressed).
const MAX_RELEASE_BYTES: u64 = 64 * 1024 * 1024;

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
}

/// Which of Helm's storage drivers an object belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Storage {
    /// Secrets of type `helm.sh/release.v1` (Helm's default).
    Secret,
    /// ConfigMaps (`HELM_DRIVER=configmap`).
    ConfigMap,
}

/// Decodes a Secret or ConfigMap of Helm's storage, as the API server returns it in JSON.
pub fn decode(object: &Value, storage: Storage) -> Result<Release, DecodeError> {
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
    let json = decode_release_field(&text, &label)?;
    let mut release = from_json(json, &label)?;
    if release.namespace.is_empty() {
        release.namespace = meta["namespace"].as_str().unwrap_or("").to_owned();
    }
    Ok(release)
}

/// Helm's encoding of a release: base64 of (usually gzip-compressed) JSON.
pub fn decode_release_field(text: &str, label: &str) -> Result<Value, DecodeError> {
    let bytes = STANDARD
        .decode(text.trim())
        .map_err(|_| DecodeError::Base64(label.to_owned()))?;
    let json = if bytes.starts_with(&[0x1f, 0x8b, 0x08]) {
        let mut out = Vec::new();
        GzDecoder::new(bytes.as_slice())
            .take(MAX_RELEASE_BYTES)
            .read_to_end(&mut out)
            .map_err(|_| DecodeError::Gzip(label.to_owned()))?;
        out
    } else {
        bytes
    };
    serde_json::from_slice(&json).map_err(|e| DecodeError::Json(label.to_owned(), e.to_string()))
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
}
