//! The one credential resolver. Every route that talks to a cluster asks it which
//! credential a request carries, so none can fall back to an identity by accident.

use secrecy::SecretString;

use crate::{ClusterError, ClusterSpec, Impersonation, KubeconfigAuth};

/// How Lanthorn was started, which decides the fallback when a request brings no user
/// credential.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Running against kubeconfig files: the kubeconfig's own credential is the fallback.
    Kubeconfig,
    /// Running in a pod: no fallback, unless the operator explicitly allowed the pod's
    /// ServiceAccount (`--unsafe-use-service-account-token`).
    InCluster {
        /// `--unsafe-use-service-account-token`.
        unsafe_use_service_account_token: bool,
    },
}

/// Where a request's credential came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum CredentialSource {
    /// The signed-in user's session for this cluster.
    Session,
    /// An `Authorization: Bearer` header sent by an API client.
    BearerHeader,
    /// The kubeconfig's credential (kubeconfig mode).
    Kubeconfig,
    /// The pod's ServiceAccount (in-cluster, explicitly allowed).
    ServiceAccount,
    /// Lanthorn's own credential for the cluster (kubeconfig or pod ServiceAccount) acting
    /// as the signed-in user through `Impersonate-*` headers (impersonation mode).
    Impersonated,
    /// Nothing: the cluster sees an anonymous request.
    None,
}

impl CredentialSource {
    /// The name, as in JSON answers and the audit log (`session`, `bearerHeader`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Session => "session",
            Self::BearerHeader => "bearerHeader",
            Self::Kubeconfig => "kubeconfig",
            Self::ServiceAccount => "serviceAccount",
            Self::Impersonated => "impersonated",
            Self::None => "none",
        }
    }
}

/// The credential one request carries to one cluster.
#[derive(Debug, Clone)]
pub struct Credential {
    source: CredentialSource,
    bearer: Option<SecretString>,
    auth: Option<KubeconfigAuth>,
    acting_as: Option<Impersonation>,
}

impl Credential {
    /// Chooses the credential: the session's token for this cluster, then a bearer token
    /// the client sent, then (kubeconfig mode) the kubeconfig's credential, and otherwise
    /// none — in-cluster only the explicit unsafe switch adds the pod's ServiceAccount.
    pub fn resolve(
        session_token: Option<SecretString>,
        bearer_header: Option<SecretString>,
        spec: &ClusterSpec,
        mode: Mode,
    ) -> Self {
        if let Some(token) = session_token {
            return Self::user(CredentialSource::Session, token);
        }
        if let Some(token) = bearer_header {
            return Self::user(CredentialSource::BearerHeader, token);
        }
        match mode {
            // A context without any credential sends none.
            Mode::Kubeconfig
                if matches!(spec.auth, KubeconfigAuth::None) && spec.identity_pem.is_none() =>
            {
                Self::none()
            }
            Mode::Kubeconfig => Self {
                source: CredentialSource::Kubeconfig,
                bearer: None,
                auth: Some(spec.auth.clone()),
                acting_as: None,
            },
            Mode::InCluster {
                unsafe_use_service_account_token: true,
            } => Self {
                source: CredentialSource::ServiceAccount,
                bearer: None,
                auth: Some(spec.auth.clone()),
                acting_as: None,
            },
            Mode::InCluster { .. } => Self::none(),
        }
    }

    /// A token someone is signing in with, sent alone so the cluster judges that token
    /// and nothing else (no kubeconfig fallback, no impersonation). It becomes a session's
    /// credential only once the cluster has accepted it.
    pub fn signing_in(token: SecretString) -> Self {
        Self::user(CredentialSource::Session, token)
    }

    fn user(source: CredentialSource, token: SecretString) -> Self {
        Self {
            source,
            bearer: Some(token),
            auth: None,
            acting_as: None,
        }
    }

    /// Lanthorn's own credential for the cluster (whatever its kubeconfig entry or the
    /// pod's ServiceAccount holds), acting as `who` and nothing else: every request carries
    /// `who` as `Impersonate-*` headers, replacing any the kubeconfig names or a client
    /// sent. Only for a user whose sign-in Lanthorn validated itself.
    pub fn impersonating(spec: &ClusterSpec, who: Impersonation) -> Self {
        Self {
            source: CredentialSource::Impersonated,
            bearer: None,
            auth: Some(spec.auth.clone()),
            acting_as: Some(who),
        }
    }

    /// Lanthorn's own credential for the cluster (the kubeconfig's, or the pod's
    /// ServiceAccount in-cluster), acting as itself: only for Lanthorn's own questions
    /// (may it impersonate?), never for a user's request.
    pub fn own(spec: &ClusterSpec, mode: Mode) -> Self {
        Self {
            source: match mode {
                Mode::Kubeconfig => CredentialSource::Kubeconfig,
                Mode::InCluster { .. } => CredentialSource::ServiceAccount,
            },
            bearer: None,
            auth: Some(spec.auth.clone()),
            acting_as: None,
        }
    }

