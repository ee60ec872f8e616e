# Local certificate authority and certificates of the dev stack (sourced by dev/stack).
# shellcheck shell=bash
# Everything is generated once under $STATE/pki and reused; delete the folder to rotate.

# issue_cert NAME SUBJECT SANS [CA]: a key and a certificate signed by the local CA (or by the
# CA named CA, e.g. front-proxy-ca). SANS is an openssl subjectAltName value, or empty for a
# client certificate.
issue_cert() {
  local name="$1" subject="$2" sans="$3" ca="${4:-ca}" dir="$STATE/pki" ext
  [[ -f "$dir/$name.crt" ]] && return 0
  ext="$dir/$name.ext"
  {
    echo "basicConstraints=CA:FALSE"
    echo "keyUsage=critical,digitalSignature,keyEncipherment"
    if [[ -n "$sans" ]]; then
      echo "extendedKeyUsage=serverAuth,clientAuth"
      echo "subjectAltName=$sans"
    else
      echo "extendedKeyUsage=clientAuth"
    fi
  } >"$ext"
  openssl genrsa -out "$dir/$name.key" 2048 2>/dev/null
  openssl req -new -key "$dir/$name.key" -subj "$subject" -out "$dir/$name.csr" 2>/dev/null
  openssl x509 -req -in "$dir/$name.csr" -CA "$dir/$ca.crt" -CAkey "$dir/$ca.key" \
    -CAcreateserial -days 3650 -sha256 -extfile "$ext" -out "$dir/$name.crt" 2>/dev/null
  rm -f "$dir/$name.csr" "$ext"
  chmod 600 "$dir/$name.key"
}

# ensure_ca NAME CN: a self-signed certificate authority NAME.crt/NAME.key.
ensure_ca() {
  local name="$1" cn="$2" dir="$STATE/pki"
  [[ -f "$dir/$name.crt" ]] && return 0
  openssl genrsa -out "$dir/$name.key" 2048 2>/dev/null
  openssl req -x509 -new -key "$dir/$name.key" -days 3650 -sha256 \
    -subj "/CN=$cn" -out "$dir/$name.crt" 2>/dev/null
  chmod 600 "$dir/$name.key"
}

ensure_pki() {
  local dir="$STATE/pki"
  mkdir -p "$dir"
  chmod 700 "$dir"
  ensure_ca ca lanthorn-dev-ca
  # The aggregation layer's own CA: the apiserver proxies to metrics-server with a client
  # certificate from it, and metrics-server believes X-Remote-User only from that CA, so an
  # ordinary client certificate of the main CA can never claim another user's name.
  ensure_ca front-proxy-ca lanthorn-dev-front-proxy-ca
  local loopback="IP:127.0.0.1,DNS:localhost"
  issue_cert apiserver "/CN=kube-apiserver" \
    "$loopback,IP:10.0.0.1,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
  issue_cert oidc "/CN=lanthorn-dev-oidc" "$loopback"
  issue_cert kwok "/CN=kwok-kubelet" "$loopback"
  issue_cert admin "/O=system:masters/CN=lanthorn-dev-admin" ""
  issue_cert apiserver-kubelet-client "/O=system:masters/CN=kube-apiserver-kubelet-client" ""
  issue_cert controller-manager "/CN=system:kube-controller-manager" ""
  issue_cert scheduler "/CN=system:kube-scheduler" ""
  issue_cert front-proxy-client "/CN=front-proxy-client" "" front-proxy-ca
  # metrics-server serves on loopback; the aggregator checks the name <service>.<namespace>.svc.
  issue_cert metrics-server "/CN=metrics-server" \
    "$loopback,DNS:metrics-server.kube-system.svc"
  issue_cert metrics-server-client "/CN=system:metrics-server" ""
  if [[ ! -f "$dir/sa.key" ]]; then
    openssl genrsa -out "$dir/sa.key" 2048 2>/dev/null
    openssl rsa -in "$dir/sa.key" -pubout -out "$dir/sa.pub" 2>/dev/null
    chmod 600 "$dir/sa.key"
  fi
}

# write_kubeconfig FILE CERT_NAME USER: a kubeconfig with cluster `dev` using a client certificate.
write_kubeconfig() {
  local file="$1" cert="$2" user="$3" dir="$STATE/pki"
  cat >"$file.tmp" <<YAML
apiVersion: v1
kind: Config
clusters:
- name: dev
  cluster:
    server: https://127.0.0.1:$APISERVER_PORT
    certificate-authority-data: $(base64 -w0 <"$dir/ca.crt")
users:
- name: $user
  user:
    client-certificate-data: $(base64 -w0 <"$dir/$cert.crt")
    client-key-data: $(base64 -w0 <"$dir/$cert.key")
contexts:
- name: dev
  context:
    cluster: dev
    user: $user
current-context: dev
YAML
  chmod 600 "$file.tmp"
  mv "$file.tmp" "$file"
}
