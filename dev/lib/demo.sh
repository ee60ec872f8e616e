# Demo data, RBAC fixtures and the env file of the dev stack (sourced by dev/stack).
# shellcheck shell=bash

kubectl_admin() { "$KUBECTL" --kubeconfig="$STATE/admin.kubeconfig" "$@"; }

helm_admin() {
  HELM_CACHE_HOME="$STATE/helm/cache" HELM_CONFIG_HOME="$STATE/helm/config" \
    HELM_DATA_HOME="$STATE/helm/data" "$HELM" --kubeconfig="$STATE/admin.kubeconfig" "$@"
}

apply_demo_before_nodes() {
  local demo="$ROOT/dev/demo"
  say "applying namespaces, RBAC fixtures, nodes and the demo CRDs"
  kubectl_admin apply -f "$demo/namespaces.yaml" -f "$demo/rbac.yaml" \
    -f "$demo/crd.yaml" -f "$demo/gateway-crds.yaml" -f "$ROOT/dev/kwok/nodes.yaml" >/dev/null
  kubectl_admin wait --for=condition=Established --timeout=60s \
    -f "$demo/crd.yaml" -f "$demo/gateway-crds.yaml" >/dev/null
}

apply_demo_after_nodes() {
  local demo="$ROOT/dev/demo" now
  now="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  say "applying demo workloads, custom resources, Gateway API routes and events"
  kubectl_admin wait --for=condition=Ready --timeout=60s node -l type=kwok >/dev/null ||
    die "kwok nodes did not become Ready; kwok's log: $(log_file kwok)"
  kubectl_admin apply -f "$demo/workloads.yaml" -f "$demo/crs.yaml" -f "$demo/gateway.yaml" \
    >/dev/null
  sed "s|@NOW@|$now|g" "$demo/events.yaml" | kubectl_admin apply -f - >/dev/null
  if ! helm_admin status demo-app --namespace demo >/dev/null 2>&1; then
    say "installing the demo-app Helm release"
    helm_admin install demo-app "$demo/chart" --namespace demo --wait --timeout 120s >/dev/null
  fi
}

# write_env_file: the shell-sourceable facts every test and tool reads (fresh tokens each time).
write_env_file() {
  local admin_token viewer_token users="$ROOT/dev/oidc/users.json"
  admin_token="$(kubectl_admin create token lanthorn-admin --namespace kube-system --duration=24h)"
  viewer_token="$(kubectl_admin create token demo-viewer --namespace demo --duration=24h)"
  password_of() { jq -r --arg u "$1" '.[] | select(.username == $u) | .password' "$users"; }
  umask 077
  cat >"$STATE/env.tmp" <<ENV
# Written by dev/stack up; source it: . target/dev/env
export DEV_STATE='$STATE'
export KUBECONFIG='$STATE/admin.kubeconfig'
export DEV_APISERVER='https://127.0.0.1:$APISERVER_PORT'
export DEV2_APISERVER='https://127.0.0.1:$APISERVER2_PORT'
export DEV2_ADMIN_KUBECONFIG='$STATE/dev2-admin.kubeconfig'
export DEV2_LIMITED_KUBECONFIG='$STATE/dev2-limited.kubeconfig'
export DEV2_AUDIT_LOG='$STATE/logs/apiserver2-audit.log'
export DEV_CA_FILE='$STATE/pki/ca.crt'
export DEV_KUBECTL='$KUBECTL'
export DEV_HELM='$HELM'
export DEV_ADMIN_TOKEN='$admin_token'
export DEV_VIEWER_TOKEN='$viewer_token'
export DEV_OIDC_ISSUER='$OIDC_ISSUER'
export DEV_OIDC_CLIENT_ID='$OIDC_CLIENT_ID'
export DEV_OIDC_CLIENT_SECRET='$(cat "$STATE/oidc/client-secret")'
export DEV_OIDC_CALLBACK='http://localhost:$LANTHORN_PORT/oidc-callback'
export DEV_OIDC_ADMIN_USER='admin@example.com'
export DEV_OIDC_ADMIN_PASSWORD='$(password_of admin@example.com)'
export DEV_OIDC_VIEWER_USER='viewer@example.com'
export DEV_OIDC_VIEWER_PASSWORD='$(password_of viewer@example.com)'
export DEV_OIDC_NOBODY_USER='nobody@example.com'
export DEV_OIDC_NOBODY_PASSWORD='$(password_of nobody@example.com)'
ENV
  mv "$STATE/env.tmp" "$STATE/env"
}
