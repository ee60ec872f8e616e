//! From a kubeconfig's raw entries (a context's cluster and user) to a [`ClusterSpec`]:
//! certificates and keys from `*-data` or files, the user's credential, `as`/`as-groups`,
//! exec settings. Kept apart from the file model so `spec` knows nothing of kubeconfigs.

use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use secrecy::SecretString;
use url::Url;

use super::{RawCluster, RawExec, RawUser};
use crate::impersonation::Impersonation;
use crate::spec::{ClusterSpec, ExecSpec, KubeconfigAuth, OidcProviderConfig, Origin, read};
use crate::{ClusterError, ClusterName};

fn data_or_file(
    what: &'static str,
    data: Option<&String>,
    file: Option<&PathBuf>,
    dir: &Path,
) -> Result<Option<Vec<u8>>, ClusterError> {
    if let Some(data) = data {
        let bytes = STANDARD
            .decode(data.trim())
            .map_err(|_| ClusterError::NotBase64 { what })?;
        return Ok(Some(bytes));
    }
    match file {
        Some(f) => Ok(Some(read(what, &dir.join(f))?)),
        None => Ok(None),
    }
}

pub(crate) fn spec_from_context(
    name: &str,
    file: &Path,
    cluster: &RawCluster,
    cluster_dir: &Path,
    user: Option<&(RawUser, PathBuf)>,
) -> Result<ClusterSpec, ClusterError> {
    let bad = |reason: String| ClusterError::BadContext {
        path: file.to_owned(),
        context: name.to_owned(),
        reason,
    };
    let server = Url::parse(&cluster.server)
        .map_err(|e| bad(format!("server {:?} is not a URL: {e}", cluster.server)))?;
    let proxy_url = match &cluster.proxy_url {
        Some(p) => Some(Url::parse(p).map_err(|e| bad(format!("proxy-url is not a URL: {e}")))?),
        None => None,
    };
    let ca_pem = data_or_file(
        "certificate-authority",
        cluster.ca_data.as_ref(),
        cluster.ca_file.as_ref(),
        cluster_dir,
    )
    .map_err(|e| bad(e.to_string()))?;
    let (identity_pem, auth) = match user {
        Some((user, dir)) => user_credential(user, dir).map_err(|e| bad(e.to_string()))?,
        None => (None, KubeconfigAuth::None),
    };
    let impersonate = match user {
        Some((user, _)) => impersonation(user).map_err(bad)?,
        None => None,
    };
    Ok(ClusterSpec {
        name: ClusterName::new(name)?,
        server,
        ca_pem,
        insecure: cluster.insecure,
        tls_server_name: cluster.tls_server_name.clone(),
        proxy_url,
        identity_pem,
        auth,
        impersonate,
        origin: Origin::Kubeconfig {
            file: file.to_owned(),
        },
    })
}

/// The user entry's `as` family, checked.
fn impersonation(user: &RawUser) -> Result<Option<Impersonation>, String> {
    let given = user.act_as.is_some()
        || user.act_as_uid.is_some()
        || !user.act_as_groups.is_empty()
        || !user.act_as_extra.is_empty();
    if !given {
        return Ok(None);
    }
    let who = Impersonation {
        user: user.act_as.clone().unwrap_or_default(),
        uid: user.act_as_uid.clone().filter(|u| !u.is_empty()),
        groups: user.act_as_groups.clone(),
        extra: user.act_as_extra.clone(),
    };
    who.validate()?;
    Ok(Some(who))
}

fn user_credential(
    user: &RawUser,
    dir: &Path,
) -> Result<(Option<SecretString>, KubeconfigAuth), ClusterError> {
    if user.username.is_some() || user.password.is_some() {
        return Err(ClusterError::Unsupported(
            "basic authentication (username/password) is not supported: Kubernetes removed it in v1.19; use a token, a client certificate or an exec plugin".into(),
        ));
    }
    let cert = data_or_file(
        "client-certificate",
        user.cert_data.as_ref(),
        user.cert_file.as_ref(),
        dir,
    )?;
    let key = data_or_file(
        "client-key",
        user.key_data.as_ref(),
        user.key_file.as_ref(),
        dir,
    )?;
    let identity_pem = match (cert, key) {
        (Some(mut cert), Some(key)) => {
            cert.push(b'\n');
            cert.extend(key);
            Some(SecretString::from(
                String::from_utf8_lossy(&cert).into_owned(),
            ))
        }
        _ => None,
    };
    let auth = if let Some(token) = user.token.as_ref().filter(|t| !t.is_empty()) {
        KubeconfigAuth::Token(SecretString::from(token.clone()))
    } else if let Some(file) = &user.token_file {
        KubeconfigAuth::TokenFile(dir.join(file))
    } else if let Some(exec) = &user.exec {
        KubeconfigAuth::Exec(exec_spec(exec, dir))
    } else if let Some(provider) = user.auth_provider.as_ref().filter(|p| p.name == "oidc") {
        let get = |k: &str| provider.config.get(k).filter(|v| !v.is_empty()).cloned();
        let ca_pem = data_or_file(
            "idp-certificate-authority",
            get("idp-certificate-authority-data").as_ref(),
            get("idp-certificate-authority").map(PathBuf::from).as_ref(),
            dir,
        )?;
        KubeconfigAuth::OidcProvider(Box::new(OidcProviderConfig {
            id_token: get("id-token").map(SecretString::from),
            issuer_url: get("idp-issuer-url"),
            client_id: get("client-id"),
            client_secret: get("client-secret").map(SecretString::from),
            extra_scopes: get("extra-scopes")
                .map(|s| {
                    s.split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default(),
            ca_pem,
        }))
    } else {
        KubeconfigAuth::None
    };
    Ok((identity_pem, auth))
}

fn exec_spec(exec: &RawExec, dir: &Path) -> ExecSpec {
    ExecSpec {
        command: exec.command.clone(),
        args: exec.args.clone(),
        env: exec
            .env
            .iter()
            .map(|e| (e.name.clone(), e.value.clone()))
            .collect(),
        api_version: exec.api_version.clone(),
        dir: dir.to_owned(),
    }
}
