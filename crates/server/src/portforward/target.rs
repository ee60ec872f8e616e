//! Which pod and port a forward goes to: the pod asked for (after the cluster says the
//! caller may forward to it), or a ready pod behind the Service and the port its
//! EndpointSlices give for the Service port.

use http::StatusCode;
use lanthorn_cluster::{ClusterClient, Credential};
use serde_json::{Value, json};

use super::StartRequest;
use crate::error::{ApiError, Reason};

pub struct Target {
    pub pod: String,
    pub port: u16,
}

pub async fn resolve(
    client: &ClusterClient,
    credential: &Credential,
    request: &StartRequest,
) -> Result<Target, ApiError> {
    let bad = |m: &str| ApiError::bad_request(Reason::BadRequest, m.to_owned());
    if !crate::names::is_kube_name(&request.namespace) {
        return Err(bad("namespace must be a Kubernetes name"));
    }
    if request.port == 0 {
        return Err(bad("port must be 1 to 65535"));
    }
    let target = match (&request.pod, &request.service) {
        (Some(pod), None) if crate::names::is_kube_name(pod) => Target {
            pod: pod.clone(),
            port: request.port,
        },
        (None, Some(service)) if crate::names::is_kube_name(service) => {
            through_service(
                client,
                credential,
                &request.namespace,
                service,
                request.port,
            )
            .await?
        }
        _ => return Err(bad("give either pod or service (a Kubernetes name)")),
    };
    let allowed = client
        .may(
            credential,
            json!({"verb": "create", "resource": "pods", "subresource": "portforward",
               "namespace": request.namespace, "name": target.pod}),
        )
        .await?;
    if !allowed {
        return Err(ApiError::forbidden(
            Reason::Forbidden,
            format!(
                "you may not forward ports of pod {} in {}",
                target.pod, request.namespace
            ),
        ));
    }
    Ok(target)
}

async fn through_service(
    client: &ClusterClient,
    credential: &Credential,
    namespace: &str,
    service: &str,
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
        if let Some(pod) = ready.and_then(|e| e["targetRef"]["name"].as_str()) {
            return Ok(Target {
                pod: pod.to_owned(),
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
