//! A hostile identity provider, written for these tests (the one fake allowed: no real
//! provider signs bad tokens on request). It serves discovery, a JWKS and a token
//! endpoint whose ID token is crafted per scenario, named by the authorization code.
//! Each scenario must be refused with no session and a log line that never holds the
//! token — modelled on the OpenID relying-party conformance tests.

use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context as _, Result, ensure};
use axum::extract::{Form, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{Reply, Server, stack};

const CLIENT_ID: &str = "hostile-client";

struct Key {
    kid: String,
    private_pem: String,
    public_pem: String,
    jwk: Value,
}

impl Key {
    fn generate(kid: &str) -> Result<Self> {
        let pair = rcgen::KeyPair::generate()?;
        let point = pair.public_key_raw();
        ensure!(
            point.len() == 65 && point[0] == 4,
            "expected an uncompressed P-256 point"
        );
        let jwk = json!({
            "kty": "EC", "crv": "P-256", "use": "sig", "alg": "ES256", "kid": kid,
            "x": URL_SAFE_NO_PAD.encode(&point[1..33]),
            "y": URL_SAFE_NO_PAD.encode(&point[33..65]),
        });
        Ok(Self {
            kid: kid.to_owned(),
            private_pem: pair.serialize_pem(),
            public_pem: pair.public_key_pem(),
            jwk,
        })
    }

    fn sign(&self, claims: &Value, kid: Option<&str>) -> Result<String> {
        let mut header = Header::new(Algorithm::ES256);
        header.kid = kid.map(str::to_owned);
        Ok(jsonwebtoken::encode(
            &header,
            claims,
            &EncodingKey::from_ec_pem(self.private_pem.as_bytes())?,
        )?)
    }
}

struct Idp {
    issuer: String,
    /// What discovery claims the issuer is (differs only in the mismatch scenario).
    advertised_issuer: String,
    keys: Vec<Key>,
    /// How many keys the JWKS publishes (rotation adds the second later).
    published: usize,
    nonce: String,
    last_token: String,
}

type Shared = Arc<Mutex<Idp>>;

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

async fn discovery(State(idp): State<Shared>) -> Json<Value> {
    let idp = idp
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let base = &idp.issuer;
    Json(json!({
        "issuer": idp.advertised_issuer,
        "authorization_endpoint": format!("{base}/authorize"),
        "token_endpoint": format!("{base}/token"),
        "jwks_uri": format!("{base}/jwks"),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["ES256"],
    }))
}

async fn jwks(State(idp): State<Shared>) -> Json<Value> {
    let idp = idp
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let keys: Vec<Value> = idp
        .keys
        .iter()
        .take(idp.published)
        .map(|k| k.jwk.clone())
        .collect();
    Json(json!({ "keys": keys }))
}

/// The token endpoint: the authorization code names the attack.
async fn token(
    State(idp): State<Shared>,
    Form(form): Form<std::collections::HashMap<String, String>>,
) -> Json<Value> {
    let mut idp = idp
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let scenario = form.get("code").cloned().unwrap_or_default();
    let id_token = craft(&idp, &scenario).unwrap_or_else(|e| format!("craft-failed-{e}"));
    idp.last_token = id_token.clone();
    Json(
        json!({"access_token": "hostile-access", "token_type": "Bearer", "expires_in": 300, "id_token": id_token}),
    )
}

fn craft(idp: &Idp, scenario: &str) -> Result<String> {
    let t = now();
    let mut claims = json!({
        "iss": idp.issuer, "aud": CLIENT_ID, "sub": "mallory", "email": "mallory@example.com",
        "iat": t, "exp": t + 300, "nonce": idp.nonce,
    });
    let first = &idp.keys[0];
    let kid = Some(first.kid.as_str());
    match scenario {
        "wrong-iss" => claims["iss"] = json!("https://evil.example"),
        "missing-aud" => {
            claims.as_object_mut().map(|c| c.remove("aud"));
        }
        "wrong-aud" => claims["aud"] = json!("someone-else"),
        "several-aud-no-azp" => claims["aud"] = json!([CLIENT_ID, "someone-else"]),
        "missing-iat" => {
            claims.as_object_mut().map(|c| c.remove("iat"));
        }
        "expired" => {
            claims["iat"] = json!(t - 7200);
            claims["exp"] = json!(t - 3600);
        }
        "wrong-nonce" => claims["nonce"] = json!("not-the-nonce"),
        "bad-signature" => {
            let token = first.sign(&claims, kid)?;
            let (rest, signature) = token.rsplit_once('.').context("jwt")?;
            let mut sig = URL_SAFE_NO_PAD.decode(signature)?;
            sig[10] ^= 0xff;
            return Ok(format!("{rest}.{}", URL_SAFE_NO_PAD.encode(sig)));
        }
        "alg-none" => {
            let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
            let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&claims)?);
            return Ok(format!("{header}.{payload}."));
        }
        "hs256-with-public-key" => {
            let mut header = Header::new(Algorithm::HS256);
            header.kid = kid.map(str::to_owned);
            return Ok(jsonwebtoken::encode(
                &header,
                &claims,
                &EncodingKey::from_secret(first.public_pem.as_bytes())?,
            )?);
        }
        "no-kid-several-keys" => return first.sign(&claims, None),
        "rotated-key" => return idp.keys[1].sign(&claims, Some(&idp.keys[1].kid)),
        "valid" => {}
        other => anyhow::bail!("unknown scenario {other}"),
    }
    first.sign(&claims, kid)
}

