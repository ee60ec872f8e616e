//! A small HTTP client for kube-apiserver: JSON in, status and JSON out.

use anyhow::{Context, Result};
use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::{DevEnv, Kubeconfig, tls};

/// Talks to one API server as one identity (client certificate or bearer token).
#[derive(Debug, Clone)]
pub struct KubeClient {
    http: reqwest::Client,
    server: String,
    token: Option<String>,
}

impl KubeClient {
    /// A client for the current context of a kubeconfig file.
    pub fn from_kubeconfig(path: &str) -> Result<Self> {
        let kc = Kubeconfig::load(path)?;
        let ca = kc
            .ca_pem
            .as_deref()
            .context("the kubeconfig has no certificate-authority-data")?;
        let http = tls::http_builder(ca, kc.identity_pem.as_deref())?.build()?;
        Ok(Self {
            http,
            server: kc.server,
            token: kc.token,
        })
    }

    /// A client for the stack's API server that presents `token` as its bearer.
    pub fn with_token(env: &DevEnv, token: &str) -> Result<Self> {
        let http = tls::http_builder(&env.ca_pem()?, None)?.build()?;
        Ok(Self {
            http,
            server: env.get("DEV_APISERVER")?.to_owned(),
            token: Some(token.to_owned()),
        })
    }

    /// A client for the stack's API server with the admin kubeconfig.
    pub fn admin(env: &DevEnv) -> Result<Self> {
        Self::from_kubeconfig(env.get("KUBECONFIG")?)
    }

    /// Sends `method path` with an optional JSON body; returns the status and the body
    /// (JSON when it parses, otherwise a JSON string holding the text).
    pub async fn request(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<(StatusCode, Value)> {
        let mut req = self
            .http
            .request(method.clone(), format!("{}{path}", self.server));
        if let Some(token) = &self.token {
            req = req.bearer_auth(token);
        }
        if let Some(body) = body {
            req = req.json(body);
        }
        let resp = req
            .send()
            .await
            .with_context(|| format!("{method} {path}"))?;
        let status = resp.status();
        let text = resp.text().await?;
        let value = serde_json::from_str(&text).unwrap_or(Value::String(text));
        Ok((status, value))
    }

    /// GET `path`.
    pub async fn get(&self, path: &str) -> Result<(StatusCode, Value)> {
        self.request(Method::GET, path, None).await
    }

    /// GET `path` as plain text (logs).
    pub async fn get_text(&self, path: &str) -> Result<(StatusCode, String)> {
        let mut req = self.http.get(format!("{}{path}", self.server));
        if let Some(token) = &self.token {
            req = req.bearer_auth(token);
        }
        let resp = req.send().await.with_context(|| format!("GET {path}"))?;
        Ok((resp.status(), resp.text().await?))
    }

    /// POST `body` to `path`.
    pub async fn post(&self, path: &str, body: &Value) -> Result<(StatusCode, Value)> {
        self.request(Method::POST, path, Some(body)).await
    }

    /// DELETE `path`.
    pub async fn delete(&self, path: &str) -> Result<(StatusCode, Value)> {
        self.request(Method::DELETE, path, None).await
    }

    /// Who the API server says this client is: `status.userInfo` of a SelfSubjectReview.
    pub async fn whoami(&self) -> Result<(StatusCode, Value)> {
        let review = serde_json::json!({
            "apiVersion": "authentication.k8s.io/v1",
            "kind": "SelfSubjectReview",
        });
        let (status, body) = self
            .post("/apis/authentication.k8s.io/v1/selfsubjectreviews", &review)
            .await?;
        Ok((status, body["status"]["userInfo"].clone()))
    }
}
