//! A kubeconfig for an external program (the `helm` CLI) that must act on a cluster with
//! exactly the credential the resolver chose — the same one Lanthorn's own requests carry.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use secrecy::{ExposeSecret as _, SecretString};
use serde_json::{Map, Value, json};

use crate::{ClusterClient, ClusterError, Credential};

impl ClusterClient {
    /// A kubeconfig (JSON, which every kubeconfig reader accepts) with one context: this
    /// cluster's address, CA, TLS and proxy settings, and `credential` as a bearer token
    /// or the kubeconfig's client certificate. `None` when the credential is nothing:
    /// the program would act anonymously, which callers refuse. Keep the text in a
    /// private file; it holds the credential.
    pub async fn kubeconfig_for(
        &self,
        credential: &Credential,
    ) -> Result<Option<SecretString>, ClusterError> {
        let spec = self.spec();
        let mut user = Map::new();
        if let Some(token) = self.bearer_token(credential).await? {
            user.insert("token".into(), Value::from(token.expose_secret()));
        }
        if let (true, Some(identity)) = (credential.uses_client_certificate(), &spec.identity_pem) {
            // One PEM holds the chain and the key; readers take the blocks they need.
            let pem = Value::from(STANDARD.encode(identity.expose_secret()));
            user.insert("client-certificate-data".into(), pem.clone());
            user.insert("client-key-data".into(), pem);
        }
        if user.is_empty() {
            return Ok(None);
        }
        // The kubeconfig's own credential keeps acting as the identity its entry names.
        if credential.fallback_auth().is_some()
            && let Some(who) = &spec.impersonate
        {
            user.insert("as".into(), Value::from(who.user.as_str()));
            if let Some(uid) = &who.uid {
                user.insert("as-uid".into(), Value::from(uid.as_str()));
            }
            if !who.groups.is_empty() {
                user.insert("as-groups".into(), Value::from(who.groups.clone()));
            }
            if !who.extra.is_empty() {
                user.insert(
                    "as-user-extra".into(),
                    serde_json::to_value(&who.extra).unwrap_or_default(),
                );
            }
        }
        let mut cluster = Map::new();
        cluster.insert("server".into(), Value::from(spec.server.as_str()));
        if let Some(ca) = &spec.ca_pem {
            cluster.insert(
                "certificate-authority-data".into(),
                Value::from(STANDARD.encode(ca)),
            );
        }
        if spec.insecure {
            cluster.insert("insecure-skip-tls-verify".into(), Value::Bool(true));
        }
        if let Some(name) = &spec.tls_server_name {
            cluster.insert("tls-server-name".into(), Value::from(name.as_str()));
        }
        if let Some(proxy) = &spec.proxy_url {
            cluster.insert("proxy-url".into(), Value::from(proxy.as_str()));
        }
        let config = json!({
            "apiVersion": "v1",
            "kind": "Config",
            "clusters": [{"name": "cluster", "cluster": cluster}],
            "users": [{"name": "user", "user": user}],
            "contexts": [{"name": "lanthorn", "context": {"cluster": "cluster", "user": "user"}}],
            "current-context": "lanthorn",
        });
        Ok(Some(SecretString::from(config.to_string())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ClusterClient, Credential, Impersonation, Mode};

    #[tokio::test]
    async fn the_kubeconfig_handed_to_helm_keeps_the_contexts_as() {
        let mut spec = crate::spec::tests_support::spec_for("https://127.0.0.1:1");
        spec.impersonate = Some(Impersonation {
            user: "jane".into(),
            uid: None,
            groups: vec!["viewers".into()],
            extra: std::collections::BTreeMap::new(),
        });
        let client = ClusterClient::new(spec.clone(), std::time::Duration::from_secs(1))
            .unwrap_or_else(|e| panic!("{e}"));
        let fallback = Credential::resolve(None, None, &spec, Mode::Kubeconfig);
        let text = client
            .kubeconfig_for(&fallback)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_else(|| panic!("no kubeconfig"));
        let doc: Value = serde_json::from_str(text.expose_secret()).unwrap_or_default();
        let user = &doc["users"][0]["user"];
        assert_eq!(user["as"], "jane", "{doc}");
        assert_eq!(user["as-groups"][0], "viewers", "{doc}");
        // A user's own token is never combined with the context's `as`.
        let own = Credential::resolve(
            Some(secrecy::SecretString::from("user-token".to_owned())),
            None,
            &spec,
            Mode::Kubeconfig,
        );
        let text = client
            .kubeconfig_for(&own)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_else(|| panic!("no kubeconfig"));
        assert!(
            !text.expose_secret().contains("\"as\""),
            "{}",
            text.expose_secret()
        );
    }
}