async fn start_idp(advertise_other_issuer: bool) -> Result<(Shared, String)> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let issuer = format!("http://127.0.0.1:{}", listener.local_addr()?.port());
    let idp = Arc::new(Mutex::new(Idp {
        advertised_issuer: if advertise_other_issuer {
            format!("{issuer}/other")
        } else {
            issuer.clone()
        },
        issuer: issuer.clone(),
        keys: vec![Key::generate("key-1")?, Key::generate("key-2")?],
        published: 1,
        nonce: String::new(),
        last_token: String::new(),
    }));
    let app = Router::new()
        .route("/.well-known/openid-configuration", get(discovery))
        .route("/jwks", get(jwks))
        .route("/token", post(token))
        .with_state(idp.clone());
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Ok((idp, issuer))
}

async fn lanthorn_for(issuer: &str) -> Result<Server> {
    let env = stack()?;
    Server::start(
        &env,
        &[
            "--oidc-client-id",
            CLIENT_ID,
            "--oidc-client-secret",
            "s3cret",
            "--oidc-issuer-url",
            issuer,
            "--oidc-use-pkce",
        ],
    )
    .await
}

/// Starts a sign-in at Lanthorn and answers its callback with `code`; returns the reply.
async fn attempt(server: &Server, idp: &Shared, code: &str) -> Result<Reply> {
    let start = Reply::read(
        server
            .http
            .get(format!("{}/oidc?cluster=dev", server.url))
            .send()
            .await?,
    )
    .await?;
    ensure!(
        start.status == StatusCode::FOUND,
        "/oidc: {} {}",
        start.status,
        start.text
    );
    let location = url::Url::parse(start.header("location").context("Location")?)?;
    let param = |k: &str| {
        location
            .query_pairs()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.into_owned())
    };
    let (state, nonce) = (
        param("state").context("state")?,
        param("nonce").context("nonce")?,
    );
    idp.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .nonce = nonce;
    let cookie = start
        .header("set-cookie")
        .and_then(|c| c.split(';').next())
        .context("cookie")?
        .to_owned();
    let response = server
        .http
        .get(format!(
            "{}/oidc-callback?code={code}&state={state}",
            server.url
        ))
        .header("cookie", cookie)
        .send()
        .await?;
    Reply::read(response).await
}

