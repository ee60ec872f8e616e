// The provider's HTML pages: one shared layout, the login form and plain
// message pages. No JavaScript. The tests fill the login form by its input
// names (`username`, `password`) and read the error from #login-error, so keep
// those, the texts and the layout stable.

export function htmlEscape(value) {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function page(title, body) {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${htmlEscape(title)}</title>
<style>
body{font-family:system-ui,sans-serif;background:#f4f4f5;margin:0;padding:40px 16px}
main{max-width:360px;margin:0 auto;background:#fff;border-radius:6px;padding:24px 28px;box-shadow:0 1px 3px rgba(0,0,0,.2)}
h1{font-size:1.3em;margin-top:0}
label{display:block;margin:12px 0 4px}
input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:8px;font-size:1em}
button{margin-top:16px;padding:8px 14px;font-size:1em}
.error{color:#b00020;background:#fdecea;border-radius:4px;padding:8px}
.hint{color:#555;font-size:.85em}
pre{white-space:pre-wrap;word-break:break-word}
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

export function loginPage({ uid, username, error, clientName, scope }) {
  const action = `/interaction/${encodeURIComponent(uid)}`;
  // The error is repeated in <title> so it shows up in the first few hundred
  // bytes of the response (what test harnesses usually print on failure).
  return page(error ? `Sign-in failed: ${error}` : 'Sign in - Lanthorn dev OIDC', `<h1>Sign in</h1>
<p class="hint">Lanthorn development identity provider${clientName ? ` &middot; client <b>${htmlEscape(clientName)}</b>` : ''}${scope ? ` &middot; scope <code>${htmlEscape(scope)}</code>` : ''}</p>
${error ? `<p class="error" role="alert" id="login-error">${htmlEscape(error)}</p>\n` : ''}<form method="post" action="${htmlEscape(action)}" enctype="application/x-www-form-urlencoded">
<label for="username">Email</label>
<input type="text" id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" value="${htmlEscape(username)}" required${username ? '' : ' autofocus'}>
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password" required${username ? ' autofocus' : ''}>
<button type="submit">Sign in</button>
</form>
<form method="post" action="${htmlEscape(`${action}/abort`)}">
<button type="submit">Cancel</button>
</form>`);
}

export function messagePage(title, text) {
  return page(title, `<h1>${htmlEscape(title)}</h1>\n<p>${htmlEscape(text)}</p>`);
}

// RP-initiated logout confirmation. `form` is the provider's
// <form id="op.logoutForm" ...><input name="xsrf"></form>; put the buttons
// inside it so a plain form post (no form= attribute, no JavaScript) works.
export function logoutPage(form) {
  const withButtons = form.replace('</form>', '<button type="submit" name="logout" value="yes" autofocus>Yes, sign me out</button>\n<button type="submit">No, stay signed in</button></form>');
  return page('Sign out - Lanthorn dev OIDC', `<h1>Sign out of the Lanthorn dev identity provider?</h1>\n${withButtons}`);
}

export function signedOutPage() {
  return messagePage('Signed out', 'You have been signed out of the Lanthorn development identity provider.');
}

export function staleInteractionPage() {
  return messagePage('Sign-in expired', 'This sign-in page is no longer valid (expired, already used, or opened without the provider cookies). Start the sign-in again from the application.');
}

// The provider's error page; `out` is {error, error_description, ...}.
export function errorPage(out) {
  const lines = Object.entries(out).map(([k, v]) => `${k}: ${v}`).join('\n');
  return page(`Error: ${out.error}${out.error_description ? ` - ${out.error_description}` : ''}`, `<h1>Something went wrong</h1>\n<pre>${htmlEscape(lines)}</pre>`);
}
