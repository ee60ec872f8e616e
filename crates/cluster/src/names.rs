//! Kubernetes names as Lanthorn's own routes accept them (the DNS subdomain form), as
//! types: a [`Namespace`] and a [`KubeName`] are checked once, where a request is read,
//! and cannot be swapped for each other or for unchecked text further in. Nothing else
//! can reach a path, a label selector or a command line.

use std::fmt;
use std::ops::Deref;

/// Lowercase letters, digits, `-` and `.`, at most 253 characters, not starting with `-`
/// or `.`.
pub fn is_kube_name(value: &str) -> bool {
    !value.is_empty()
        && value.len() <= 253
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
        && !value.starts_with(['-', '.'])
}

/// A value that is not a Kubernetes name; the message names the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{field} must be a Kubernetes name (lowercase letters, digits, '-' and '.'), got {shown:?}"
)]
pub struct NotAName {
    field: String,
    shown: String,
}

/// A checked Kubernetes name type ([`Namespace`], [`KubeName`]).
pub trait Named: Sized + Deref<Target = str> {
    /// Checks `value`, the field called `field` in the request.
    fn parse(field: &str, value: &str) -> Result<Self, NotAName>;
}

macro_rules! kube_name_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Checks `value`, the field called `field` in the request.
            pub fn parse(field: &str, value: &str) -> Result<Self, NotAName> {
                if is_kube_name(value) {
                    Ok(Self(value.to_owned()))
                } else {
                    Err(NotAName {
                        field: field.to_owned(),
                        shown: value.chars().take(64).collect(),
                    })
                }
            }

            /// The name as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl Named for $name {
            fn parse(field: &str, value: &str) -> Result<Self, NotAName> {
                $name::parse(field, value)
            }
        }

        impl Deref for $name {
            type Target = str;

            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

kube_name_type! {
    /// A namespace's name.
    Namespace
}

kube_name_type! {
    /// An object's name (a pod, a Service, a Helm release).
    KubeName
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kube_names() {
        assert!(is_kube_name("web-1.example"));
        for bad in ["", "-a", ".a", "A", "a/b", "a b", "..", &"a".repeat(254)] {
            assert!(!is_kube_name(bad), "{bad:?}");
        }
    }

    #[test]
    fn a_refused_name_says_which_field_and_what_was_sent() {
        let error = Namespace::parse("namespace", "Demo/../x").err();
        assert_eq!(
            error.map(|e| e.to_string()).as_deref(),
            Some(
                "namespace must be a Kubernetes name (lowercase letters, digits, '-' and '.'), \
                 got \"Demo/../x\""
            )
        );
        assert_eq!(KubeName::parse("pod", "web-1").map(|n| n.len()), Ok(5));
    }
}
