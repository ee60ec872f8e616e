//! The chart a release was installed from, as Helm stored it in the release record, written
//! back out as a chart folder — so a release whose chart is in no configured repository
//! (installed from a local folder, or from a repository since removed) can still be
//! upgraded with edited values.
//!
//! The record is tenant-controlled bytes: every file name is checked to stay inside the
//! chart folder (relative, no `..`, no empty or hidden-root parts), sizes are bounded, and a
//! chart whose subcharts Helm did not store is refused by name rather than upgraded without
//! them.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;

/// Most files a stored chart may have.
const MAX_FILES: usize = 2_000;
/// Most bytes all its files may hold together.
const MAX_BYTES: usize = 16 * 1024 * 1024;

/// One file of a chart folder: a relative path (with `/`) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartFile {
    /// Relative to the chart folder, e.g. `templates/deployment.yaml`.
    pub path: String,
    /// The contents.
    pub bytes: Vec<u8>,
}

/// Why a stored chart cannot be written back out.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoredChartError {
    /// The release record holds no chart metadata.
    #[error("the release record holds no chart")]
    Missing,
    /// The chart depends on subcharts, which Helm does not store with a release.
    #[error(
        "chart {0} depends on subcharts, which Helm does not keep in the release; upgrade it from a chart repository"
    )]
    HasDependencies(String),
    /// A file name that would leave the chart folder, or is not a plain relative path.
    #[error("the stored chart has a file named {0:?}, which is not a path inside a chart")]
    BadPath(String),
    /// A file whose contents are not base64.
    #[error("the stored chart's file {0:?} is not base64")]
    NotBase64(String),
    /// More files or bytes than a chart folder is allowed here.
    #[error("the stored chart is larger than {MAX_FILES} files or {} MiB", MAX_BYTES >> 20)]
    TooLarge,
}

/// The chart folder of `release` (Helm's release JSON): `Chart.yaml` from its metadata,
/// `values.yaml` from its default values, `values.schema.json`, its templates and files.
pub fn stored_chart(release: &Value) -> Result<Vec<ChartFile>, StoredChartError> {
    let chart = &release["chart"];
    let metadata = chart
        .get("metadata")
        .filter(|m| m.is_object())
        .ok_or(StoredChartError::Missing)?;
    let name = metadata["name"].as_str().unwrap_or_default().to_owned();
    if metadata["dependencies"]
        .as_array()
        .is_some_and(|d| !d.is_empty())
    {
        return Err(StoredChartError::HasDependencies(name));
    }
    let mut files = vec![ChartFile {
        path: "Chart.yaml".into(),
        bytes: yaml(metadata),
    }];
    if chart["values"].is_object() {
        files.push(ChartFile {
            path: "values.yaml".into(),
            bytes: yaml(&chart["values"]),
        });
    }
    if let Some(schema) = chart["schema"].as_str().filter(|s| !s.is_empty()) {
        files.push(ChartFile {
            path: "values.schema.json".into(),
            bytes: decoded("values.schema.json", schema)?,
        });
    }
    for entry in ["templates", "files"]
        .iter()
        .filter_map(|key| chart[*key].as_array())
        .flatten()
    {
        let path = entry["name"].as_str().unwrap_or_default();
        check_path(path)?;
        let data = entry["data"].as_str().unwrap_or_default();
        files.push(ChartFile {
            path: path.to_owned(),
            bytes: decoded(path, data)?,
        });
    }
    let total: usize = files.iter().map(|f| f.bytes.len()).sum();
    if files.len() > MAX_FILES || total > MAX_BYTES {
        return Err(StoredChartError::TooLarge);
    }
    Ok(files)
}

fn yaml(value: &Value) -> Vec<u8> {
    // A JSON value always has a YAML form.
    serde_yaml_ng::to_string(value)
        .unwrap_or_default()
        .into_bytes()
}

fn decoded(path: &str, data: &str) -> Result<Vec<u8>, StoredChartError> {
    STANDARD
        .decode(data)
        .map_err(|_| StoredChartError::NotBase64(path.chars().take(200).collect()))
}

/// A relative path of plain parts: no `..`, `.`, empty part, backslash, NUL, drive or root.
fn check_path(path: &str) -> Result<(), StoredChartError> {
    let bad = path.is_empty()
        || path.len() > 1024
        || path.starts_with('/')
        || path.contains(['\\', '\0', ':'])
        || path
            .split('/')
            .any(|part| part.is_empty() || part == "." || part == "..")
        || matches!(path, "Chart.yaml" | "values.yaml" | "values.schema.json");
    if bad {
        return Err(StoredChartError::BadPath(path.chars().take(200).collect()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn b64(text: &str) -> String {
        STANDARD.encode(text)
    }

    fn release(templates: Value) -> Value {
        json!({"name": "web", "chart": {
            "metadata": {"apiVersion": "v2", "name": "demo-app", "version": "0.1.0"},
            "values": {"replicaCount": 1, "message": "hi"},
            "templates": templates,
            "files": [{"name": "files/page.html", "data": b64("<p>hi</p>")}],
        }})
    }

    #[test]
    fn writes_the_chart_back_out() {
        let files = stored_chart(&release(
            json!([{"name": "templates/cm.yaml", "data": b64("kind: ConfigMap\n")}]),
        ))
        .unwrap_or_default();
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "Chart.yaml",
                "values.yaml",
                "templates/cm.yaml",
                "files/page.html"
            ]
        );
        let chart_yaml = String::from_utf8_lossy(&files[0].bytes).into_owned();
        assert!(chart_yaml.contains("name: demo-app"), "{chart_yaml}");
        assert!(String::from_utf8_lossy(&files[1].bytes).contains("message: hi"));
        assert_eq!(files[2].bytes, b"kind: ConfigMap\n");
    }

    #[test]
    fn file_names_that_leave_the_chart_folder_are_refused() {
        for name in [
            "../evil.yaml",
            "templates/../../x",
            "/etc/passwd",
            "templates//x",
            "templates\\x",
            "C:x",
            "",
            "./x",
            "Chart.yaml",
        ] {
            let got = stored_chart(&release(json!([{"name": name, "data": b64("x")}])));
            assert!(
                matches!(got, Err(StoredChartError::BadPath(_))),
                "{name:?}: {got:?}"
            );
        }
    }

    #[test]
    fn subcharts_missing_charts_and_bad_data_are_named() {
        let mut with_deps = release(json!([]));
        with_deps["chart"]["metadata"]["dependencies"] = json!([{"name": "redis"}]);
        assert_eq!(
            stored_chart(&with_deps),
            Err(StoredChartError::HasDependencies("demo-app".into()))
        );
        assert_eq!(stored_chart(&json!({})), Err(StoredChartError::Missing));
        let bad = release(json!([{"name": "templates/a.yaml", "data": "%%%"}]));
        assert_eq!(
            stored_chart(&bad),
            Err(StoredChartError::NotBase64("templates/a.yaml".into()))
        );
    }
}
