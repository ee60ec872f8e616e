//! Impersonation mode (`--oidc-impersonate`): clusters whose API server does not trust
//! the identity provider. Lanthorn validates the user's ID token itself, maps its claims
//! to a Kubernetes user the way kube-apiserver's `--oidc-*` flags would, and talks to the
//! cluster with its own credential plus `Impersonate-*` headers naming that user. The
//! cluster's RBAC then judges the user, never Lanthorn.

use std::collections::{BTreeMap, BTreeSet};

use lanthorn_cluster::{ClusterClient, Credential, Impersonation};
use lanthorn_session::ClusterSignIn;
use serde_json::{Map, Value, json};

/// The `Impersonate-Extra-` key carrying the issuer that vouched for the user, so the
/// cluster's audit log says where the identity came from.
pub const ISSUER_EXTRA: &str = "lanthorn.dev/issuer";

/// How ID-token claims become a Kubernetes user (kube-apiserver's `--oidc-username-claim`,
/// `--oidc-username-prefix`, `--oidc-groups-claim`, `--oidc-groups-prefix`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimMapping {
    /// The claim naming the user (default `email`).
    pub username_claim: String,
    /// `None`: no prefix for `email`, otherwise the issuer and `#`, as kube-apiserver does.
    pub username_prefix: Option<String>,
    /// The claim listing the groups (default `groups`).
    pub groups_claim: String,
    /// Put before every group.
    pub groups_prefix: String,
}

impl Default for ClaimMapping {
    fn default() -> Self {
        Self {
            username_claim: "email".into(),
            username_prefix: None,
            groups_claim: "groups".into(),
            groups_prefix: String::new(),
        }
    }
}

/// A user as the claims describe them, before any request is made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappedUser {
    /// The prefixed user name.
    pub username: String,
    /// The prefixed groups, in the token's order.
    pub groups: Vec<String>,
    /// The token's `sub`, sent as `Impersonate-Uid`.
    pub uid: Option<String>,
}

impl ClaimMapping {
    /// Maps validated `claims` from `issuer`. A missing or unusable claim is an error that
    /// names the claim and the flag that chooses it; nothing falls back to another claim.
    pub fn map(&self, claims: &Map<String, Value>, issuer: &str) -> Result<MappedUser, String> {
        let claim = &self.username_claim;
        let name = match claims.get(claim) {
            Some(Value::String(name)) if !name.is_empty() => name,
            Some(Value::String(_)) | None => {
                return Err(format!(
                    "the ID token has no {claim:?} claim, which names the user on this cluster (--oidc-username-claim); ask the provider to include it, or choose another claim"
                ));
            }
            Some(other) => {
                return Err(format!(
                    "the ID token's {claim:?} claim is {}, not a string (--oidc-username-claim)",
                    json_kind(other)
                ));
            }
        };
        if claim == "email" && claims.get("email_verified") == Some(&Value::Bool(false)) {
            return Err(
                "the ID token's email is not verified (email_verified is false), so it cannot name the user".into(),
            );
        }
        let prefix = match &self.username_prefix {
            Some(prefix) => prefix.clone(),
            None if claim == "email" => String::new(),
            None => format!("{issuer}#"),
        };
        let groups_claim = &self.groups_claim;
        let groups = match claims.get(groups_claim) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::String(one)) => vec![one.clone()],
            Some(Value::Array(items)) => items
                .iter()
                .map(|item| match item {
                    Value::String(group) => Ok(group.clone()),
                    other => Err(format!(
                        "the ID token's {groups_claim:?} claim holds {}, not only strings (--oidc-groups-claim)",
                        json_kind(other)
                    )),
                })
                .collect::<Result<_, _>>()?,
            Some(other) => {
                return Err(format!(
                    "the ID token's {groups_claim:?} claim is {}, not a list of groups (--oidc-groups-claim)",
                    json_kind(other)
                ));
            }
        };
        let user = MappedUser {
            username: format!("{prefix}{name}"),
            groups: groups
                .into_iter()
                .map(|group| format!("{}{group}", self.groups_prefix))
                .collect(),
            uid: claims.get("sub").and_then(Value::as_str).map(str::to_owned),
        };
        let headers = acting_as(&user.username, &user.groups, user.uid.as_deref(), issuer);
        headers.validate().map_err(|problem| {
            format!("the ID token names a user Kubernetes cannot be told about: {problem}")
        })?;
        Ok(user)
    }
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// The `Impersonate-*` headers for a user.
fn acting_as(username: &str, groups: &[String], uid: Option<&str>, issuer: &str) -> Impersonation {
    Impersonation {
        user: username.to_owned(),
        uid: uid.map(str::to_owned),
        groups: groups.to_vec(),
        extra: BTreeMap::from([(ISSUER_EXTRA.to_owned(), vec![issuer.to_owned()])]),
    }
}

/// Which clusters are reached by impersonation, and how claims are mapped there.
#[derive(Debug, Clone, Default)]
pub struct ImpersonationMode {
    clusters: BTreeSet<String>,
    mapping: ClaimMapping,
}

impl ImpersonationMode {
    /// Impersonation on `clusters` with `mapping`.
    pub fn new(clusters: impl IntoIterator<Item = String>, mapping: ClaimMapping) -> Self {
        Self {
            clusters: clusters.into_iter().collect(),
            mapping,
        }
    }

    /// True when `cluster` is reached by impersonation.
    pub fn covers(&self, cluster: &str) -> bool {
        self.clusters.contains(cluster)
    }

    /// The claim mapping.
    pub fn mapping(&self) -> &ClaimMapping {
        &self.mapping
    }

