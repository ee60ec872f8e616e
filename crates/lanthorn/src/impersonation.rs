//! Start-up of impersonation mode (`--oidc-impersonate`): every named cluster exists, and
//! Lanthorn's own identity there may impersonate users, groups, uids and the issuer extra
//! (asked with SelfSubjectAccessReviews). Lanthorn refuses to start otherwise, rather than
//! sign people in who would then be refused on every request.

use lanthorn_config::Config;
use lanthorn_server::Clusters;
use lanthorn_server::impersonation::{ClaimMapping, ImpersonationMode, missing_permissions};

use crate::{Failure, config_error};

/// The impersonation mode the configuration asks for, checked against the clusters.
pub async fn mode(config: &Config, clusters: &Clusters) -> Result<ImpersonationMode, Failure> {
    let Some(oidc) = &config.oidc else {
        return Ok(ImpersonationMode::default());
    };
    if oidc.impersonate.is_empty() {
        return Ok(ImpersonationMode::default());
    }
    let known: Vec<String> = clusters.iter().map(|c| c.spec().name.to_string()).collect();
    for name in &oidc.impersonate {
        if !known.contains(name) {
            return Err(config_error(format!(
                "--oidc-impersonate names {name:?}, which is not a cluster here (clusters: {})",
                known.join(", ")
            )));
        }
    }
    for name in &oidc.impersonate {
        let Some(client) = clusters.get(name) else {
            continue;
        };
        match missing_permissions(client, clusters.mode()).await {
            Ok(missing) if missing.is_empty() => tracing::info!(
                cluster = %name,
                "impersonation mode: Lanthorn's identity may impersonate users, groups, uids and the issuer extra"
            ),
            Ok(missing) => {
                return Err(Failure {
                    code: crate::EXIT_CONFIG,
                    message: format!(
                        "--oidc-impersonate: on cluster {name}, Lanthorn's own identity may not impersonate {} (verb impersonate); grant it the impersonation ClusterRole (chart value impersonation.enabled) or take {name} out of --oidc-impersonate",
                        missing.join(", ")
                    ),
                });
            }
            // A cluster that cannot answer now is not a reason to stay down; sign-ins
            // there are refused with the cluster's answer until it can.
            Err(error) => tracing::warn!(
                cluster = %name,
                %error,
                "impersonation mode: could not ask whether Lanthorn may impersonate here; sign-ins to this cluster fail until it answers"
            ),
        }
    }
    Ok(ImpersonationMode::new(
        oidc.impersonate.iter().cloned(),
        ClaimMapping {
            username_claim: oidc.username_claim.clone(),
            username_prefix: oidc.username_prefix.clone(),
            groups_claim: oidc.groups_claim.clone(),
            groups_prefix: oidc.groups_prefix.clone(),
        },
    ))
}
