{{/* Names, labels and the pieces of the Deployment that depend on several values. */}}

{{- define "lanthorn.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "lanthorn.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "lanthorn.namespace" -}}
{{- default .Release.Namespace .Values.namespaceOverride }}
{{- end }}

{{- define "lanthorn.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "lanthorn.selectorLabels" -}}
app.kubernetes.io/name: {{ include "lanthorn.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "lanthorn.labels" -}}
helm.sh/chart: {{ include "lanthorn.chart" . }}
{{ include "lanthorn.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "lanthorn.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "lanthorn.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "lanthorn.image" -}}
{{- $image := .Values.image }}
{{- $name := $image.repository }}
{{- with $image.registry }}{{ $name = printf "%s/%s" . $name }}{{ end }}
{{- if $image.digest }}
{{- printf "%s@%s" $name $image.digest }}
{{- else }}
{{- printf "%s:%s" $name (default .Chart.AppVersion $image.tag) }}
{{- end }}
{{- end }}

{{/* The Secret holding config.oidc.clientSecret, made by the chart. */}}
{{- define "lanthorn.oidcSecretName" -}}
{{- default (printf "%s-oidc" (include "lanthorn.fullname" .)) .Values.config.oidc.secret.name }}
{{- end }}

{{/* "true" when the chart mounts config.oidc.clientSecret from its own Secret. */}}
{{- define "lanthorn.oidcSecretFile" -}}
{{- if and .Values.config.oidc.clientSecret .Values.config.oidc.secret.create }}true{{ end }}
{{- end }}

{{/* The Secret (name, key) holding the session store URL, if any. */}}
{{- define "lanthorn.sessionStoreSecret" -}}
{{- $redis := .Values.sessionStore.redis }}
{{- if $redis.existingSecret }}
{{- dict "name" $redis.existingSecret "key" (default "url" $redis.existingSecretKey) | toJson }}
{{- else if $redis.url }}
{{- dict "name" (printf "%s-session-store" (include "lanthorn.fullname" .)) "key" "url" | toJson }}
{{- else }}
{{- dict | toJson }}
{{- end }}
{{- end }}

{{/* The Secret (name, key) holding the session key, if any. */}}
{{- define "lanthorn.sessionKeySecret" -}}
{{- $key := .Values.sessionSecret }}
{{- if $key.existingSecret }}
{{- dict "name" $key.existingSecret "key" (default "key" $key.existingSecretKey) | toJson }}
{{- else if $key.create }}
{{- dict "name" (printf "%s-session-key" (include "lanthorn.fullname" .)) "key" "key" | toJson }}
{{- else }}
{{- dict | toJson }}
{{- end }}
{{- end }}

{{/* Whether the pod gets the ServiceAccount token (only the unsafe mode uses it). */}}
{{- define "lanthorn.mountToken" -}}
{{- if or .Values.automountServiceAccountToken (and .Values.config.inCluster .Values.config.unsafeUseServiceAccountToken) (and .Values.config.inCluster .Values.impersonation.enabled) }}true{{ end }}
{{- end }}

{{/* Names of the variables env and extraEnv define (Headlamp's OIDC_* become flags). */}}
{{- define "lanthorn.envNames" -}}
{{- $names := dict }}
{{- range (concat (.Values.env | default list) (.Values.extraEnv | default list)) }}
{{- $_ := set $names .name true }}
{{- end }}
{{- $names | toJson }}
{{- end }}

{{/* The scopes value as Headlamp's comma-separated text (a list is joined). */}}
{{- define "lanthorn.scopes" -}}
{{- $scopes := .Values.config.oidc.scopes }}
{{- if kindIs "slice" $scopes }}{{ join "," $scopes }}{{ else }}{{ $scopes | default "" }}{{ end }}
{{- end }}

{{/*
The container's arguments, as a YAML list. Every flag is spelled --name=value so that no
value can be taken for a flag. Secrets never appear here: the client secret is a file, the
session store URL an environment variable from a Secret.
*/}}
{{- define "lanthorn.args" -}}
{{- $c := .Values.config }}
{{- $o := $c.oidc }}
{{- $external := $o.externalSecret.enabled }}
{{- $env := include "lanthorn.envNames" . | fromJson }}
{{- $args := list }}
{{- if $c.inCluster }}
{{- $args = append $args "--in-cluster" }}
{{- with $c.inClusterContextName }}{{ $args = append $args (printf "--in-cluster-context-name=%s" .) }}{{ end }}
{{- end }}
{{- with $c.kubeconfig }}{{ $args = append $args (printf "--kubeconfig=%s" .) }}{{ end }}
{{- if $c.listenAddress }}
{{- $args = append $args (printf "--listen-address=%s" $c.listenAddress) }}
{{- else if not $c.inCluster }}
{{- $args = append $args "--listen-address=0.0.0.0" }}
{{- end }}
{{- with $c.baseURL }}{{ $args = append $args (printf "--base-url=%s" .) }}{{ end }}
{{- if not (kindIs "invalid" $c.sessionTTL) }}
{{- $args = append $args (printf "--session-ttl=%d" (int64 $c.sessionTTL)) }}
{{- end }}
{{- if not (kindIs "invalid" $c.sessionIdleTimeout) }}
{{- $args = append $args (printf "--session-idle-timeout=%d" (int64 $c.sessionIdleTimeout)) }}
{{- end }}
{{- if (include "lanthorn.sessionKeySecret" . | fromJson).name }}
{{- $args = append $args "--session-secret-file=/etc/lanthorn/session/key" }}
{{- end }}
{{- if and $c.inCluster $c.unsafeUseServiceAccountToken }}
{{- $args = append $args "--unsafe-use-service-account-token" }}
{{- end }}
{{- if and (not $c.inCluster) $c.unsafeUseKubeconfigCredential }}
{{- $args = append $args "--unsafe-use-kubeconfig-credential" }}
{{- end }}
{{- with $c.publicURL }}{{ $args = append $args (printf "--public-url=%s" .) }}{{ end }}
{{- with $c.serviceProxyOrigin }}{{ $args = append $args (printf "--service-proxy-origin=%s" .) }}{{ end }}
{{- /* Host names users reach Lanthorn by: the operator's, the Ingress's, the HTTPRoute's. */}}
{{- $hosts := list }}
{{- range $c.allowedHosts }}{{ $hosts = append $hosts . }}{{ end }}
{{- if .Values.ingress.enabled }}
{{- range .Values.ingress.hosts }}{{ with .host }}{{ $hosts = append $hosts . }}{{ end }}{{ end }}
{{- end }}
{{- if .Values.httpRoute.enabled }}
{{- range .Values.httpRoute.hostnames }}{{ $hosts = append $hosts . }}{{ end }}
{{- end }}
{{- range ($hosts | uniq) }}{{ $args = append $args (printf "--allowed-host=%s" .) }}{{ end }}
{{- if not $c.enableHelm }}
{{- $args = append $args "--disable-helm" }}
{{- end }}
{{- range $c.helm.repositories }}
{{- $args = append $args (printf "--helm-repository=%s=%s" .name .url) }}
{{- end }}
{{- with $c.logLevel }}{{ $args = append $args (printf "--log-level=%s" .) }}{{ end }}
{{- with $c.tlsCertPath }}{{ $args = append $args (printf "--tls-cert-file=%s" .) }}{{ end }}
{{- with $c.tlsKeyPath }}{{ $args = append $args (printf "--tls-key-file=%s" .) }}{{ end }}
{{- /* OIDC: a value wins; otherwise a variable from externalSecret or env, as Headlamp's chart does. */}}
{{- if $o.clientID }}
{{- $args = append $args (printf "--oidc-client-id=%s" $o.clientID) }}
{{- else if or $external (hasKey $env "OIDC_CLIENT_ID") }}
{{- $args = append $args "--oidc-client-id=$(OIDC_CLIENT_ID)" }}
{{- end }}
{{- if $o.issuerURL }}
{{- $args = append $args (printf "--oidc-issuer-url=%s" $o.issuerURL) }}
{{- else if or $external (hasKey $env "OIDC_ISSUER_URL") }}
{{- $args = append $args "--oidc-issuer-url=$(OIDC_ISSUER_URL)" }}
{{- end }}
{{- $scopes := include "lanthorn.scopes" . }}
{{- if $scopes }}
{{- $args = append $args (printf "--oidc-scopes=%s" $scopes) }}
{{- else if or (and $external $o.externalSecret.hasScopes) (hasKey $env "OIDC_SCOPES") }}
{{- $args = append $args "--oidc-scopes=$(OIDC_SCOPES)" }}
{{- end }}
{{- if $o.usePKCE }}
{{- $args = append $args "--oidc-use-pkce" }}
{{- else if hasKey $env "OIDC_USE_PKCE" }}
{{- $args = append $args "--oidc-use-pkce=$(OIDC_USE_PKCE)" }}
{{- end }}
{{- if $o.callbackURL }}
{{- $args = append $args (printf "--oidc-callback-url=%s" $o.callbackURL) }}
{{- else if hasKey $env "OIDC_CALLBACK_URL" }}
{{- $args = append $args "--oidc-callback-url=$(OIDC_CALLBACK_URL)" }}
{{- end }}
{{- if $o.useAccessToken }}
{{- $args = append $args "--oidc-use-access-token" }}
{{- else if hasKey $env "OIDC_USE_ACCESS_TOKEN" }}
{{- $args = append $args "--oidc-use-access-token=$(OIDC_USE_ACCESS_TOKEN)" }}
{{- end }}
{{- with $o.caFile }}{{ $args = append $args (printf "--oidc-ca-file=%s" .) }}{{ end }}
{{- with $o.usernameClaim }}{{ $args = append $args (printf "--oidc-username-claim=%s" .) }}{{ end }}
{{- with $o.groupsClaim }}{{ $args = append $args (printf "--oidc-groups-claim=%s" .) }}{{ end }}
{{- with $o.usernamePrefix }}{{ $args = append $args (printf "--oidc-username-prefix=%s" .) }}{{ end }}
{{- with $o.groupsPrefix }}{{ $args = append $args (printf "--oidc-groups-prefix=%s" .) }}{{ end }}
{{- with $o.impersonate }}{{ $args = append $args (printf "--oidc-impersonate=%s" (join "," .)) }}{{ end }}
{{- if include "lanthorn.oidcSecretFile" . }}
{{- $args = append $args "--oidc-client-secret-file=/etc/lanthorn/oidc/client-secret" }}
{{- end }}
{{- include "lanthorn.checkExtraArgs" (dict "chart" $args "extra" ($c.extraArgs | default list)) }}
{{- concat $args ($c.extraArgs | default list) | toYaml }}
{{- end }}

{{/* A flag's name without dashes or value, Headlamp's aliases folded into Lanthorn's names. */}}
{{- define "lanthorn.flagName" -}}
{{- $name := regexReplaceAll "^-{1,2}([^=]*).*$" . "${1}" }}
{{- $aliases := dict "oidc-idp-issuer-url" "oidc-issuer-url" "listen-addr" "listen-address" "tls-cert-path" "tls-cert-file" "tls-key-path" "tls-key-file" "oidc-client-secret-file" "oidc-client-secret" "enable-helm" "disable-helm" }}
{{- get $aliases $name | default $name }}
{{- end }}

{{/*
config.extraArgs must not set a flag the chart already sets (the server refuses a flag
given twice, so the pod would crash-loop), nor hold a client secret literally.
*/}}
{{- define "lanthorn.checkExtraArgs" -}}
{{- $ours := dict }}
{{- range .chart }}{{ $_ := set $ours (include "lanthorn.flagName" .) true }}{{ end }}
{{- $previous := "" }}
{{- range .extra }}
{{- $arg := toString . }}
{{- if hasPrefix "-" $arg }}
{{- $name := include "lanthorn.flagName" $arg }}
{{- if hasKey $ours $name }}
{{- fail (printf "config.extraArgs: %s sets --%s, which the chart already sets from its values; remove one of them" $arg $name) }}
{{- end }}
{{- if and (eq $name "oidc-client-secret") (contains "=" $arg) }}
{{- $value := regexReplaceAll "^[^=]*=" $arg "" }}
{{- if not (regexMatch "^\\$\\([A-Za-z_][A-Za-z0-9_]*\\)$" $value) }}
{{- fail "config.extraArgs: --oidc-client-secret holds a literal secret; pass it as --oidc-client-secret=$(OIDC_CLIENT_SECRET) with OIDC_CLIENT_SECRET from a Secret in extraEnv (valueFrom.secretKeyRef)" }}
{{- end }}
{{- end }}
{{- else if eq $previous "oidc-client-secret" }}
{{- if not (regexMatch "^\\$\\([A-Za-z_][A-Za-z0-9_]*\\)$" $arg) }}
{{- fail "config.extraArgs: --oidc-client-secret holds a literal secret; pass it as --oidc-client-secret=$(OIDC_CLIENT_SECRET) with OIDC_CLIENT_SECRET from a Secret in extraEnv (valueFrom.secretKeyRef)" }}
{{- end }}
{{- end }}
{{- $previous = ternary (include "lanthorn.flagName" $arg) "" (hasPrefix "-" $arg) }}
{{- end }}
{{- end }}

{{/* Refuses values that would leak a secret or could not work; names the value to fix. */}}
{{- define "lanthorn.validate" -}}
{{- $o := .Values.config.oidc }}
{{- if and $o.clientSecret (not $o.secret.create) }}
{{- fail "config.oidc.clientSecret is set but config.oidc.secret.create is false: the chart does not write a client secret into the Deployment. Let the chart keep it in a Secret (config.oidc.secret.create: true), or put it in your own Secret and use extraEnv (OIDC_CLIENT_SECRET from valueFrom.secretKeyRef) or config.oidc.externalSecret" }}
{{- end }}
{{- if and $o.externalSecret.enabled (not $o.externalSecret.name) }}
{{- fail "config.oidc.externalSecret.enabled needs config.oidc.externalSecret.name, the Secret holding OIDC_CLIENT_ID, OIDC_ISSUER_URL and OIDC_CLIENT_SECRET" }}
{{- end }}
{{- if and $o.externalSecret.enabled $o.clientSecret }}
{{- fail "config.oidc.clientSecret and config.oidc.externalSecret both give the client secret; keep it in one place" }}
{{- end }}
{{- $secretVars := list "OIDC_CLIENT_SECRET" "LANTHORN_OIDC_CLIENT_SECRET" "HEADLAMP_CONFIG_OIDC_CLIENT_SECRET" }}
{{- range $list := list "env" "extraEnv" }}
{{- range (get $.Values $list | default list) }}
{{- if and (has .name $secretVars) .value }}
{{- fail (printf "%s: %s has a literal value; take it from a Secret with valueFrom.secretKeyRef (or set config.oidc.clientSecret, which the chart keeps in a Secret)" $list .name) }}
{{- end }}
{{- if and (has .name $secretVars) $o.clientSecret }}
{{- fail (printf "config.oidc.clientSecret and %s %s both give the client secret; keep it in one place" $list .name) }}
{{- end }}
{{- end }}
{{- end }}
{{- $redis := .Values.sessionStore.redis }}
{{- if and $redis.url $redis.existingSecret }}
{{- fail "sessionStore.redis.url and sessionStore.redis.existingSecret are both set; give one" }}
{{- end }}
{{- if and .Values.sessionSecret.create .Values.sessionSecret.existingSecret }}
{{- fail "sessionSecret.create and sessionSecret.existingSecret are both set; give one" }}
{{- end }}
{{- $store := (include "lanthorn.sessionStoreSecret" . | fromJson).name }}
{{- $key := (include "lanthorn.sessionKeySecret" . | fromJson).name }}
{{- if gt (int .Values.replicaCount) 1 }}
{{- if not $store }}
{{- fail (printf "replicaCount is %d: several replicas need a shared session store. Set sessionStore.redis.url (an existing Redis, redis://host:6379/0) or sessionStore.redis.existingSecret; sessions in memory are not shared between replicas" (int .Values.replicaCount)) }}
{{- end }}
{{- if not $key }}
{{- fail (printf "replicaCount is %d: several replicas need one shared session key. Set sessionSecret.existingSecret (a Secret with `openssl rand -base64 32` under key \"key\") or sessionSecret.create: true" (int .Values.replicaCount)) }}
{{- end }}
{{- end }}
{{- if and $store (not $key) }}
{{- fail "sessionStore.redis needs a session key that outlives the pod: set sessionSecret.existingSecret or sessionSecret.create: true (otherwise every restart makes the stored sessions unreadable)" }}
{{- end }}
{{- if and .Values.clusterRoleBinding.create (not .Values.clusterRoleBinding.clusterRoleName) }}
{{- fail "clusterRoleBinding.create needs clusterRoleBinding.clusterRoleName; there is no default: bind the least the pod's ServiceAccount needs (it is used only with config.unsafeUseServiceAccountToken)" }}
{{- end }}
{{- if and .Values.httpRoute.enabled (not .Values.httpRoute.parentRefs) }}
{{- fail "httpRoute.enabled needs httpRoute.parentRefs, the Gateway(s) to attach to" }}
{{- end }}
{{- if and (not .Values.config.inCluster) .Values.config.unsafeUseServiceAccountToken }}
{{- fail "config.unsafeUseServiceAccountToken only applies with config.inCluster: true" }}
{{- end }}
{{- end }}
