//! The web app, embedded at build time: hashed assets cached for a year, everything else
//! revalidated, gzip when the browser takes it, and `index.html` for client-side routes.
//! Under `--base-url`, `index.html`'s `<base href="/">` names the prefix: the app loads
//! its files relative to it and prefixes its own requests and routes with it.

use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use http::header::{self, HeaderValue};
use http::{Method, StatusCode};

/// One embedded file.
#[derive(Clone, Copy)]
pub struct Asset {
    path: &'static str,
    bytes: &'static [u8],
    /// A gzip copy, when it is worth it.
    gzip: Option<&'static [u8]>,
}

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/assets.rs"));
}

const NOT_BUILT: &str = "<p>This Lanthorn binary was built without its web app. Run \
<code>make web</code> (or <code>npm run build</code> in <code>web/</code>) and build again. \
The API is served as usual.</p>";

/// What `index.html` carries for the app to find its prefix.
const BASE_TAG: &str = r#"<base href="/""#;

/// Serves an embedded file, or `index.html` for paths that are client-side routes.
pub async fn serve(State(state): State<crate::AppState>, request: Request) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    let path = request.uri().path();
    let gzip_ok = request
        .headers()
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|e| e.trim().starts_with("gzip")));
    if !embedded::BUILT {
        return (
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            crate::page::html_page("No web app", NOT_BUILT),
        )
            .into_response();
    }
    let found = find(path);
    let Asset {
        path: name,
        bytes,
        gzip: gz,
    } = match found {
        Some(file) => file,
        // A missing file with an extension is a 404; anything else is an app route.
        None if path
            .rsplit('/')
            .next()
            .is_some_and(|last| last.contains('.')) =>
        {
            return (StatusCode::NOT_FOUND, "not found\n").into_response();
        }
        None => match find("/index.html") {
            Some(index) => index,
            None => return (StatusCode::NOT_FOUND, "not found\n").into_response(),
        },
    };
    let base = state.base_url.trim_end_matches('/');
    let mut response = match (gz, gzip_ok) {
        _ if name == "/index.html" && !base.is_empty() => with_base(bytes, base).into_response(),
        (Some(gz), true) => {
            let mut r = gz.into_response();
            r.headers_mut()
                .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            r
        }
        _ => bytes.into_response(),
    };
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(name)),
    );
    headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    let cache = if name.starts_with("/assets/") {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    response
}

/// `index.html` with its `<base href="/">` pointing at `base` (already validated as a
/// plain path; escaped anyway).
fn with_base(bytes: &[u8], base: &str) -> String {
    let escaped: String = base
        .chars()
        .map(|c| match c {
            '"' => "&quot;".to_owned(),
            '<' => "&lt;".to_owned(),
            '>' => "&gt;".to_owned(),
            '&' => "&amp;".to_owned(),
            c => c.to_string(),
        })
        .collect();
    String::from_utf8_lossy(bytes).replacen(BASE_TAG, &format!(r#"<base href="{escaped}/""#), 1)
}

fn find(path: &str) -> Option<Asset> {
    let path = if path == "/" { "/index.html" } else { path };
    embedded::FILES.iter().find(|a| a.path == path).copied()
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "wasm" => "application/wasm",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}
