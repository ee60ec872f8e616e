/**
 * Lanthorn may be served under a prefix (`--base-url /lanthorn`). The server writes it
 * into index.html's `<base href>`; every request and every route of the app goes under it.
 */

/** The prefix without a trailing slash: `''` at the root, `/lanthorn` under a prefix. */
export function basePath(): string {
  const href = document.querySelector('base')?.getAttribute('href') ?? '/';
  return href.replace(/\/+$/, '');
}

/** `path` (starting with `/`) under the prefix. */
export function withBase(path: string): string {
  return `${basePath()}${path}`;
}

/** A location's path without the prefix (`/lanthorn/c/dev` → `/c/dev`). */
export function withoutBase(pathname: string): string {
  const base = basePath();
  if (base !== '' && (pathname === base || pathname.startsWith(`${base}/`))) {
    return pathname.slice(base.length) || '/';
  }
  return pathname;
}
