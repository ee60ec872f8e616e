# syntax=docker/dockerfile:1
# Lanthorn's container image: one static binary (the web app embedded) and the helm
# program on an empty base, running as the unprivileged user 65532.
#
#   docker build -t lanthorn:0.1.0 .
#
# Without a Docker engine, dev/image builds the same image as an OCI layout with crane
# (docs/install.md).

ARG RUST_VERSION=1.95
ARG GO_VERSION=1.26
ARG NODE_VERSION=22

# The web app, embedded into the binary at build time.
FROM node:${NODE_VERSION}-bookworm AS web
WORKDIR /src/web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY web/ ./
RUN npm run build

# helm, pinned by the same wrapper module the development stack uses; static (no cgo).
FROM golang:${GO_VERSION}-bookworm AS helm
WORKDIR /src/dev/tools/helm
COPY dev/tools/helm/go.mod dev/tools/helm/go.sum ./
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/helm helm.sh/helm/v3/cmd/helm

# The server, linked statically against musl.
FROM rust:${RUST_VERSION}-bookworm AS server
RUN apt-get update \
 && apt-get install -y --no-install-recommends musl-tools \
 && rm -rf /var/lib/apt/lists/* \
 && rustup target add "$(uname -m)-unknown-linux-musl"
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
COPY crates/ crates/
COPY --from=web /src/web/dist/ web/dist/
RUN target="$(uname -m)-unknown-linux-musl" \
 && cargo build --release --locked -p lanthorn --target "$target" \
 && mkdir -p /out \
 && cp "target/$target/release/lanthorn" /out/lanthorn \
 && /out/lanthorn --version

# The files of the final image: the programs, the user, the CA bundle and /tmp.
FROM debian:bookworm-slim AS rootfs
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/*
RUN mkdir -p /rootfs/usr/local/bin /rootfs/etc/ssl/certs /rootfs/tmp \
 && chmod 1777 /rootfs/tmp \
 && cp /etc/ssl/certs/ca-certificates.crt /rootfs/etc/ssl/certs/ \
 && printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' >/rootfs/etc/passwd \
 && printf 'root:x:0:\nnonroot:x:65532:\n' >/rootfs/etc/group \
 && printf 'hosts: files dns\n' >/rootfs/etc/nsswitch.conf
COPY --from=server /out/lanthorn /rootfs/usr/local/bin/lanthorn
COPY --from=helm /out/helm /rootfs/usr/local/bin/helm

FROM scratch
COPY --from=rootfs /rootfs/ /
USER 65532:65532
WORKDIR /
ENV PATH=/usr/local/bin:/usr/bin:/bin \
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt \
    LANTHORN_LISTEN_ADDRESS=0.0.0.0
EXPOSE 4466
LABEL org.opencontainers.image.title="lanthorn" \
      org.opencontainers.image.description="Kubernetes web UI fronting each cluster with the signed-in user's own identity"
ENTRYPOINT ["/usr/local/bin/lanthorn"]
