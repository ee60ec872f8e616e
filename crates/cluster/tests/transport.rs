//! The request path below the server, with a **fake API server behind the `Transport`**
//! (a `tower::service_fn`, no socket): what each credential puts on the wire, and how
//! typed calls read answers and keep a refusal as the cluster's own `Status`.

use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http::{Request, Response, StatusCode};
use http_body_util::{BodyExt as _, Full};
use lanthorn_cluster::{
    CallError, ClusterClient, ClusterError, ClusterResponse, ClusterSpec, Credential, Mode,
    Transport, UpstreamBody, load_kubeconfigs,
};
use secrecy::SecretString;
use serde_json::{Value, json};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// What the fake saw of one request.
#[derive(Debug, Clone)]
struct Seen {
    method: String,
    uri: String,
    headers: Vec<(String, String)>,
    body: String,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A fake API server: records each request, answers with `answer(path)`.
fn fake(answer: fn(&str) -> (StatusCode, Value)) -> (Transport, Arc<Mutex<Vec<Seen>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let service = tower::service_fn(move |request: Request<UpstreamBody>| {
        let log = Arc::clone(&log);
        async move {
            let (parts, body) = request.into_parts();
            let body = body
                .collect()
                .await
                .map(|b| b.to_bytes())
                .unwrap_or_default();
            let (status, json) = answer(parts.uri.path());
            log.lock().unwrap_or_else(|e| e.into_inner()).push(Seen {
                method: parts.method.to_string(),
                uri: parts.uri.to_string(),
                headers: parts
                    .headers
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("?").to_owned()))
                    .collect(),
                body: String::from_utf8_lossy(&body).into_owned(),
            });
            let body: UpstreamBody = Full::new(Bytes::from(json.to_string()))
                .map_err(|never| match never {})
                .boxed_unsync();
            Ok::<ClusterResponse, ClusterError>(
                Response::builder()
                    .status(status)
                    .body(body)
                    .unwrap_or_else(|_| Response::new(empty())),
            )
        }
    });
    (Transport::new(service), seen)
}

fn empty() -> UpstreamBody {
    http_body_util::Empty::new()
        .map_err(|never| match never {})
        .boxed_unsync()
}

/// The contexts of a kubeconfig: `token` (a token of its own) and `acting` (a token, and
/// `as`/`as-groups` naming whom it acts as), both at a server with a path prefix.
fn specs() -> Result<(tempfile::TempDir, Vec<ClusterSpec>), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("kubeconfig");
    std::fs::write(
        &path,
        "apiVersion: v1\nkind: Config\n\
         clusters: [{name: c, cluster: {server: 'https://k8s.example/prefix/'}}]\n\
         users:\n\
         - {name: t, user: {token: kube-token}}\n\
         - {name: a, user: {token: kube-token, as: jane, as-groups: [devs, ops]}}\n\
         contexts:\n\
         - {name: token, context: {cluster: c, user: t}}\n\
         - {name: acting, context: {cluster: c, user: a}}\n\
         current-context: token\n",
    )?;
    let specs = load_kubeconfigs(&[path])?
        .into_iter()
        .collect::<Result<Vec<_>, _>>()?;
    Ok((dir, specs))
}

fn spec<'a>(specs: &'a [ClusterSpec], name: &str) -> &'a ClusterSpec {
    specs
        .iter()
        .find(|s| s.name.as_str() == name)
        .unwrap_or_else(|| panic!("no context {name}"))
}

fn ok_echo(_: &str) -> (StatusCode, Value) {
    (StatusCode::OK, json!({"kind": "Answer", "items": [1, 2]}))
}

