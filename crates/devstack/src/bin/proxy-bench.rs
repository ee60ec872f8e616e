//! Lanthorn's proxy benchmark (run through `dev/bench`, not a test): the same client lists
//! ConfigMaps and follows a watch straight from kube-apiserver and through Lanthorn, in
//! the same run, and Lanthorn's memory is read idle and with many open watches.
//!
//! Usage: proxy-bench LANTHORN_BINARY [objects=5000] [lists=40] [events=100] [watches=1000]

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, bail, ensure};
use devstack::{DevEnv, KubeClient};
use futures_util::StreamExt as _;
use reqwest::StatusCode;
use serde_json::{Value, json};
use tokio::sync::Mutex;

const NAMESPACE: &str = "bench";

struct Lanthorn {
    child: Child,
    url: String,
}

impl Drop for Lanthorn {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Lanthorn {
    fn rss_mib(&self) -> Result<f64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))?;
        let kib: f64 = status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .context("no VmRSS")?;
        Ok(kib / 1024.0)
    }
}

#[tokio::main]
async fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let binary = args
        .get(1)
        .context("usage: proxy-bench LANTHORN_BINARY [objects] [lists] [events] [watches]")?;
    let number =
        |i: usize, default: usize| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default);
    let (objects, lists, events, watches) = (
        number(2, 5000),
        number(3, 40),
        number(4, 100),
        number(5, 1000),
    );
    let env = DevEnv::load()?;
    let admin = KubeClient::admin(&env)?;
    let token = env.get("DEV_ADMIN_TOKEN")?.to_owned();
    seed(&admin, objects).await?;
    let lanthorn = start(&env, binary).await?;
    let http = if std::env::var_os("BENCH_HTTP2").is_some() {
        devstack::test_http_client(&env.ca_pem()?)?
    } else {
        devstack::test_http1_client(&env.ca_pem()?)?
    };
    let direct = format!(
        "{}/api/v1/namespaces/{NAMESPACE}/configmaps",
        env.get("DEV_APISERVER")?
    );
    let proxied = format!(
        "{}/clusters/bench/api/v1/namespaces/{NAMESPACE}/configmaps",
        lanthorn.url
    );

    tokio::time::sleep(Duration::from_secs(1)).await;
    let idle_rss = lanthorn.rss_mib()?;

    // LIST: interleaved so both paths see the same API server state and load.
    let (mut d, mut p) = (Vec::new(), Vec::new());
    let mut bytes = 0;
    for round in 0..lists + 3 {
        // Alternate which goes first: the API server is busier right after a big list.
        let ((td, nd), (tp, np)) = if round % 2 == 0 {
            let d = list(&http, &direct, &token, objects).await?;
            (d, list(&http, &proxied, &token, objects).await?)
        } else {
            let p = list(&http, &proxied, &token, objects).await?;
            (list(&http, &direct, &token, objects).await?, p)
        };
        ensure!(
            nd == np,
            "direct and proxied bodies differ in size: {nd} vs {np}"
        );
        if round >= 3 {
            d.push(td);
            p.push(tp);
            bytes = nd;
        }
    }
    let list_row = |name: &str, v: &[Duration]| {
        let total: Duration = v.iter().sum();
        format!(
            "| {name} | {:.1} | {:.1} | {:.1} |",
            ms(percentile(v, 50)),
            ms(percentile(v, 99)),
            (bytes * v.len()) as f64 / total.as_secs_f64() / 1_048_576.0
        )
    };

    // WATCH: one stream each way; each created ConfigMap's ADDED event is timed from
    // sending the create to the event's arrival on each stream.
    let (wd, wp) = watch_latency(&http, &admin, &direct, &proxied, &token, events).await?;

    // Many watches through Lanthorn at once.
    let (open, delivered, busy_rss) =
        many_watches(&http, &admin, &proxied, &token, &lanthorn, watches).await?;

    println!(
        "Lanthorn proxy benchmark: {objects} ConfigMaps ({:.1} MiB per list), {lists} lists, {events} watch events",
        bytes as f64 / 1_048_576.0
    );
    println!();
    println!("| LIST {objects} ConfigMaps | median ms | p99 ms | MiB/s |");
    println!("|---|---|---|---|");
    println!("{}", list_row("kube-apiserver directly", &d));
    println!("{}", list_row("through Lanthorn", &p));
    println!(
        "| **ratio** | **{:.2}×** | **{:.2}×** | **{:.2}×** |",
        ms(percentile(&p, 50)) / ms(percentile(&d, 50)),
        ms(percentile(&p, 99)) / ms(percentile(&d, 99)),
        d.iter().sum::<Duration>().as_secs_f64() / p.iter().sum::<Duration>().as_secs_f64()
    );
    println!();
    println!("| watch event latency | median ms | p99 ms |");
    println!("|---|---|---|");
    println!(
        "| kube-apiserver directly | {:.2} | {:.2} |",
        ms(percentile(&wd, 50)),
        ms(percentile(&wd, 99))
    );
    println!(
        "| through Lanthorn | {:.2} | {:.2} |",
        ms(percentile(&wp, 50)),
        ms(percentile(&wp, 99))
    );
    println!(
        "| **ratio** | **{:.2}×** | **{:.2}×** |",
        ms(percentile(&wp, 50)) / ms(percentile(&wd, 50)),
        ms(percentile(&wp, 99)) / ms(percentile(&wd, 99))
    );
    println!();
    println!("| Lanthorn memory | RSS MiB |");
    println!("|---|---|");
    println!("| idle, after start | {idle_rss:.1} |");
    println!("| {open} open watches ({delivered} delivered a new event) | {busy_rss:.1} |");
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentile(values: &[Duration], pct: usize) -> Duration {
    let mut v = values.to_vec();
    v.sort();
    let i = ((v.len() * pct).div_ceil(100))
        .saturating_sub(1)
        .min(v.len().saturating_sub(1));
    v.get(i).copied().unwrap_or_default()
}

