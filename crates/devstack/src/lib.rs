//! Test support for the local Kubernetes + OIDC stack started by `dev/stack up`.
//!
//! Tests read the stack's facts from its env file ([`DevEnv`]), talk to kube-apiserver
//! with the admin kubeconfig or a bearer token ([`KubeClient`]) and sign in at the OIDC
//! provider the way a person would, through its HTML form ([`oidc`]).

mod env;
mod kube;
mod kubeconfig;
pub mod oidc;
mod redis;
mod tls;
pub use tls::{test_http_client, test_http1_client};

pub use env::DevEnv;
pub use kube::KubeClient;
pub use kubeconfig::Kubeconfig;
pub use redis::RedisServer;
