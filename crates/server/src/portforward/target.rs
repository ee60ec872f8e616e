//! Which pod and port a forward goes to: the pod asked for (after the cluster says the
//! caller may forward to it), or a ready pod behind the Service and the port its
//! EndpointSlices give for the Service port.

use http::StatusCode;
use lanthorn_cluster::{ClusterClient, Credential, KubeName, Namespace};
use serde_json::{Value, json};

use super::StartRequest;
use crate::error::{ApiError, Reason};

pub struct Target {
    pub namespace: Namespace,
    pub pod: KubeName,
    pub port: u16,
}

pub async fn resolve(
    client: &ClusterClient,
    credential: &Credential,
    request: &StartRequest,
) -> Result<Target, ApiError> {
    let bad = |m: String| ApiError::bad_request(Reason::BadRequest, m);
    let namespace =
        Namespace::parse("namespace", &request.namespace).map_err(|e| bad(e.to_string()))?;
    if request.port == 0 {
        return Err(bad("port must be 1 to 65535".into()));
    }
    let target = match (&request.pod, &request.service) {
        (Some(pod), None) => Target {
            pod: KubeName::parse("pod", pod).map_err(|e| bad(e.to_string()))?,
            namespace,
            port: request.port,
        },
        (None, Some(service)) => {
            let service = KubeName::parse("service", service).map_err(|e| bad(e.to_string()))?;
            through_service(client, credential, namespace, &service, request.port).await?
        }
        _ => return Err(bad("give either pod or service (a Kubernetes name)".into())),
    };
    let allowed = client
        .may(
            credential,
            json!({"verb": "create", "resource": "pods", "subresource": "portforward",
               "namespace": target.namespace, "name": target.pod}),
        )
        .await?;
    if !allowed {
        return Err(ApiError::forbidden(
            Reason::Forbidden,
            format!(
                "you may not forward ports of pod {} in {}",
                target.pod, target.namespace
            ),
        ));
    }
    Ok(target)
}

async fn through_service(
    client: &ClusterClient,
    credential: &Credential,
    namespace: Namespace,
    service: &KubeName,
    port: u16,
) -> Result<Target, ApiError> {
    // A Service or its endpoints the caller may not read: the cluster's own answer.
    let svc: Value = client
        .get_json(
            &format!("/api/v1/namespaces/{namespace}/services/{service}"),
            credential,
        )
        .await?;
    let service_port = svc["spec"]["ports"]
        .as_array()
        .and_then(|ports| ports.iter().find(|p| p["port"] == port))
        .ok_or_else(|| {
            ApiError::bad_request(
                Reason::BadRequest,
                format!("service {service} has no port {port}"),
            )
        })?;
    let port_name = service_port["name"].as_str().unwrap_or("");
    let slices: Value = client.get_json(
        &format!("/apis/discovery.k8s.io/v1/namespaces/{namespace}/endpointslices?labelSelector=kubernetes.io%2Fservice-name%3D{service}"),
        credential).await?;
    for slice in slices["items"].as_array().into_iter().flatten() {
        let Some(target_port) = slice["ports"]
            .as_array()
            .and_then(|ports| {
                ports
                    .iter()
                    .find(|p| p["name"].as_str().unwrap_or("") == port_name)
            })
            .and_then(|p| p["port"].as_u64())
            .and_then(|p| u16::try_from(p).ok())
        else {
            continue;
        };
        let ready = slice["endpoints"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|e| e["conditions"]["ready"] != false && e["targetRef"]["kind"] == "Pod");
        // The cluster's own answer is checked like a request would be.
        if let Some(pod) = ready
            .and_then(|e| e["targetRef"]["name"].as_str())
            .and_then(|name| KubeName::parse("pod", name).ok())
        {
            return Ok(Target {
                namespace,
                pod,
                port: target_port,
            });
        }
    }
    Err(ApiError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        Reason::NoReadyPod,
        format!("service {service} has no ready pod behind port {port}"),
    ))
}
