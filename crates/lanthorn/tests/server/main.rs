//! The `lanthorn` binary against the local stack (`dev/stack up`): configuration and
//! start-up, token sign-in and sessions, the API proxy, browser protections, the audit
//! log, shared sessions across replicas, in-cluster mode, and the Helm chart and image.

mod attack;
mod audit;
mod browser;
mod chart;
mod helm;
mod hostile_idp;
mod impersonation;
mod in_cluster;
mod oidc;
mod portforward;
mod proxy;
mod replicas;
mod signin;
mod startup;
mod support;
mod watch;
