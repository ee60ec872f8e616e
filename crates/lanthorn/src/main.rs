//! The `lanthorn` binary: a Kubernetes web UI that fronts each cluster with the
//! signed-in user's own identity.

use clap::Parser;

/// Command line of the `lanthorn` binary.
#[derive(Debug, Parser)]
#[command(name = "lanthorn", version, about)]
struct Cli {}

fn main() {
    let _cli = Cli::parse();
    eprintln!(
        "lanthorn {}: this build has no server yet; the local stack is started with `dev/stack up`",
        env!("CARGO_PKG_VERSION")
    );
    std::process::exit(69);
}