#[tokio::test]
async fn forged_and_malformed_id_tokens_are_refused_without_a_session() -> Result<()> {
    let (idp, issuer) = start_idp(false).await?;
    let server = lanthorn_for(&issuer).await?;
    for scenario in [
        "wrong-iss",
        "missing-aud",
        "wrong-aud",
        "several-aud-no-azp",
        "missing-iat",
        "expired",
        "wrong-nonce",
        "bad-signature",
        "alg-none",
        "hs256-with-public-key",
    ] {
        let reply = attempt(&server, &idp, scenario).await?;
        // Refused by validation: either the ID token or the token response failed.
        ensure!(
            reply.text.contains("ID token is not valid")
                || reply.text.contains("refused the request"),
            "{scenario}: refused for another reason: {}",
            reply.text
        );
        ensure!(
            reply.status == StatusCode::UNAUTHORIZED,
            "{scenario}: {} {}",
            reply.status,
            reply.text
        );
        ensure!(
            reply.session_cookie().is_none(),
            "{scenario}: a session was created"
        );
        ensure!(
            !reply.text.contains("did not accept"),
            "{scenario}: the token got as far as the cluster: {}",
            reply.text
        );
        let token = idp
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .last_token
            .clone();
        ensure!(
            !token.is_empty() && !server.stderr_text().contains(&token),
            "{scenario}: the log holds the token"
        );
        ensure!(
            !server.audit_text().contains(&token),
            "{scenario}: the audit log holds the token"
        );
    }
    let refusals = server.stderr_text().matches("OIDC sign-in refused").count();
    ensure!(
        refusals >= 10,
        "expected a log line per refusal, saw {refusals}"
    );
    let config = server.call(Method::GET, "/metrics", None, None).await?;
    ensure!(
        config.text.contains("lanthorn_active_sessions 0"),
        "{}",
        config.text
    );
    Ok(())
}

#[tokio::test]
async fn a_token_without_kid_is_refused_when_the_provider_publishes_several_keys() -> Result<()> {
    let (idp, issuer) = start_idp(false).await?;
    idp.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .published = 2;
    let server = lanthorn_for(&issuer).await?;
    let reply = attempt(&server, &idp, "no-kid-several-keys").await?;
    ensure!(
        reply.status == StatusCode::UNAUTHORIZED && reply.session_cookie().is_none(),
        "{}",
        reply.text
    );
    ensure!(
        reply.text.contains("ID token is not valid"),
        "{}",
        reply.text
    );
    Ok(())
}

#[tokio::test]
async fn a_rotated_signing_key_is_fetched_again_and_accepted() -> Result<()> {
    let (idp, issuer) = start_idp(false).await?;
    let server = lanthorn_for(&issuer).await?;
    let valid = attempt(&server, &idp, "valid").await?;
    // The token validates; the stack's API server then refuses it (it trusts another
    // issuer), which proves the ID token itself passed.
    ensure!(
        valid.text.contains("did not accept the token"),
        "{}",
        valid.text
    );
    // The provider rotates: key-2 appears in the JWKS and signs from now on.
    idp.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .published = 2;
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let rotated = attempt(&server, &idp, "rotated-key").await?;
    ensure!(
        rotated.text.contains("did not accept the token"),
        "rotated key refused: {}",
        rotated.text
    );
    Ok(())
}

#[tokio::test]
async fn a_discovery_document_naming_another_issuer_is_refused() -> Result<()> {
    let (_idp, issuer) = start_idp(true).await?;
    let server = lanthorn_for(&issuer).await?;
    let start = server
        .call(Method::GET, "/oidc?cluster=dev", None, None)
        .await?;
    ensure!(
        start.status == StatusCode::BAD_GATEWAY,
        "{} {}",
        start.status,
        start.text
    );
    ensure!(
        start.text.to_lowercase().contains("issuer"),
        "{}",
        start.text
    );
    ensure!(
        start.header("set-cookie").is_none(),
        "a transaction was started"
    );
    Ok(())
}
