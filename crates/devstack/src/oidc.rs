//! Signing in at the stack's OIDC provider without a browser: the authorization-code
//! flow driven through the provider's real HTML login form.

use anyhow::{Context, Result, bail, ensure};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use reqwest::redirect::Policy;
use serde::Deserialize;
use serde_json::Value;
use sha2::{Digest, Sha256};
use url::Url;

use crate::{DevEnv, tls};

/// What the token endpoint returned, with the id_token's claims decoded.
#[derive(Deserialize)]
pub struct Tokens {
    /// The signed id_token (a JWT).
    pub id_token: String,
    /// The access token.
    pub access_token: String,
    /// The refresh token, when the provider issued one.
    pub refresh_token: Option<String>,
    /// Lifetime of the access token in seconds.
    pub expires_in: Option<u64>,
    /// Claims of the id_token (not verified here: kube-apiserver does that).
    #[serde(skip)]
    pub claims: Value,
}

impl std::fmt::Debug for Tokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tokens")
            .field("claims", &self.claims)
            .field("has_refresh_token", &self.refresh_token.is_some())
            .finish()
    }
}

/// How to run the flow.
#[derive(Debug, Clone)]
pub struct Flow {
    /// Send a PKCE S256 challenge.
    pub pkce: bool,
    /// Space-separated scopes.
    pub scopes: String,
}

impl Default for Flow {
    fn default() -> Self {
        Self {
            pkce: true,
            scopes: "openid email profile groups".into(),
        }
    }
}

#[derive(Debug, Deserialize)]
struct Discovery {
    authorization_endpoint: String,
    token_endpoint: String,
}

fn random_token() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// A client that acts like a browser at the provider (keeps cookies, follows redirects)
/// but stops at `callback`, the relying party's redirect URI.
fn browser(env: &DevEnv, callback: &str) -> Result<reqwest::Client> {
    let stop_at = callback.to_owned();
    Ok(tls::http_builder(&env.ca_pem()?, None)?
        .cookie_store(true)
        .redirect(Policy::custom(move |attempt| {
            if attempt.url().as_str().starts_with(&stop_at) {
                attempt.stop()
            } else {
                attempt.follow()
            }
        }))
        .build()?)
}

/// Signs `user` in with `password` and returns the tokens, or the reason it failed.
pub async fn login(env: &DevEnv, user: &str, password: &str, flow: &Flow) -> Result<Tokens> {
    let issuer = env.get("DEV_OIDC_ISSUER")?;
    let callback = env.get("DEV_OIDC_CALLBACK")?.to_owned();
    let browser = browser(env, &callback)?;
    let discovery: Discovery = browser
        .get(format!("{issuer}/.well-known/openid-configuration"))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await
        .context("OIDC discovery document")?;

    let (state, nonce, verifier) = (random_token()?, random_token()?, random_token()?);
    let mut auth = Url::parse(&discovery.authorization_endpoint)?;
    {
        let mut q = auth.query_pairs_mut();
        q.append_pair("response_type", "code")
            .append_pair("client_id", env.get("DEV_OIDC_CLIENT_ID")?)
            .append_pair("redirect_uri", &callback)
            .append_pair("scope", &flow.scopes)
            .append_pair("state", &state)
            .append_pair("nonce", &nonce);
        if flow.pkce {
            let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
            q.append_pair("code_challenge", &challenge)
                .append_pair("code_challenge_method", "S256");
        }
    }
    let back = sign_in_at(&browser, auth, user, password, &callback).await?;
    let param = |name: &str| {
        back.query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    };
    if let Some(error) = param("error") {
        bail!(
            "provider returned error {error}: {}",
            param("error_description").unwrap_or_default()
        );
    }
    ensure!(
        param("state").as_deref() == Some(state.as_str()),
        "state mismatch"
    );
    let code = param("code").context("callback without a code")?;

    let mut exchange = vec![
        ("grant_type", "authorization_code".to_owned()),
        ("code", code),
        ("redirect_uri", callback.clone()),
    ];
    if flow.pkce {
        exchange.push(("code_verifier", verifier));
    }
    let mut tokens = token_request(env, &discovery.token_endpoint, &exchange).await?;
    ensure!(
        tokens.claims["nonce"] == nonce.as_str(),
        "nonce mismatch in id_token"
    );
    tokens.claims["nonce"] = Value::Null;
    Ok(tokens)
}

/// Follows an authorization URL made by someone else (Lanthorn) through the provider's
/// login form as `user` and returns the URL the provider sends the browser back to
/// (which starts with `callback`, the registered redirect URI).
pub async fn authorize(
    env: &DevEnv,
    authorization_url: &str,
    user: &str,
    password: &str,
    callback: &str,
) -> Result<Url> {
    let browser = browser(env, callback)?;
    sign_in_at(
        &browser,
        Url::parse(authorization_url)?,
        user,
        password,
        callback,
    )
    .await
}

