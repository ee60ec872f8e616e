//! Helm releases (the App Catalog), read natively from Helm's storage with the caller's
//! own credential: the routes Headlamp serves, with its response shapes.
//!
//! - `GET /clusters/{c}/helm/releases/list` (`namespace`, `allNamespaces`, and Helm's
//!   list flags: `all`, `deployed`, `failed`, `pending`, `superseded`, `uninstalling`,
//!   `uninstalled`, `byDate`, `filter`, `limit`, `offset`) → `{"releases": [...]}`
//! - `GET /clusters/{c}/helm/releases` (`name`, `namespace`) → the latest revision
//! - `GET /clusters/{c}/helm/release/history` (`name`, `namespace`) → `{"releases": [...]}`

mod read;
mod storage;

pub use read::{get, history, list};