async fn seed(admin: &KubeClient, objects: usize) -> Result<()> {
    let ns = json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": NAMESPACE}});
    let (status, body) = admin.post("/api/v1/namespaces", &ns).await?;
    ensure!(
        status == StatusCode::CREATED || status == StatusCode::CONFLICT,
        "namespace: {body}"
    );
    let (_, list) = admin
        .get(&format!(
            "/api/v1/namespaces/{NAMESPACE}/configmaps?labelSelector=bench%3Dlist"
        ))
        .await?;
    let have = list["items"].as_array().map_or(0, Vec::len);
    if have >= objects {
        return Ok(());
    }
    eprintln!(
        "proxy-bench: creating {} ConfigMaps in {NAMESPACE}",
        objects - have
    );
    let started = Instant::now();
    let results = futures_util::stream::iter(have..objects)
        .map(|i| {
            let cm = json!({
                "apiVersion": "v1", "kind": "ConfigMap",
                "metadata": {"name": format!("bench-{i:05}"), "labels": {"bench": "list"}},
                "data": {"index": i.to_string(), "payload": "x".repeat(200)},
            });
            async move {
                admin
                    .post(&format!("/api/v1/namespaces/{NAMESPACE}/configmaps"), &cm)
                    .await
            }
        })
        .buffer_unordered(16)
        .collect::<Vec<_>>()
        .await;
    for r in results {
        let (status, body) = r?;
        ensure!(
            status == StatusCode::CREATED || status == StatusCode::CONFLICT,
            "create: {body}"
        );
    }
    eprintln!("proxy-bench: seeded in {:.0?}", started.elapsed());
    Ok(())
}

