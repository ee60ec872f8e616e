//! The OCI image `dev/image` builds: a valid layout whose config runs an unprivileged
//! entrypoint, and whose layer holds a lanthorn and a helm that run.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context as _, Result, ensure};
use serde_json::{Value, json};

use super::output_text;
use crate::support::{BIN, TempDir};

fn sha256_hex(path: &Path) -> Result<String> {
    let out = Command::new("sha256sum").arg(path).output()?;
    ensure!(out.status.success(), "sha256sum: {}", output_text(&out));
    Ok(String::from_utf8(out.stdout)?
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_owned())
}

/// The blob a descriptor names, after checking its size and digest.
fn blob(layout: &Path, descriptor: &Value) -> Result<PathBuf> {
    let digest = descriptor["digest"]
        .as_str()
        .context("descriptor without digest")?;
    let hex = digest
        .strip_prefix("sha256:")
        .context("not a sha256 digest")?;
    let path = layout.join("blobs/sha256").join(hex);
    let size = std::fs::metadata(&path)
        .with_context(|| format!("blob {digest}"))?
        .len();
    ensure!(
        Some(size) == descriptor["size"].as_u64(),
        "{digest}: size {size}"
    );
    ensure!(
        sha256_hex(&path)? == hex,
        "{digest}: content does not match"
    );
    Ok(path)
}

fn blob_json(layout: &Path, descriptor: &Value) -> Result<Value> {
    Ok(serde_json::from_slice(&std::fs::read(blob(
        layout, descriptor,
    )?)?)?)
}

/// `[pre...] program args...`, its output trimmed.
fn run_version(program: &Path, pre: &[String], args: &[&str]) -> Result<String> {
    let mut command = match pre.split_first() {
        Some((first, rest)) => {
            let mut c = Command::new(first);
            c.args(rest).arg(program);
            c
        }
        None => Command::new(program),
    };
    let out = command.args(args).output()?;
    ensure!(
        out.status.success(),
        "{}: {}",
        program.display(),
        output_text(&out)
    );
    Ok(String::from_utf8(out.stdout)?.trim().to_owned())
}

#[test]
fn dev_image_builds_an_oci_layout_that_runs() -> Result<()> {
    let dir = TempDir::new("image")?;
    let layout = dir.0.join("oci-layout");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../dev/image");
    let out = Command::new(script)
        .args(["--binary", BIN, "--out"])
        .arg(&layout)
        .stdin(Stdio::null())
        .output()?;
    ensure!(out.status.success(), "dev/image: {}", output_text(&out));
    let marker: Value = serde_json::from_slice(&std::fs::read(layout.join("oci-layout"))?)?;
    ensure!(marker["imageLayoutVersion"] == "1.0.0", "{marker}");
    let index: Value = serde_json::from_slice(&std::fs::read(layout.join("index.json"))?)?;
    let manifest = blob_json(&layout, &index["manifests"][0])?;
    ensure!(
        manifest["mediaType"] == "application/vnd.oci.image.manifest.v1+json",
        "{manifest}"
    );
    let config = blob_json(&layout, &manifest["config"])?;
    let image = &config["config"];
    let user = image["User"].as_str().unwrap_or("");
    let uid: u32 = user
        .split(':')
        .next()
        .unwrap_or("")
        .parse()
        .with_context(|| format!("user {user:?}"))?;
    ensure!(uid != 0, "the image runs as root: {user}");
    ensure!(
        image["Entrypoint"] == json!(["/usr/local/bin/lanthorn"]),
        "{image}"
    );
    ensure!(image["ExposedPorts"].get("4466/tcp").is_some(), "{image}");
    ensure!(config["os"] == "linux", "{config}");

    let rootfs = dir.0.join("rootfs");
    std::fs::create_dir_all(&rootfs)?;
    let layers = manifest["layers"].as_array().cloned().unwrap_or_default();
    let diff_ids = config["rootfs"]["diff_ids"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    ensure!(
        !layers.is_empty() && layers.len() == diff_ids.len(),
        "{manifest}"
    );
    for (layer, diff_id) in layers.iter().zip(&diff_ids) {
        let path = blob(&layout, layer)?;
        let tar = dir.0.join("layer.tar");
        let unpacked = Command::new("sh")
            .arg("-c")
            .arg("gzip -dc \"$1\" > \"$2\" && tar -xf \"$2\" -C \"$3\"")
            .arg("sh")
            .arg(path)
            .arg(&tar)
            .arg(&rootfs)
            .output()?;
        ensure!(
            unpacked.status.success(),
            "unpacking: {}",
            output_text(&unpacked)
        );
        ensure!(
            *diff_id == format!("sha256:{}", sha256_hex(&tar)?),
            "diff_id {diff_id}"
        );
    }
    let lanthorn = rootfs.join("usr/local/bin/lanthorn");
    let version = run_version(&lanthorn, &[], &["--version"])?;
    ensure!(
        version == run_version(Path::new(BIN), &[], &["--version"])?,
        "{version}"
    );
    // A dynamically linked build brings its own loader and libraries: run it with them.
    let loader = rootfs.join("lib64/ld-linux-x86-64.so.2");
    if loader.exists() {
        let libraries = ["lib/x86_64-linux-gnu", "usr/lib/x86_64-linux-gnu", "lib64"]
            .map(|d| rootfs.join(d).display().to_string())
            .join(":");
        let pre = [
            loader.display().to_string(),
            "--inhibit-cache".into(),
            "--library-path".into(),
            libraries,
        ];
        let own = run_version(&lanthorn, &pre, &["--version"])?;
        ensure!(own == version, "with the image's own libraries: {own}");
    }
    let helm = run_version(
        &rootfs.join("usr/local/bin/helm"),
        &[],
        &["version", "--short"],
    )?;
    ensure!(helm.starts_with("v3."), "helm version: {helm}");
    let passwd = std::fs::read_to_string(rootfs.join("etc/passwd"))?;
    ensure!(passwd.contains(&format!(":{uid}:")), "{passwd}");
    ensure!(
        rootfs.join("etc/ssl/certs/ca-certificates.crt").exists(),
        "no CA bundle"
    );
    Ok(())
}