#[tokio::test]
async fn each_credential_puts_exactly_its_identity_on_the_wire() -> TestResult {
    let (_dir, specs) = specs()?;
    let (transport, seen) = fake(ok_echo);
    let client = ClusterClient::with_transport(spec(&specs, "acting").clone(), transport)?;
    let user = SecretString::from("users-own".to_owned());
    let as_user = Credential::resolve(Some(user), None, client.spec(), Mode::Kubeconfig);
    let as_kubeconfig = Credential::resolve(None, None, client.spec(), Mode::Kubeconfig);
    let as_nobody = Credential::none();
    for credential in [&as_user, &as_kubeconfig, &as_nobody] {
        let request = Request::get("/api/v1/pods")
            .header("authorization", "Bearer smuggled")
            .header("host", "evil.example")
            .body(empty())?;
        client.send(request, credential).await?;
    }
    let seen = seen.lock().unwrap_or_else(|e| e.into_inner()).clone();
    assert_eq!(seen.len(), 3);
    assert!(
        seen.iter()
            .all(|s| s.uri == "https://k8s.example/prefix/api/v1/pods")
    );
    assert!(seen.iter().all(|s| s.header("host").is_none()));
    // The user's own token, and nobody else's identity with it.
    assert_eq!(seen[0].header("authorization"), Some("Bearer users-own"));
    assert_eq!(seen[0].header("impersonate-user"), None);
    // The kubeconfig's token acts as whom its user entry names.
    assert_eq!(seen[1].header("authorization"), Some("Bearer kube-token"));
    assert_eq!(seen[1].header("impersonate-user"), Some("jane"));
    let groups: Vec<&str> = seen[1]
        .headers
        .iter()
        .filter(|(k, _)| k == "impersonate-group")
        .map(|(_, v)| v.as_str())
        .collect();
    assert_eq!(groups, ["devs", "ops"]);
    // No credential: nothing at all, not the smuggled header.
    assert_eq!(seen[2].header("authorization"), None);
    assert_eq!(seen[2].header("impersonate-user"), None);
    Ok(())
}

fn refuses_reviews(path: &str) -> (StatusCode, Value) {
    if path.contains("selfsubjectaccessreviews") {
        return (
            StatusCode::CREATED,
            json!({"status": {"allowed": path.contains("never")}}),
        );
    }
    if path.contains("selfsubjectreviews") {
        return (
            StatusCode::CREATED,
            json!({"status": {"userInfo": {"username": "jane", "groups": ["devs"]}}}),
        );
    }
    if path.contains("secret") {
        return (
            StatusCode::FORBIDDEN,
            json!({"kind": "Status", "reason": "Forbidden", "code": 403}),
        );
    }
    (StatusCode::OK, json!({"not": "what the call expects"}))
}

#[tokio::test]
async fn typed_calls_decode_answers_and_keep_refusals_as_the_clusters_status() -> TestResult {
    let (_dir, specs) = specs()?;
    let (transport, seen) = fake(refuses_reviews);
    let client = ClusterClient::with_transport(spec(&specs, "token").clone(), transport)?;
    let credential = Credential::resolve(None, None, client.spec(), Mode::Kubeconfig);

    let user = client.review_self(&credential).await?;
    assert_eq!((user.username.as_str(), user.groups.len()), ("jane", 1));
    assert!(!client.may(&credential, json!({"verb": "get"})).await?);

    let refused = client
        .get_json::<Value>("/api/v1/namespaces/demo/secrets", &credential)
        .await;
    match refused {
        Err(CallError::Status { status, body }) => {
            assert_eq!(status, StatusCode::FORBIDDEN);
            let body: Value = serde_json::from_slice(&body)?;
            assert_eq!(body["reason"], "Forbidden");
        }
        other => panic!("expected the cluster's Status, got {other:?}"),
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Wanted {
        items: Vec<String>,
    }
    let odd = client.get_json::<Wanted>("/api/v1/pods", &credential).await;
    assert!(matches!(odd, Err(CallError::Unexpected(_))), "{odd:?}");

    let seen = seen.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let review = &seen[1];
    assert_eq!(review.method, "POST");
    let sent: Value = serde_json::from_str(&review.body)?;
    assert_eq!(sent["kind"], "SelfSubjectAccessReview");
    assert_eq!(sent["spec"]["resourceAttributes"]["verb"], "get");
    assert_eq!(review.header("content-type"), Some("application/json"));
    Ok(())
}
