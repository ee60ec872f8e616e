//! Kubernetes object names as Lanthorn's own routes accept them (DNS subdomain form), so
//! nothing else can reach a path, label selector or command line.

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

#[cfg(test)]
mod tests {
    use super::is_kube_name;

    #[test]
    fn kube_names() {
        assert!(is_kube_name("web-1.example"));
        for bad in ["", "-a", ".a", "A", "a/b", "a b", "..", &"a".repeat(254)] {
            assert!(!is_kube_name(bad), "{bad:?}");
        }
    }
}
