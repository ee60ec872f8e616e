# How each component of the dev stack is started (sourced by dev/stack).
# shellcheck shell=bash

curl_admin() {
  curl -fsS --max-time 5 --cacert "$STATE/pki/ca.crt" \
    --cert "$STATE/pki/admin.crt" --key "$STATE/pki/admin.key" "$@"
}

up_etcd() {
  mkdir -p "$STATE/etcd"
  chmod 700 "$STATE/etcd"
  start etcd "$ETCD_PORT" "$TOOLS_ETCD/etcd" \
    --name dev --data-dir "$STATE/etcd" \
    --listen-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster "dev=http://127.0.0.1:$ETCD_PEER_PORT" \
    --log-level warn
  wait_ready etcd 30 curl -fsS --max-time 2 "http://127.0.0.1:$ETCD_PORT/health"
}

ensure_oidc_deps() {
  if [[ ! -d "$ROOT/dev/oidc/node_modules" ]]; then
    say "installing the OIDC provider's npm packages"
    (cd "$ROOT/dev/oidc" && npm ci --no-audit --no-fund --loglevel=error) >&2
  fi
  mkdir -p "$STATE/oidc"
  chmod 700 "$STATE/oidc"
  if [[ ! -s "$STATE/oidc/client-secret" ]]; then
    openssl rand -hex 24 >"$STATE/oidc/client-secret"
    chmod 600 "$STATE/oidc/client-secret"
  fi
}

up_oidc() {
  ensure_oidc_deps
  start oidc "$OIDC_PORT" env \
    OIDC_ISSUER="$OIDC_ISSUER" \
    OIDC_TLS_CERT="$STATE/pki/oidc.crt" OIDC_TLS_KEY="$STATE/pki/oidc.key" \
    OIDC_STATE_DIR="$STATE/oidc" \
    OIDC_CLIENT_ID="$OIDC_CLIENT_ID" \
    OIDC_CLIENT_SECRET="$(cat "$STATE/oidc/client-secret")" \
    OIDC_REDIRECT_URIS="http://localhost:$LANTHORN_PORT/oidc-callback,http://127.0.0.1:$LANTHORN_PORT/oidc-callback" \
    OIDC_POST_LOGOUT_REDIRECT_URIS="http://localhost:$LANTHORN_PORT/,http://127.0.0.1:$LANTHORN_PORT/" \
    OIDC_REQUIRE_PKCE="${DEV_OIDC_REQUIRE_PKCE:-0}" \
    OIDC_ID_TOKEN_TTL="${DEV_OIDC_ID_TOKEN_TTL:-600}" \
    node "$ROOT/dev/oidc/server.mjs"
  wait_ready oidc 30 curl -fsS --max-time 2 --cacert "$STATE/pki/ca.crt" \
    "$OIDC_ISSUER/.well-known/openid-configuration"
}

# kube-apiserver reloads this file when it changes, so it is written whole and only when
# its content differs: a rewrite in place let the API server read half a file and reset
# its JWT authenticator, refusing OIDC tokens for a moment.
write_authentication_config() {
  local target="$STATE/authentication-config.yaml" tmp
  tmp="$(mktemp "$STATE/.authentication-config.XXXXXX")"
  {
    echo "apiVersion: apiserver.config.k8s.io/v1"
    echo "kind: AuthenticationConfiguration"
    echo "jwt:"
    echo "- issuer:"
    echo "    url: $OIDC_ISSUER"
    echo "    audiences: [$OIDC_CLIENT_ID]"
    echo "    certificateAuthority: |"
    sed 's/^/      /' "$STATE/pki/ca.crt"
    echo "  claimMappings:"
    echo "    username: {claim: email, prefix: \"\"}"
    echo "    groups: {claim: groups, prefix: \"\"}"
  } >"$tmp"
  if cmp -s "$tmp" "$target"; then
    rm -f "$tmp"
  else
    mv -f "$tmp" "$target"
  fi
}

up_apiserver() {
  local pki="$STATE/pki"
  write_authentication_config
  start apiserver "$APISERVER_PORT" "$TOOLS_KUBERNETES/kube-apiserver" \
    --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$APISERVER_PORT" \
    --etcd-servers="http://127.0.0.1:$ETCD_PORT" \
    --tls-cert-file="$pki/apiserver.crt" --tls-private-key-file="$pki/apiserver.key" \
    --client-ca-file="$pki/ca.crt" \
    --authorization-mode=Node,RBAC \
    --authentication-config="$STATE/authentication-config.yaml" \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local \
    --service-account-key-file="$pki/sa.pub" --service-account-signing-key-file="$pki/sa.key" \
    --service-cluster-ip-range=10.0.0.0/24 \
    --kubelet-client-certificate="$pki/apiserver-kubelet-client.crt" \
    --kubelet-client-key="$pki/apiserver-kubelet-client.key" \
    --kubelet-preferred-address-types=InternalIP \
    --endpoint-reconciler-type=none \
    --allow-privileged=true \
    --enable-admission-plugins=NamespaceLifecycle,ServiceAccount,DefaultStorageClass,ResourceQuota,LimitRanger \
    --requestheader-client-ca-file="$pki/front-proxy-ca.crt" \
    --requestheader-allowed-names=front-proxy-client \
    --requestheader-username-headers=X-Remote-User --requestheader-group-headers=X-Remote-Group \
    --requestheader-extra-headers-prefix=X-Remote-Extra- \
    --proxy-client-cert-file="$pki/front-proxy-client.crt" \
    --proxy-client-key-file="$pki/front-proxy-client.key" \
    --profiling=false
  wait_ready apiserver 90 curl_admin "https://127.0.0.1:$APISERVER_PORT/readyz"
}

