//! Route handlers, one module per concern.

pub mod config;
pub mod health;
pub mod oidc;
pub mod site;
pub mod token;