    /// No credential at all.
    pub fn none() -> Self {
        Self {
            source: CredentialSource::None,
            bearer: None,
            auth: None,
            acting_as: None,
        }
    }

    /// Who the cluster is asked to treat the request as, in impersonation mode.
    pub fn acting_as(&self) -> Option<&Impersonation> {
        self.acting_as.as_ref()
    }

    /// Where it came from.
    pub fn source(&self) -> CredentialSource {
        self.source
    }

    /// True when the credential is the requesting user's own (session or bearer header),
    /// the only case in which client-sent `Impersonate-*` headers may pass.
    pub fn is_users_own(&self) -> bool {
        matches!(
            self.source,
            CredentialSource::Session | CredentialSource::BearerHeader
        )
    }

    /// True when requests should present the kubeconfig's client certificate.
    pub(crate) fn uses_client_certificate(&self) -> bool {
        matches!(
            self.source,
            CredentialSource::Kubeconfig | CredentialSource::Impersonated
        )
    }

    /// The static user token, when the credential is one.
    pub(crate) fn user_token(&self) -> Option<&SecretString> {
        self.bearer.as_ref()
    }

    /// The kubeconfig / ServiceAccount credential, when the credential is one.
    pub(crate) fn fallback_auth(&self) -> Option<&KubeconfigAuth> {
        self.auth.as_ref()
    }
}

/// Reads a token file, trimmed; an empty file is an error.
pub(crate) async fn read_token_file(path: &std::path::Path) -> Result<SecretString, ClusterError> {
    let text = tokio::fs::read_to_string(path)
        .await
        .map_err(|source| ClusterError::ReadFile {
            what: "token file",
            path: path.to_owned(),
            source,
        })?;
    Ok(SecretString::from(text.trim().to_owned()))
}

#[cfg(test)]
mod tests {

    #[test]
    fn source_names_are_the_json_names() {
        for source in [
            CredentialSource::Session,
            CredentialSource::BearerHeader,
            CredentialSource::Kubeconfig,
            CredentialSource::ServiceAccount,
            CredentialSource::Impersonated,
            CredentialSource::None,
        ] {
            assert_eq!(
                serde_json::to_value(source).ok(),
                Some(serde_json::Value::from(source.as_str()))
            );
        }
    }

    use super::*;

    fn spec() -> ClusterSpec {
        crate::spec::tests_support::spec_for("https://127.0.0.1:1")
    }

    fn token(t: &str) -> Option<SecretString> {
        Some(SecretString::from(t.to_owned()))
    }

    #[test]
    fn the_session_wins_over_everything() {
        let c = Credential::resolve(token("s"), token("h"), &spec(), Mode::Kubeconfig);
        assert_eq!(c.source(), CredentialSource::Session);
        assert!(c.is_users_own());
    }

    #[test]
    fn a_bearer_header_comes_next() {
        let c = Credential::resolve(None, token("h"), &spec(), Mode::Kubeconfig);
        assert_eq!(c.source(), CredentialSource::BearerHeader);
    }

    #[test]
    fn kubeconfig_mode_falls_back_to_the_kubeconfig() {
        let c = Credential::resolve(None, None, &spec(), Mode::Kubeconfig);
        assert_eq!(c.source(), CredentialSource::Kubeconfig);
        assert!(!c.is_users_own());
    }

    #[test]
    fn a_context_without_credentials_sends_none() {
        let mut bare = spec();
        bare.auth = KubeconfigAuth::None;
        let c = Credential::resolve(None, None, &bare, Mode::Kubeconfig);
        assert_eq!(c.source(), CredentialSource::None);
    }

    #[test]
    fn impersonating_uses_the_clusters_own_credential_as_the_user() {
        let who = Impersonation {
            user: "jane@example.com".into(),
            groups: vec!["devs".into()],
            ..Impersonation::default()
        };
        let c = Credential::impersonating(&spec(), who.clone());
        assert_eq!(c.source(), CredentialSource::Impersonated);
        assert!(
            !c.is_users_own(),
            "client Impersonate-* headers must stay refused"
        );
        assert!(c.user_token().is_none() && c.fallback_auth().is_some());
        assert_eq!(c.acting_as(), Some(&who));
        assert!(
            Credential::resolve(None, None, &spec(), Mode::Kubeconfig)
                .acting_as()
                .is_none()
        );
    }

    #[test]
    fn in_cluster_never_falls_back_to_the_service_account_unless_allowed() {
        let safe = Mode::InCluster {
            unsafe_use_service_account_token: false,
        };
        let c = Credential::resolve(None, None, &spec(), safe);
        assert_eq!(c.source(), CredentialSource::None);
        assert!(c.fallback_auth().is_none() && c.user_token().is_none());
        let allowed = Mode::InCluster {
            unsafe_use_service_account_token: true,
        };
        let c = Credential::resolve(None, None, &spec(), allowed);
        assert_eq!(c.source(), CredentialSource::ServiceAccount);
    }
}
