//! Embeds the web app (`web/dist`, built by `npm run build`) into the binary, each file
//! with a gzip copy made here once. Without a build, a page explaining how to make one is
//! embedded instead, so the server still compiles and runs.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let dist = manifest.join("../../web/dist");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default());
    println!("cargo:rerun-if-changed={}", dist.display());
    println!("cargo:rerun-if-env-changed=LANTHORN_WEB_DIST");
    let dist = std::env::var("LANTHORN_WEB_DIST")
        .map(PathBuf::from)
        .unwrap_or(dist);
    let mut files = Vec::new();
    if dist.join("index.html").is_file() {
        collect(&dist, &dist, &mut files);
    }
    files.sort();
    let mut code =
        String::from("/// Embedded web files.\npub static FILES: &[super::Asset] = &[\n");
    for (i, (rel, abs)) in files.iter().enumerate() {
        let bytes = std::fs::read(abs).unwrap_or_default();
        let gz = gzip(&bytes);
        let gz_code = if gz.len() + 64 < bytes.len() {
            let gz_path = out.join(format!("asset-{i}.gz"));
            std::fs::write(&gz_path, &gz).unwrap_or_default();
            format!("Some(include_bytes!({:?}))", gz_path.display().to_string())
        } else {
            "None".to_owned()
        };
        let _ = writeln!(
            code,
            "    super::Asset {{ path: {rel:?}, bytes: include_bytes!({:?}), gzip: {gz_code} }},",
            abs.display().to_string()
        );
    }
    code.push_str("];\n");
    let _ = writeln!(
        code,
        "/// True when the web app was built before this binary.\npub const BUILT: bool = {};",
        !files.is_empty()
    );
    std::fs::write(out.join("assets.rs"), code).unwrap_or_default();
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, files);
        } else if let Ok(rel) = path.strip_prefix(root) {
            let rel = rel.to_string_lossy().replace('\\', "/");
            files.push((format!("/{rel}"), path.canonicalize().unwrap_or(path)));
        }
    }
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}
