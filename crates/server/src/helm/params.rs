//! Query and body fields of the Helm routes, checked before anything reaches the cluster
//! or the `helm` program.

use std::collections::HashMap;

use lanthorn_cluster::{KubeName, Named, Namespace};

use crate::error::{ApiError, Reason};

/// The release a query names: `namespace` and `name`.
pub fn release_id(params: &HashMap<String, String>) -> Result<(Namespace, KubeName), ApiError> {
    Ok((
        k8s_name(params, "namespace", None)?,
        k8s_name(params, "name", None)?,
    ))
}

/// A required (or defaulted) Kubernetes name: lowercase letters, digits, `-` and `.`.
pub fn k8s_name<T: Named>(
    params: &HashMap<String, String>,
    key: &str,
    default: Option<&str>,
) -> Result<T, ApiError> {
    let value = match (params.get(key).map(String::as_str), default) {
        (Some(v), _) if !v.is_empty() => v,
        (_, Some(default)) => default,
        _ => {
            return Err(ApiError::bad_request(
                Reason::BadRequest,
                format!("the query parameter {key} is required"),
            ));
        }
    };
    kube_name(key, value)
}

/// One value that must be a Kubernetes name; the error names `key`.
pub fn kube_name<T: Named>(key: &str, value: &str) -> Result<T, ApiError> {
    T::parse(key, value).map_err(|e| ApiError::bad_request(Reason::BadRequest, e.to_string()))
}

pub fn boolean(params: &HashMap<String, String>, key: &str) -> Result<bool, ApiError> {
    match params.get(key).map(String::as_str) {
        None | Some("" | "false" | "0") => Ok(false),
        Some("true" | "1") => Ok(true),
        Some(other) => Err(ApiError::bad_request(
            Reason::BadRequest,
            format!(
                "{key} must be true or false, got {:?}",
                other.chars().take(16).collect::<String>()
            ),
        )),
    }
}

pub fn number(params: &HashMap<String, String>, key: &str) -> Result<usize, ApiError> {
    match params.get(key).map(String::as_str) {
        None | Some("") => Ok(0),
        Some(text) => text.parse().map_err(|_| {
            ApiError::bad_request(
                Reason::BadRequest,
                format!(
                    "{key} must be a whole number, got {:?}",
                    text.chars().take(16).collect::<String>()
                ),
            )
        }),
    }
}

/// Helm's limit on release names (they become label values and object names).
const MAX_RELEASE_NAME: usize = 53;

/// A release name: a Kubernetes name of at most 53 characters.
pub fn release_name(value: &str) -> Result<KubeName, ApiError> {
    let name: KubeName = kube_name("name", value)?;
    if name.len() > MAX_RELEASE_NAME {
        return Err(ApiError::bad_request(
            Reason::BadRequest,
            format!("name must be at most {MAX_RELEASE_NAME} characters"),
        ));
    }
    Ok(name)
}

/// A chart version or version range: letters, digits and `.+-~^<>=*x ,|` only.
pub fn chart_version(value: &str) -> Result<String, ApiError> {
    let valid = !value.is_empty()
        && value.len() <= 128
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".+-~^<>=* ,|".contains(c));
    if valid {
        Ok(value.to_owned())
    } else {
        Err(ApiError::bad_request(
            Reason::BadRequest,
            format!(
                "version is not a chart version: {:?}",
                value.chars().take(64).collect::<String>()
            ),
        ))
    }
}

/// Values sent base64-encoded (Headlamp's form), checked to be a YAML mapping.
pub fn values(encoded: Option<&str>) -> Result<Option<String>, ApiError> {
    use base64::Engine as _;
    let Some(encoded) = encoded.filter(|v| !v.trim().is_empty()) else {
        return Ok(None);
    };
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .map_err(|_| {
            ApiError::bad_request(Reason::BadRequest, "values must be base64-encoded YAML")
        })?;
    let text = String::from_utf8(bytes)
        .map_err(|_| ApiError::bad_request(Reason::BadRequest, "values are not UTF-8 text"))?;
    if text.len() > 1024 * 1024 {
        return Err(ApiError::bad_request(
            Reason::BadRequest,
            "values are larger than 1 MiB",
        ));
    }
    match serde_yaml_ng::from_str::<serde_yaml_ng::Value>(&text) {
        Ok(serde_yaml_ng::Value::Mapping(_) | serde_yaml_ng::Value::Null) => Ok(Some(text)),
        Ok(_) => Err(ApiError::bad_request(
            Reason::BadRequest,
            "values must be a YAML mapping (key: value)",
        )),
        Err(error) => Err(ApiError::bad_request(
            Reason::BadRequest,
            format!("values are not valid YAML: {error}"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use base64::Engine as _;
    use base64::engine::general_purpose::STANDARD;

    use super::*;

    #[test]
    fn names_versions_and_values_are_checked() {
        assert!(release_name("web-1").is_ok());
        assert!(release_name(&"a".repeat(54)).is_err());
        assert!(release_name("Web").is_err());
        assert!(chart_version(">=1.2.0 <2").is_ok());
        assert!(chart_version("1.0; rm -rf").is_err());
        assert!(matches!(values(None), Ok(None)));
        assert!(matches!(
            values(Some(&STANDARD.encode("replicas: 2\n"))),
            Ok(Some(_))
        ));
        let bad = values(Some(&STANDARD.encode("a: [1,\n")))
            .err()
            .map(|e| e.message().to_owned());
        assert!(bad.is_some_and(|m| m.contains("not valid YAML") && m.contains("line")));
        let list = values(Some(&STANDARD.encode("- 1\n")))
            .err()
            .map(|e| e.message().to_owned());
        assert!(list.is_some_and(|m| m.contains("mapping")));
        assert!(values(Some("%%%")).is_err());
    }
}