up_controller_manager() {
  local kc="$STATE/controller-manager.kubeconfig" pki="$STATE/pki"
  start controller-manager "$CONTROLLER_MANAGER_PORT" "$TOOLS_KUBERNETES/kube-controller-manager" \
    --kubeconfig="$kc" --authentication-kubeconfig="$kc" --authorization-kubeconfig="$kc" \
    --bind-address=127.0.0.1 --secure-port="$CONTROLLER_MANAGER_PORT" \
    --leader-elect=false \
    --service-account-private-key-file="$pki/sa.key" --root-ca-file="$pki/ca.crt" \
    --use-service-account-credentials=true \
    --cluster-signing-cert-file="$pki/ca.crt" --cluster-signing-key-file="$pki/ca.key" \
    --cert-dir="$STATE/controller-manager"
  wait_ready controller-manager 60 curl -fsSk --max-time 2 "https://127.0.0.1:$CONTROLLER_MANAGER_PORT/healthz"
}

up_scheduler() {
  local kc="$STATE/scheduler.kubeconfig"
  start scheduler "$SCHEDULER_PORT" "$TOOLS_KUBERNETES/kube-scheduler" \
    --kubeconfig="$kc" --authentication-kubeconfig="$kc" --authorization-kubeconfig="$kc" \
    --bind-address=127.0.0.1 --secure-port="$SCHEDULER_PORT" \
    --leader-elect=false --cert-dir="$STATE/scheduler"
  wait_ready scheduler 60 curl -fsSk --max-time 2 "https://127.0.0.1:$SCHEDULER_PORT/healthz"
}

up_kwok() {
  local pki="$STATE/pki"
  mkdir -p "$STATE/kwok/exec"
  sed -e "s|@DEMO_LOG_FILE@|$ROOT/dev/kwok/demo.log|g" \
    -e "s|@EXEC_WORKDIR@|$STATE/kwok/exec|g" \
    "$ROOT/dev/kwok/kwok.yaml" >"$STATE/kwok/kwok.yaml"
  # KWOK_WORKDIR keeps kwok from merging a ~/.kwok/kwok.yaml into our configuration.
  start kwok "$KWOK_PORT" env KWOK_WORKDIR="$STATE/kwok" "$TOOLS_KWOK/kwok" \
    --config="$STATE/kwok/kwok.yaml" \
    --kubeconfig="$STATE/admin.kubeconfig" \
    --manage-nodes-with-label-selector=type=kwok \
    --node-ip=127.0.0.1 --node-port="$KWOK_PORT" \
    --server-address="127.0.0.1:$KWOK_PORT" \
    --tls-cert-file="$pki/kwok.crt" --tls-private-key-file="$pki/kwok.key" \
    --cidr=10.244.0.1/16
  wait_ready kwok 30 curl -fsSk --max-time 2 "https://127.0.0.1:$KWOK_PORT/healthz"
}

# metrics-server, scraping kwok's simulated kubelet metrics (the Metric in dev/kwok/kwok.yaml,
# found through each node's metrics.k8s.io/resource-metrics-path annotation) and served
# through the apiserver's aggregation layer as metrics.k8s.io (dev/demo/metrics-server.yaml:
# an ExternalName Service pointing the APIService at localhost, and its RBAC).
up_metrics_server() {
  local pki="$STATE/pki" kc="$STATE/metrics-server.kubeconfig" manifest
  write_kubeconfig "$kc" metrics-server-client system:metrics-server
  manifest="$(sed -e "s|@METRICS_SERVER_PORT@|$METRICS_SERVER_PORT|g" \
    -e "s|@CA_BUNDLE@|$(base64 -w0 <"$pki/ca.crt")|g" "$ROOT/dev/demo/metrics-server.yaml")"
  "$KUBECTL" --kubeconfig="$STATE/admin.kubeconfig" apply -f - <<<"$manifest" >/dev/null
  start metrics-server "$METRICS_SERVER_PORT" "$TOOLS_METRICS_SERVER/metrics-server" \
    --bind-address=127.0.0.1 --secure-port="$METRICS_SERVER_PORT" \
    --tls-cert-file="$pki/metrics-server.crt" --tls-private-key-file="$pki/metrics-server.key" \
    --kubeconfig="$kc" --authentication-kubeconfig="$kc" --authorization-kubeconfig="$kc" \
    --requestheader-client-ca-file="$pki/front-proxy-ca.crt" \
    --requestheader-allowed-names=front-proxy-client \
    --kubelet-preferred-address-types=InternalIP --kubelet-use-node-status-port \
    --kubelet-certificate-authority="$pki/ca.crt" \
    --metric-resolution=15s
  # Live, not ready: ready means two scrapes done (about 30 s), which nothing here needs to
  # wait for; the metrics API answers 503 until then and the web app shows no samples yet.
  wait_ready metrics-server 60 curl -fsS --max-time 2 --cacert "$pki/ca.crt" \
    "https://127.0.0.1:$METRICS_SERVER_PORT/livez"
}
