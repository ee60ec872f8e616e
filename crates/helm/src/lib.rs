//! Helm v3 releases read from the cluster's own storage, without the Helm engine.
//!
//! Helm keeps each revision of a release in a Secret of type `helm.sh/release.v1` (the
//! default driver) or a ConfigMap, labelled `owner=helm`, `name=<release>`,
//! `version=<revision>`, `status=<status>`. The `release` data field holds the release as
//! JSON, gzip-compressed and base64-encoded (and, in a Secret, base64-encoded once more by
//! the API). Reading it with the user's own credential means a user sees exactly the
//! releases in namespaces whose Secrets they may read.
//!
//! [`decode`] turns one stored object into a [`Release`]; [`select`] applies Helm's own
//! listing rules (latest revision per release, then the state filter).
//!
//! Changes run the `helm` program itself, isolated and bounded, for a credential the
//! cluster recognises ([`Engine`]); [`Actions`] keeps their progress for whoever started
//! them. Nothing here knows HTTP routes: the server turns requests into these calls.

mod actions;
mod decode;
mod engine;
mod select;
mod stored_chart;

pub use actions::{Action, Actions, Progress, owner_of};
pub use engine::{
    Engine, EngineError, MAX_OUTPUT, MAX_PROCESSES, Proven, QUEUE_WAIT, Run, STORED_CHART, Slot,
    oci_reference, shown_url,
};

pub use decode::{
    Budget, DecodeError, RECORD_BYTES, RECORD_VALUES, REQUEST_BYTES, REQUEST_VALUES, Storage,
    decode, decode_release_field, decode_within,
};
pub use select::{Filter, StateMask, history, latest, select};
pub use stored_chart::{ChartFile, StoredChartError, stored_chart};

use serde_json::Value;

/// One revision of a release: the JSON Helm stored (passed on unchanged, so callers see
/// Helm's own field names) and the fields Lanthorn works with.
#[derive(Debug, Clone)]
pub struct Release {
    /// `name`.
    pub name: String,
    /// `namespace`.
    pub namespace: String,
    /// `version`: the revision number.
    pub revision: u64,
    /// `info.status`: deployed, failed, superseded, uninstalling, uninstalled,
    /// pending-install, pending-upgrade, pending-rollback, unknown.
    pub status: String,
    /// `info.last_deployed`, RFC 3339, for sorting by date.
    pub last_deployed: String,
    /// Helm's JSON for the release.
    pub json: Value,
}