    /// The clusters, in name order.
    pub fn clusters(&self) -> impl Iterator<Item = &str> {
        self.clusters.iter().map(String::as_str)
    }
}

/// The credential for an impersonated sign-in on `client`'s cluster: Lanthorn's own, as
/// the signed-in user.
pub fn credential(client: &ClusterClient, sign_in: &ClusterSignIn, issuer: &str) -> Credential {
    Credential::impersonating(
        client.spec(),
        acting_as(
            &sign_in.username,
            &sign_in.groups,
            sign_in.uid.as_deref(),
            issuer,
        ),
    )
}

/// The credential for a user just mapped from their claims.
pub fn credential_for(client: &ClusterClient, user: &MappedUser, issuer: &str) -> Credential {
    Credential::impersonating(
        client.spec(),
        acting_as(&user.username, &user.groups, user.uid.as_deref(), issuer),
    )
}

/// What impersonation needs: `(API group, resource, subresource)`, as the chart's
/// ClusterRole grants it.
pub const NEEDED: [(&str, &str, &str); 4] = [
    ("", "users", ""),
    ("", "groups", ""),
    ("authentication.k8s.io", "uids", ""),
    ("authentication.k8s.io", "userextras", ISSUER_EXTRA),
];

/// Asks the cluster (SelfSubjectAccessReviews, with Lanthorn's own credential in `mode`)
/// whether it may impersonate every part of a user. `Ok(missing)` lists what it may not,
/// by name; `Err` when the cluster could not answer.
pub async fn missing_permissions(
    client: &ClusterClient,
    mode: lanthorn_cluster::Mode,
) -> Result<Vec<String>, String> {
    let credential = &Credential::own(client.spec(), mode);
    let mut missing = Vec::new();
    for (group, resource, subresource) in NEEDED {
        let attributes = json!({
            "verb": "impersonate",
            "group": group,
            "resource": resource,
            "subresource": subresource,
        });
        let allowed = client
            .may(credential, attributes)
            .await
            .map_err(|error| error.to_string())?;
        if !allowed {
            missing.push(if subresource.is_empty() {
                resource.to_owned()
            } else {
                format!("{resource}/{subresource}")
            });
        }
    }
    Ok(missing)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }

    const ISSUER: &str = "https://idp.example.com";

    /// The refusal for `token`, or an error when it mapped.
    fn refusal(mapping: &ClaimMapping, token: Value) -> Result<String, String> {
        match mapping.map(&claims(token), ISSUER) {
            Ok(user) => Err(format!("mapped to {user:?}")),
            Err(reason) => Ok(reason),
        }
    }

    #[test]
    fn email_and_groups_map_as_kube_apiserver_would() -> Result<(), String> {
        let user = ClaimMapping::default().map(
            &claims(json!({"sub": "42", "email": "jane@example.com", "email_verified": true, "groups": ["devs", "ops"]})),
            ISSUER,
        )?;
        assert_eq!(user.username, "jane@example.com");
        assert_eq!(user.groups, ["devs", "ops"]);
        assert_eq!(user.uid.as_deref(), Some("42"));
        Ok(())
    }

    #[test]
    fn prefixes_follow_the_flags_and_the_default_for_other_claims() -> Result<(), String> {
        let token = claims(json!({"sub": "42", "groups": "devs"}));
        let by_sub = ClaimMapping {
            username_claim: "sub".into(),
            ..ClaimMapping::default()
        };
        let user = by_sub.map(&token, ISSUER)?;
        assert_eq!(user.username, "https://idp.example.com#42");
        assert_eq!(user.groups, ["devs"], "a single group as a string");
        let prefixed = ClaimMapping {
            username_claim: "sub".into(),
            username_prefix: Some("idp:".into()),
            groups_prefix: "idp:".into(),
            ..ClaimMapping::default()
        };
        let user = prefixed.map(&token, ISSUER)?;
        assert_eq!(user.username, "idp:42");
        assert_eq!(user.groups, ["idp:devs"]);
        Ok(())
    }

    #[test]
    fn unusable_claims_are_refused_by_name() -> Result<(), String> {
        let mapping = ClaimMapping::default();
        let missing = refusal(&mapping, json!({"sub": "42"}))?;
        assert!(
            missing.contains("\"email\"") && missing.contains("--oidc-username-claim"),
            "{missing}"
        );
        let number = refusal(&mapping, json!({"email": 7}))?;
        assert!(number.contains("a number"), "{number}");
        let unverified = refusal(&mapping, json!({"email": "a@b", "email_verified": false}))?;
        assert!(unverified.contains("not verified"), "{unverified}");
        let groups = refusal(&mapping, json!({"email": "a@b", "groups": {"a": 1}}))?;
        assert!(
            groups.contains("not a list") && groups.contains("--oidc-groups-claim"),
            "{groups}"
        );
        let mixed = refusal(&mapping, json!({"email": "a@b", "groups": ["ok", 3]}))?;
        assert!(mixed.contains("not only strings"), "{mixed}");
        // A line break cannot travel in a header.
        let header = refusal(&mapping, json!({"email": "a@b\r\nx: y"}))?;
        assert!(header.contains("cannot"), "{header}");
        Ok(())
    }

    #[test]
    fn the_mode_covers_only_the_named_clusters() {
        let mode = ImpersonationMode::new(["dev2".to_owned()], ClaimMapping::default());
        assert!(mode.covers("dev2"));
        assert!(!mode.covers("dev"));
        assert!(!ImpersonationMode::default().covers("dev2"));
    }
}
