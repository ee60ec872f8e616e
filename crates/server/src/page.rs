//! The few HTML pages the server writes itself (a failed sign-in, a binary built without
//! its web app) in the web app's look: the same colour tokens as `web/src/ui/tokens.css`,
//! light or dark as the browser prefers (these pages cannot read the app's stored theme).
//! The style is inline, which the app's Content-Security-Policy allows (`style-src
//! 'unsafe-inline'`); no script.

/// The tokens and the few rules these pages need.
const STYLE: &str = "\
:root{color-scheme:light dark;--color-bg:#ffffff;--color-surface:#f6f8fa;\
--color-text:#1f2328;--color-text-muted:#59636e;--color-border:#d1d9e0;\
--color-accent:#b45309;--color-focus:#0969da;--color-danger:#b42318;--color-info:#0969da}\
@media (prefers-color-scheme:dark){:root{--color-bg:#111418;--color-surface:#161b22;\
--color-text:#e6e8eb;--color-text-muted:#9ea7b3;--color-border:#30363d;\
--color-accent:#f59e0b;--color-focus:#4493f8;--color-danger:#f97066;--color-info:#58a6ff}}\
body{background:var(--color-bg);color:var(--color-text);\
font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;line-height:1.45;margin:0}\
header{border-bottom:1px solid var(--color-border);padding:.75rem 1.25rem}\
header b{color:var(--color-accent)}\
main{background:var(--color-surface);border:1px solid var(--color-border);border-radius:6px;\
margin:2rem auto;max-width:36rem;padding:1rem 1.5rem}\
h1{font-size:1.6rem;margin:0 0 .5rem}\
.problem{border-left:4px solid var(--color-danger);padding-left:.75rem}\
a{color:var(--color-info)}\
a:focus-visible{outline:2px solid var(--color-focus);outline-offset:2px}\
code{font-family:ui-monospace,Menlo,Consolas,monospace}";

/// A whole page: `title` (plain text, escaped here) and `body` (HTML the caller escaped).
pub fn html_page(title: &str, body: &str) -> String {
    let title = escape(title);
    format!(
        "<!doctype html><html lang=en><meta charset=utf-8>\
         <meta name=viewport content=\"width=device-width, initial-scale=1\">\
         <meta name=color-scheme content=\"light dark\">\
         <title>{title} — Lanthorn</title><style>{STYLE}</style>\
         <header><b>Lanthorn</b></header><main><h1>{title}</h1>{body}</main></html>"
    )
}

/// Text made safe to put into HTML, in an element or a quoted attribute.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_carry_both_themes_and_escape_their_title() {
        let page = html_page("A <b> title", "<p>body</p>");
        assert!(page.contains("<title>A &lt;b&gt; title — Lanthorn</title>"));
        assert!(page.contains("<h1>A &lt;b&gt; title</h1><p>body</p>"));
        assert!(page.contains("prefers-color-scheme:dark"));
        assert!(page.contains("--color-bg:#111418"));
        assert!(!page.contains("<script"));
    }
}
