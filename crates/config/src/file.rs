//! The optional YAML file (`--config`), spelled like the Helm chart's
//! `config:` values: `port`, `baseURL`, `oidc.clientID`, `sessionTTL`, ...
//!
//! The file is read as a YAML tree and walked by hand rather than through
//! serde so that an unknown or mistyped key is reported by its full path.

use std::path::Path;

use serde_yaml_ng::{Mapping, Value};

use crate::ConfigError;
use crate::key::{Key, Raw, Settings, Source};

/// Reads the file named by `config` (which came from `source`) into `settings`.
pub(crate) fn read(
    config: &str,
    source: &Source,
    settings: &mut Settings,
) -> Result<(), ConfigError> {
    let path = Path::new(config);
    let text = std::fs::read_to_string(path)
        .map_err(|err| source.error(Key::Config, format!("cannot read {config}: {err}")))?;
    let document: Value = serde_yaml_ng::from_str(&text).map_err(|err| {
        let message = err.to_string();
        // The parser's message usually says where already; add it if not.
        let at = match err.location() {
            Some(at) if !message.contains(" line ") => {
                format!(" at line {}, column {}", at.line(), at.column())
            }
            _ => String::new(),
        };
        source.error(
            Key::Config,
            format!("malformed YAML in {config}{at}: {message}"),
        )
    })?;
    let file = Source::File(path.to_path_buf());
    match document {
        Value::Null => Ok(()),
        Value::Mapping(mapping) => walk(&mapping, "", &file, settings),
        other => Err(ConfigError::new(
            Key::Config.flag_name(),
            format!(
                "{config} must hold a mapping of settings, found {}",
                kind(&other)
            ),
        )),
    }
}

fn walk(
    mapping: &Mapping,
    prefix: &str,
    file: &Source,
    settings: &mut Settings,
) -> Result<(), ConfigError> {
    for (name, value) in mapping {
        let Value::String(name) = name else {
            return Err(file_error(
                file,
                format!("{prefix}{}", scalar_text(name).unwrap_or_default()),
                "keys must be strings",
            ));
        };
        let path = format!("{prefix}{name}");
        if path == "oidc" {
            match value {
                Value::Null => {}
                Value::Mapping(oidc) => walk(oidc, "oidc.", file, settings)?,
                other => {
                    return Err(file_error(
                        file,
                        path,
                        format!("must be a mapping, found {}", kind(other)),
                    ));
                }
            }
            continue;
        }
        let Some(key) = Key::from_yaml(&path) else {
            let message = match suggest(&path) {
                Some(known) => format!("unknown key (did you mean {known}?)"),
                None => "unknown key".to_owned(),
            };
            return Err(file_error(file, path, message));
        };
        if let Some(raw) = raw_value(key, value).map_err(|message| file.error(key, message))? {
            settings.set(key, raw, file.clone());
        }
    }
    Ok(())
}

/// An error about a key path that is not (or not yet) a known setting.
fn file_error(file: &Source, path: String, message: impl Into<String>) -> ConfigError {
    ConfigError::new(path, format!("{}{}", message.into(), file.origin()))
}

/// A known key spelled with the wrong case, the usual typo (`clientId`).
fn suggest(path: &str) -> Option<&'static str> {
    Key::ALL
        .into_iter()
        .filter_map(|key| key.spelling().yaml)
        .find(|known| known.eq_ignore_ascii_case(path))
}

fn raw_value(key: Key, value: &Value) -> Result<Option<Raw>, String> {
    if let Some(text) = scalar_text(value) {
        return Ok(Some(Raw::Text(text)));
    }
    match value {
        Value::Null => Ok(None),
        Value::Sequence(items) if key.is_list() => items
            .iter()
            .map(|item| {
                scalar_text(item)
                    .ok_or_else(|| format!("list items must be strings, found {}", kind(item)))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(|items| Some(Raw::List(items))),
        other => Err(format!(
            "must be a string, number or boolean, found {}",
            kind(other)
        )),
    }
}

fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Bool(flag) => Some(flag.to_string()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}
