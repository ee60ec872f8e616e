//! OIDC providers named by kubeconfig contexts (`auth-provider: oidc`): each such cluster
//! signs its users in at its own issuer with its own client, as kubectl's plugin did.

use std::collections::BTreeMap;
use std::sync::Arc;

use lanthorn_oidc::{HttpClient, Provider, ProviderSettings};

use crate::Clusters;

/// One provider per cluster whose kubeconfig entry names an issuer and a client id.
/// PKCE follows `--oidc-use-pkce` when server-wide OIDC is configured, and is on
/// otherwise. An entry whose CA cannot be used is skipped with a warning.
pub fn from_kubeconfigs(
    clusters: &Clusters,
    use_pkce: Option<bool>,
) -> BTreeMap<String, Arc<Provider>> {
    let mut providers = BTreeMap::new();
    for client in clusters.iter() {
        let name = client.spec().name.to_string();
        let Some(oidc) = clusters.kubeconfig_oidc(&name) else {
            continue;
        };
        let http = match HttpClient::new(oidc.ca_pem.as_deref()) {
            Ok(http) => http,
            Err(error) => {
                tracing::warn!(cluster = %name, %error, "kubeconfig OIDC settings unusable; OIDC sign-in is off for this cluster");
                continue;
            }
        };
        let mut scopes = vec!["profile".to_owned(), "email".to_owned()];
        scopes.extend(oidc.extra_scopes.iter().cloned());
        let settings = ProviderSettings {
            issuer_url: oidc.issuer_url.clone().unwrap_or_default(),
            client_id: oidc.client_id.clone().unwrap_or_default(),
            client_secret: oidc.client_secret.clone(),
            scopes,
            use_pkce,
            use_access_token: false,
        };
        providers.insert(name, Arc::new(Provider::new(settings, http)));
    }
    providers
}
