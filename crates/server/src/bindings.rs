//! The JSON shapes this server defines, as TypeScript for the web app: generated from
//! the Rust types with `ts-rs` into `web/src/api/generated/`, checked in, and held to the
//! types by a test. `LANTHORN_WRITE_BINDINGS=1 cargo test -p lanthorn-server bindings`
//! writes them again after a change.

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use ts_rs::{Config, TS};

    /// Every exported shape: `(file name, its TypeScript)`.
    fn shapes() -> Vec<(String, String)> {
        let config = Config::new().with_large_int("number");
        let mut out = Vec::new();
        macro_rules! shape {
            ($($ty:ty),* $(,)?) => {$(
                let name = <$ty as TS>::output_path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                let text = <$ty as TS>::export_to_string(&config)
                    .unwrap_or_else(|e| format!("cannot export: {e}"));
                out.push((name, text));
            )*};
        }
        shape!(
            crate::routes::config::ConfigBody,
            crate::routes::config::ClusterBody,
            crate::routes::config::ClusterSource,
            crate::routes::config::SignedIn,
            crate::routes::config::Reachability,
            crate::routes::token::Me<'static>,
            crate::error::Body<'static>,
            crate::error::Reason,
            crate::watch::protocol::ClientMessage,
            crate::watch::protocol::Subscribe,
            crate::watch::protocol::LogOptions,
            crate::watch::protocol::ServerMessage<'static>,
            crate::watch::protocol::WatchEvent,
            crate::watch::protocol::EventType,
            crate::portforward::Forward,
            crate::helm::Chart,
            crate::helm::ChartVersion,
            crate::helm::Damaged,
            lanthorn_cluster::UserInfo,
            lanthorn_cluster::CredentialSource,
            lanthorn_session::SignInMethod,
        );
        out
    }

    fn folder() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../web/src/api/generated")
    }

    #[test]
    fn generated_typescript_matches_the_rust_types() {
        let dir = folder();
        let write = std::env::var_os("LANTHORN_WRITE_BINDINGS").is_some();
        let mut stale = Vec::new();
        let shapes = shapes();
        for (name, text) in &shapes {
            assert!(!text.starts_with("cannot export"), "{name}: {text}");
            let path = dir.join(name);
            if write {
                std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
                std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
            } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                stale.push(name.clone());
            }
        }
        // A file no type writes any more is stale too.
        let known: Vec<&str> = shapes.iter().map(|(n, _)| n.as_str()).collect();
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !known.contains(&name.as_str()) && !write {
                stale.push(format!("{name} (no type writes it)"));
            }
        }
        assert!(
            stale.is_empty(),
            "web/src/api/generated is stale: {stale:?}; run \
             `LANTHORN_WRITE_BINDINGS=1 cargo test -p lanthorn-server bindings` and commit"
        );
    }
}
