//! Settings from environment variables, read from a map rather than the
//! process environment so that tests are hermetic.
//!
//! Each flag `--foo-bar` may be set as `LANTHORN_FOO_BAR` or, for Headlamp
//! users, `HEADLAMP_CONFIG_FOO_BAR` (aliases too: `HEADLAMP_CONFIG_OIDC_IDP_ISSUER_URL`).
//! The client secret may also come from plain `OIDC_CLIENT_SECRET`, as
//! Headlamp's chart documentation sets it from a Secret.

use std::collections::BTreeMap;

use crate::key::{Key, Raw, Settings};

/// Records every setting the environment gives; precedence among the
/// spellings is left to `Settings::set`.
pub(crate) fn read(env: &BTreeMap<String, String>, settings: &mut Settings) {
    for key in Key::ALL {
        for (var, source) in key.env_vars() {
            if let Some(value) = env.get(&var) {
                settings.set(key, Raw::Text(value.clone()), source);
            }
        }
    }
}