async fn sign_in_at(
    browser: &reqwest::Client,
    auth: Url,
    user: &str,
    password: &str,
    callback: &str,
) -> Result<Url> {
    let page = browser.get(auth).send().await?;
    // The provider may answer straight back to the callback (an error, or a session it
    // already has) without showing its form.
    let early = page
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .filter(|l| l.starts_with(callback))
        .map(Url::parse);
    if let Some(location) = early {
        return Ok(location?);
    }
    let page_url = page.url().clone();
    let status = page.status();
    let html = page.text().await?;
    ensure!(
        status.is_success(),
        "authorization request failed ({status}): {}",
        excerpt(&html)
    );
    let form = LoginForm::parse(&html, &page_url)?;
    let mut fields = form.hidden;
    fields.push(("username".into(), user.into()));
    fields.push(("password".into(), password.into()));
    let done = browser.post(form.action).form(&fields).send().await?;
    let location = done
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let Some(location) = location.filter(|l| l.starts_with(callback)) else {
        let status = done.status();
        bail!(
            "sign-in did not return to the callback ({status}): {}",
            excerpt(&done.text().await?)
        );
    };
    Ok(Url::parse(&location)?)
}

/// Exchanges a refresh token for new tokens.
pub async fn refresh(env: &DevEnv, refresh_token: &str) -> Result<Tokens> {
    let issuer = env.get("DEV_OIDC_ISSUER")?;
    let http = tls::http_builder(&env.ca_pem()?, None)?.build()?;
    let discovery: Discovery = http
        .get(format!("{issuer}/.well-known/openid-configuration"))
        .send()
        .await?
        .json()
        .await?;
    let form = [
        ("grant_type", "refresh_token".to_owned()),
        ("refresh_token", refresh_token.to_owned()),
    ];
    token_request(env, &discovery.token_endpoint, &form).await
}

async fn token_request(env: &DevEnv, endpoint: &str, form: &[(&str, String)]) -> Result<Tokens> {
    let http = tls::http_builder(&env.ca_pem()?, None)?.build()?;
    let resp = http
        .post(endpoint)
        .basic_auth(
            env.get("DEV_OIDC_CLIENT_ID")?,
            Some(env.get("DEV_OIDC_CLIENT_SECRET")?),
        )
        .form(form)
        .send()
        .await?;
    let status = resp.status();
    let body = resp.text().await?;
    ensure!(
        status.is_success(),
        "token endpoint answered {status}: {}",
        excerpt(&body)
    );
    let mut tokens: Tokens = serde_json::from_str(&body).context("token response")?;
    tokens.claims = decode_claims(&tokens.id_token)?;
    Ok(tokens)
}

/// The payload of a JWT, unverified.
pub fn decode_claims(jwt: &str) -> Result<Value> {
    let payload = jwt.split('.').nth(1).context("not a JWT")?;
    let bytes = URL_SAFE_NO_PAD
        .decode(payload)
        .context("JWT payload is not base64url")?;
    serde_json::from_slice(&bytes).context("JWT payload is not JSON")
}

fn excerpt(text: &str) -> String {
    text.chars().take(300).collect()
}

/// The login form of the provider's page: where it posts, and its hidden inputs.
#[derive(Debug)]
pub(crate) struct LoginForm {
    pub(crate) action: Url,
    pub(crate) hidden: Vec<(String, String)>,
}

impl LoginForm {
    pub(crate) fn parse(html: &str, base: &Url) -> Result<Self> {
        let form_start = html.find("<form").context("the page has no form")?;
        let form_tag = &html[form_start
            ..html[form_start..]
                .find('>')
                .map_or(html.len(), |e| form_start + e)];
        let action = attr(form_tag, "action").unwrap_or_default();
        let action = base.join(&unescape(&action)).context("form action")?;
        let mut hidden = Vec::new();
        for input in html[form_start..].split("<input").skip(1) {
            let tag = &input[..input.find('>').unwrap_or(input.len())];
            if attr(tag, "type").as_deref() == Some("hidden") {
                if let (Some(name), Some(value)) = (attr(tag, "name"), attr(tag, "value")) {
                    hidden.push((unescape(&name), unescape(&value)));
                }
            }
        }
        let has = |name: &str| html.contains(&format!("name=\"{name}\""));
        ensure!(
            has("username") && has("password"),
            "the form has no username and password inputs"
        );
        Ok(Self { action, hidden })
    }
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    Some(tag[start..start + len].to_owned())
}

fn unescape(s: &str) -> String {
    s.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_action_and_hidden_inputs() -> Result<()> {
        let base = Url::parse("https://idp.test/interaction/abc")?;
        let html = r#"<html><form method="post" action="/interaction/abc/login?x=1&amp;y=2">
            <input type="hidden" name="csrf" value="t0k">
            <input name="username"><input type="password" name="password"></form>"#;
        let form = LoginForm::parse(html, &base)?;
        assert_eq!(
            form.action.as_str(),
            "https://idp.test/interaction/abc/login?x=1&y=2"
        );
        assert_eq!(form.hidden, vec![("csrf".to_owned(), "t0k".to_owned())]);
        Ok(())
    }

    #[test]
    fn refuses_a_page_without_credentials_inputs() -> Result<()> {
        let base = Url::parse("https://idp.test/")?;
        assert!(LoginForm::parse("<form action=\"/x\"><input name=\"q\"></form>", &base).is_err());
        assert!(LoginForm::parse("<p>no form</p>", &base).is_err());
        Ok(())
    }

    #[test]
    fn decodes_jwt_claims() -> Result<()> {
        let payload = URL_SAFE_NO_PAD.encode(br#"{"email":"a@b.c","groups":["g"]}"#);
        let claims = decode_claims(&format!("h.{payload}.s"))?;
        assert_eq!(claims["email"], "a@b.c");
        assert!(decode_claims("nodots").is_err());
        Ok(())
    }
}
