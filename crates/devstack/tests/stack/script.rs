//! The behaviour of `dev/stack` itself on bad input: each case runs the script against a
//! throw-away state folder (`DEV_STATE`) so the running stack is left alone.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Output;

use anyhow::{Result, ensure};

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../dev/stack")
}

struct ScratchState(PathBuf);

impl ScratchState {
    fn new(tag: &str) -> Result<Self> {
        let dir = std::env::temp_dir().join(format!("lanthorn-stack-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)?;
        Ok(Self(dir))
    }

    async fn run(&self, args: &[&str], extra_env: &[(&str, String)]) -> Result<Output> {
        let mut cmd = tokio::process::Command::new(script());
        cmd.args(args).env("DEV_STATE", &self.0);
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        Ok(cmd.output().await?)
    }
}

impl Drop for ScratchState {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[tokio::test]
async fn down_when_nothing_runs_is_a_no_op() -> Result<()> {
    let state = ScratchState::new("down")?;
    let out = state.run(&["down"], &[]).await?;
    ensure!(out.status.success(), "down failed: {}", text(&out.stderr));
    ensure!(
        !text(&out.stderr).contains("stopped"),
        "down stopped something: {}",
        text(&out.stderr)
    );
    Ok(())
}

#[tokio::test]
async fn a_taken_port_is_named_with_its_component() -> Result<()> {
    let state = ScratchState::new("port")?;
    let holder = TcpListener::bind("127.0.0.1:0")?;
    let port = holder.local_addr()?.port();
    let out = state
        .run(&["up"], &[("ETCD_PORT", port.to_string())])
        .await?;
    let stderr = text(&out.stderr);
    ensure!(!out.status.success(), "up succeeded on a taken port");
    ensure!(
        stderr.contains(&format!("port {port} needed by etcd")),
        "message does not name the port and component: {stderr}"
    );
    Ok(())
}

#[tokio::test]
async fn a_crashed_component_is_reported_with_its_log() -> Result<()> {
    let state = ScratchState::new("crash")?;
    // A PID that surely ran and ended: our own finished child.
    let mut child = std::process::Command::new("true").spawn()?;
    let dead_pid = child.id();
    child.wait()?;
    std::fs::create_dir_all(state.0.join("run"))?;
    std::fs::write(state.0.join("run/etcd.pid"), dead_pid.to_string())?;
    let log = state.0.join("logs/etcd.log");

    let status = state.run(&["status"], &[]).await?;
    let shown = text(&status.stdout);
    ensure!(
        shown.contains("CRASHED") && shown.contains(&log.display().to_string()),
        "status does not report the crash with its log: {shown}"
    );

    // `up` reports the crash before it restarts the component (here it then stops at a
    // taken port, so nothing is actually started).
    let holder = TcpListener::bind("127.0.0.1:0")?;
    let port = holder.local_addr()?.port().to_string();
    let up = state.run(&["up"], &[("ETCD_PORT", port)]).await?;
    let stderr = text(&up.stderr);
    ensure!(
        stderr.contains("etcd had stopped unexpectedly")
            && stderr.contains(&log.display().to_string()),
        "up does not report the crashed component with its log: {stderr}"
    );
    Ok(())
}

#[tokio::test]
async fn an_unknown_command_prints_usage_and_fails() -> Result<()> {
    let state = ScratchState::new("usage")?;
    let out = state.run(&["sideways"], &[]).await?;
    ensure!(
        out.status.code() == Some(2),
        "exit code {:?}",
        out.status.code()
    );
    ensure!(
        text(&out.stdout).contains("dev/stack up"),
        "no usage: {}",
        text(&out.stdout)
    );
    Ok(())
}

#[tokio::test]
async fn up_twice_does_not_start_second_copies() -> Result<()> {
    let env = devstack::DevEnv::load()?;
    let run_dir = Path::new(env.get("DEV_STATE")?).join("run");
    let pids = || -> Result<Vec<(String, String)>> {
        let mut all = Vec::new();
        for entry in std::fs::read_dir(&run_dir)? {
            let path = entry?.path();
            all.push((path.display().to_string(), std::fs::read_to_string(&path)?));
        }
        all.sort();
        Ok(all)
    };
    let before = pids()?;
    ensure!(
        before.len() == 7,
        "expected seven running components (etcd, oidc, apiserver, controller-manager, scheduler, kwok, metrics-server): {before:?}"
    );
    let out = tokio::process::Command::new(script())
        .arg("up")
        .output()
        .await?;
    ensure!(
        out.status.success(),
        "second up failed: {}",
        text(&out.stderr)
    );
    ensure!(text(&out.stderr).matches("already running").count() == 7);
    ensure!(pids()? == before, "PIDs changed after a second up");
    Ok(())
}
