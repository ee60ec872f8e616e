//! The name a cluster is known by in URLs (`/clusters/{name}/…`).

use std::fmt;

use crate::ClusterError;

/// A cluster's name: a kubeconfig context name, or the in-cluster name (`main`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct ClusterName(String);

impl ClusterName {
    /// Accepts a name that can stand as one URL path segment.
    pub fn new(name: &str) -> Result<Self, ClusterError> {
        let bad = name.is_empty()
            || name.len() > 253
            || name == "."
            || name == ".."
            || name
                .chars()
                .any(|c| c == '/' || c == '\\' || c == '%' || c.is_control());
        if bad {
            return Err(ClusterError::BadName(name.chars().take(80).collect()));
        }
        Ok(Self(name.to_owned()))
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for ClusterName {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ClusterName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_context_names_and_refuses_path_breakers() {
        for ok in [
            "dev",
            "kind-kind",
            "gke_proj_zone_c1",
            "arn:aws:eks:eu-west-1:1:cluster@x",
        ] {
            assert!(ClusterName::new(ok).is_ok(), "{ok}");
        }
        for bad in ["", ".", "..", "a/b", "a\\b", "a%2fb", "a\nb"] {
            assert!(ClusterName::new(bad).is_err(), "{bad:?}");
        }
    }
}
