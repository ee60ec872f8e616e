//! A throwaway `redis-server` on a free loopback port, killed by PID on drop.

use std::io::{Read as _, Write as _};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};

const REDIS_SERVER: &str = "/usr/bin/redis-server";
const START_TIMEOUT: Duration = Duration::from_secs(10);

/// A running `redis-server`, stopped when dropped.
#[derive(Debug)]
pub struct RedisServer {
    child: Child,
    port: u16,
}

impl RedisServer {
    /// Starts a server with nothing persisted, optionally requiring `password`.
    pub fn start(password: Option<&str>) -> anyhow::Result<Self> {
        if !Path::new(REDIS_SERVER).exists() {
            bail!(
                "{REDIS_SERVER} is missing: these tests need a real Redis. Install it with \
                 `apt-get update && apt-get install -y redis-server` (the project's test \
                 command does this); do not start the system service"
            );
        }
        // Another test may grab the free port before this server binds it.
        let mut attempt = 1;
        loop {
            match Self::start_on(free_port()?, password) {
                Err(error) if attempt < 3 => {
                    eprintln!("redis-server attempt {attempt} failed, retrying: {error:#}");
                    attempt += 1;
                }
                result => return result,
            }
        }
    }

    fn start_on(port: u16, password: Option<&str>) -> anyhow::Result<Self> {
        let mut command = Command::new(REDIS_SERVER);
        command
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no", "--daemonize", "no"])
            .args(["--loglevel", "warning", "--databases", "1"])
            .arg("--dir")
            .arg(std::env::temp_dir())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some(password) = password {
            command.args(["--requirepass", password]);
        }
        let child = command
            .spawn()
            .with_context(|| format!("starting {REDIS_SERVER}"))?;
        let mut server = Self { child, port };
        server.wait_until_ready()?;
        Ok(server)
    }

    /// Its port.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// `redis://[:password@]127.0.0.1:PORT/0`.
    pub fn url(&self, password: Option<&str>) -> String {
        let auth = password.map(|p| format!(":{p}@")).unwrap_or_default();
        format!("redis://{auth}127.0.0.1:{}/0", self.port)
    }

    /// Polls until the server answers a PING (a `-NOAUTH` error counts: it
    /// is listening), or fails with its output if it exited.
    fn wait_until_ready(&mut self) -> anyhow::Result<()> {
        let deadline = Instant::now() + START_TIMEOUT;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait()? {
                let mut output = String::new();
                if let Some(stdout) = self.child.stdout.as_mut() {
                    let _ = stdout.read_to_string(&mut output);
                }
                if let Some(stderr) = self.child.stderr.as_mut() {
                    let _ = stderr.read_to_string(&mut output);
                }
                bail!(
                    "redis-server on port {} exited ({status}): {output}",
                    self.port
                );
            }
            if ping(self.port).is_ok() {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        bail!(
            "redis-server on port {} did not answer PING within {START_TIMEOUT:?}",
            self.port
        )
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        // Child::kill signals exactly this PID.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> anyhow::Result<u16> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
    Ok(listener.local_addr()?.port())
}

fn ping(port: u16) -> anyhow::Result<()> {
    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let mut stream = TcpStream::connect_timeout(&address, Duration::from_millis(200))?;
    stream.set_read_timeout(Some(Duration::from_millis(500)))?;
    stream.write_all(b"PING\r\n")?;
    let mut reply = [0_u8; 64];
    let read = stream.read(&mut reply)?;
    match reply.first() {
        Some(b'+' | b'-') if read > 0 => Ok(()),
        _ => bail!("unexpected PING reply"),
    }
}