async fn start(env: &DevEnv, binary: &str) -> Result<Lanthorn> {
    let dir = std::env::temp_dir().join(format!("lanthorn-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let kubeconfig = dir.join("kubeconfig");
    std::fs::write(
        &kubeconfig,
        format!(
            "clusters: [{{name: s, cluster: {{server: '{}', certificate-authority: '{}'}}}}]\ncontexts: [{{name: bench, context: {{cluster: s}}}}]\n",
            env.get("DEV_APISERVER")?,
            env.get("DEV_CA_FILE")?
        ),
    )?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let child = Command::new(binary)
        .arg("--kubeconfig")
        .arg(&kubeconfig)
        .args(["--port", &port.to_string(), "--audit-log", "/dev/null"])
        .env("LANTHORN_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .with_context(|| format!("starting {binary}"))?;
    let lanthorn = Lanthorn {
        child,
        url: format!("http://127.0.0.1:{port}"),
    };
    let deadline = Instant::now() + Duration::from_secs(15);
    while Instant::now() < deadline {
        if reqwest::get(format!("{}/healthz", lanthorn.url))
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            return Ok(lanthorn);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    bail!("lanthorn did not start")
}

async fn list(
    http: &reqwest::Client,
    url: &str,
    token: &str,
    objects: usize,
) -> Result<(Duration, usize)> {
    let started = Instant::now();
    let response = http
        .get(url)
        .bearer_auth(token)
        .query(&[("labelSelector", "bench=list")])
        .send()
        .await?;
    ensure!(
        response.status() == StatusCode::OK,
        "{url}: {}",
        response.status()
    );
    let body = response.bytes().await?;
    let took = started.elapsed();
    let parsed: Value = serde_json::from_slice(&body)?;
    ensure!(
        parsed["items"].as_array().map_or(0, Vec::len) >= objects,
        "short list from {url}"
    );
    Ok((took, body.len()))
}

type Arrivals = Arc<Mutex<std::collections::HashMap<String, Instant>>>;

async fn open_watch(
    http: &reqwest::Client,
    url: &str,
    token: &str,
    rv: &str,
) -> Result<reqwest::Response> {
    let response = http
        .get(url)
        .bearer_auth(token)
        .query(&[
            ("watch", "1"),
            ("resourceVersion", rv),
            ("labelSelector", "bench=watch"),
        ])
        .send()
        .await?;
    ensure!(
        response.status() == StatusCode::OK,
        "watch {url}: {}",
        response.status()
    );
    Ok(response)
}

/// Records when each ADDED object's name arrives on `response`.
fn record(mut response: reqwest::Response, arrivals: Arrivals) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut buffer = String::new();
        while let Ok(Some(chunk)) = response.chunk().await {
            let now = Instant::now();
            buffer.push_str(&String::from_utf8_lossy(&chunk));
            while let Some(end) = buffer.find('\n') {
                let line: String = buffer.drain(..=end).collect();
                if let Ok(event) = serde_json::from_str::<Value>(&line)
                    && event["type"] == "ADDED"
                    && let Some(name) = event["object"]["metadata"]["name"].as_str()
                {
                    arrivals.lock().await.insert(name.to_owned(), now);
                }
            }
        }
    })
}

async fn resource_version(admin: &KubeClient) -> Result<String> {
    let (_, list) = admin
        .get(&format!(
            "/api/v1/namespaces/{NAMESPACE}/configmaps?limit=1"
        ))
        .await?;
    list["metadata"]["resourceVersion"]
        .as_str()
        .map(str::to_owned)
        .context("no resourceVersion")
}

async fn watch_latency(
    http: &reqwest::Client,
    admin: &KubeClient,
    direct: &str,
    proxied: &str,
    token: &str,
    events: usize,
) -> Result<(Vec<Duration>, Vec<Duration>)> {
    let rv = resource_version(admin).await?;
    let (dw, pw): (Arrivals, Arrivals) = Default::default();
    let hd = record(open_watch(http, direct, token, &rv).await?, dw.clone());
    let hp = record(open_watch(http, proxied, token, &rv).await?, pw.clone());
    let mut sent = Vec::new();
    let tag = std::process::id();
    for i in 0..events {
        let name = format!("watch-{tag}-{i}");
        let cm = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name, "labels": {"bench": "watch"}}});
        let before = Instant::now();
        let (status, body) = admin
            .post(&format!("/api/v1/namespaces/{NAMESPACE}/configmaps"), &cm)
            .await?;
        ensure!(status == StatusCode::CREATED, "{body}");
        sent.push((name, before));
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    hd.abort();
    hp.abort();
    let latencies =
        |arrivals: &std::collections::HashMap<String, Instant>| -> Result<Vec<Duration>> {
            sent.iter()
                .map(|(name, at)| {
                    arrivals
                        .get(name)
                        .map(|a| a.saturating_duration_since(*at))
                        .with_context(|| format!("{name} never arrived"))
                })
                .collect()
        };
    let result = (latencies(&*dw.lock().await)?, latencies(&*pw.lock().await)?);
    delete_watch_objects(admin).await?;
    Ok(result)
}

async fn many_watches(
    http: &reqwest::Client,
    admin: &KubeClient,
    proxied: &str,
    token: &str,
    lanthorn: &Lanthorn,
    count: usize,
) -> Result<(usize, usize, f64)> {
    let rv = resource_version(admin).await?;
    let rv = rv.as_str();
    let arrivals: Vec<Arrivals> = (0..count).map(|_| Arrivals::default()).collect();
    let opened = futures_util::stream::iter(arrivals.iter().cloned())
        .map(|a| async move {
            open_watch(http, proxied, token, rv)
                .await
                .map(|r| record(r, a))
        })
        .buffer_unordered(50)
        .collect::<Vec<_>>()
        .await;
    let handles: Vec<_> = opened.into_iter().collect::<Result<_>>()?;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let rss = lanthorn.rss_mib()?;
    let cm = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "watch-fanout", "labels": {"bench": "watch"}}});
    admin
        .post(&format!("/api/v1/namespaces/{NAMESPACE}/configmaps"), &cm)
        .await?;
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut delivered = 0;
    while Instant::now() < deadline {
        delivered = 0;
        for a in &arrivals {
            if a.lock().await.contains_key("watch-fanout") {
                delivered += 1;
            }
        }
        if delivered == count {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    for h in &handles {
        h.abort();
    }
    delete_watch_objects(admin).await?;
    Ok((handles.len(), delivered, rss))
}

async fn delete_watch_objects(admin: &KubeClient) -> Result<()> {
    admin
        .delete(&format!(
            "/api/v1/namespaces/{NAMESPACE}/configmaps?labelSelector=bench%3Dwatch"
        ))
        .await?;
    Ok(())
}
