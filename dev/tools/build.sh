#!/usr/bin/env bash
# Builds the Go tools of the local stack once into a cache outside the repository.
#
#   dev/tools/build.sh [TOOL...]      TOOL: kubernetes etcd helm kwok metrics-server crane helm4
#                                     (default: the stack's five; crane is for dev/image, helm4 for a storage test)
#
# Each tool is a small wrapper module in dev/tools/<TOOL>/ whose `tool` lines pin the
# upstream program. The cache entry is keyed by the pinned version and a hash of the
# wrapper's go.mod/go.sum, so a version bump rebuilds and everything else is a no-op.
# Prints the directory holding the binaries of each tool, one per line.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="${LANTHORN_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/lanthorn/tools}"

# tool -> "package=binary ..." (binary names are explicit: etcd's package path ends in v3)
declare -A PROGRAMS=(
  [kubernetes]="k8s.io/kubernetes/cmd/kube-apiserver=kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager=kube-controller-manager k8s.io/kubernetes/cmd/kube-scheduler=kube-scheduler k8s.io/kubernetes/cmd/kubectl=kubectl"
  [etcd]="go.etcd.io/etcd/server/v3=etcd"
  [helm]="helm.sh/helm/v3/cmd/helm=helm"
  [helm4]="helm.sh/helm/v4/cmd/helm=helm"
  [kwok]="sigs.k8s.io/kwok/cmd/kwok=kwok"
  [metrics-server]="sigs.k8s.io/metrics-server/cmd/metrics-server=metrics-server"
  [crane]="github.com/google/go-containerregistry/cmd/crane=crane"
)
# tool -> the module whose version names the cache entry
declare -A MAIN_MODULE=(
  [kubernetes]="k8s.io/kubernetes"
  [etcd]="go.etcd.io/etcd/server/v3"
  [helm]="helm.sh/helm/v3"
  [helm4]="helm.sh/helm/v4"
  [kwok]="sigs.k8s.io/kwok"
  [metrics-server]="sigs.k8s.io/metrics-server"
  [crane]="github.com/google/go-containerregistry"
)

# version_of TOOL: the pinned version of TOOL's main module.
version_of() {
  local tool="$1" version
  version="$(awk -v m="${MAIN_MODULE[$tool]}" '$1 == m && $2 ~ /^v/ { print $2; exit }' \
    "$ROOT/dev/tools/$tool/go.mod")"
  if [[ -z "$version" ]]; then
    echo "dev/tools: cannot find the version of ${MAIN_MODULE[$tool]} in $ROOT/dev/tools/$tool/go.mod" >&2
    return 1
  fi
  echo "$version"
}

# ldflags_of TOOL: the linker flags of TOOL's binaries. A plain `go build` of Kubernetes
# leaves its version variables empty, so the apiserver would report v0.0.0 at /version and
# clients (Lanthorn's header, kubectl, Helm's capabilities) would see a cluster of no version.
ldflags_of() {
  local tool="$1" version minor flags="-s -w" pkg
  if [[ $tool == kubernetes ]]; then
    version="$(version_of kubernetes)"
    minor="$(cut -d. -f2 <<<"$version")"
    for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
      flags+=" -X $pkg.gitVersion=$version -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor"
      flags+=" -X $pkg.gitTreeState=clean"
    done
  fi
  echo "$flags"
}

# cache_dir TOOL: where TOOL's binaries live for the pinned version and build recipe.
cache_dir() {
  local tool="$1" dir="$ROOT/dev/tools/$1" version hash
  version="$(version_of "$tool")"
  hash="$( (cat "$dir/go.mod" "$dir/go.sum" && ldflags_of "$tool") | sha256sum | cut -c1-10)"
  echo "$CACHE/$tool-$version-$hash"
}

build_tool() {
  local tool="$1" out partial entry pkg bin log ldflags
  out="$(cache_dir "$tool")"
  ldflags="$(ldflags_of "$tool")"
  if [[ -f "$out/.complete" ]]; then
    echo "$out"
    return 0
  fi
  partial="$out.partial.$$"
  rm -rf "$partial"
  mkdir -p "$partial"
  log="$partial/build.log"
  echo "dev/tools: building $tool into $out (first time only; this can take many minutes)" >&2
  for entry in ${PROGRAMS[$tool]}; do
    pkg="${entry%%=*}"
    bin="${entry#*=}"
    echo "dev/tools:   go build $pkg" >&2
    if ! (cd "$ROOT/dev/tools/$tool" && go build -ldflags="$ldflags" -o "$partial/$bin" "$pkg") >"$log" 2>&1; then
      echo "dev/tools: building $pkg failed:" >&2
      cat "$log" >&2
      rm -rf "$partial"
      return 1
    fi
  done
  rm -f "$log"
  touch "$partial/.complete"
  rm -rf "$out"
  mv "$partial" "$out"
  echo "$out"
}

main() {
  local tools=("$@")
  [[ ${#tools[@]} -gt 0 ]] || tools=(kubernetes etcd helm kwok metrics-server)
  for tool in "${tools[@]}"; do
    if [[ -z "${PROGRAMS[$tool]:-}" ]]; then
      echo "dev/tools: unknown tool '$tool' (known: ${!PROGRAMS[*]})" >&2
      exit 2
    fi
    build_tool "$tool"
  done
}

main "$@"
