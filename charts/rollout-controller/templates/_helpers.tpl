{{/* Chart name, truncated to the 63 characters Kubernetes allows in names. */}}
{{- define "rollout-controller.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name: release-chart, or the release name when it already contains the chart name. */}}
{{- define "rollout-controller.fullname" -}}
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

{{- define "rollout-controller.selectorLabels" -}}
app.kubernetes.io/name: {{ include "rollout-controller.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "rollout-controller.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "rollout-controller.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "rollout-controller.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "rollout-controller.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "rollout-controller.policiesConfigMap" -}}
{{- default (printf "%s-policies" (include "rollout-controller.fullname" .)) .Values.policies.existingConfigMap }}
{{- end }}

{{- define "rollout-controller.isSqlite" -}}
{{- if eq (lower .Values.store.provider) "sqlite" }}true{{ end }}
{{- end }}

{{/* The chart's own Secret: the connection string, notification routes and API tokens that are given as values. */}}
{{- define "rollout-controller.secretData" -}}
{{- if and .Values.store.connectionString (not .Values.store.existingSecret) }}
RolloutController__Store__ConnectionString: {{ .Values.store.connectionString | b64enc | quote }}
{{- end }}
{{- if not .Values.notifications.existingSecret }}
{{- range $route, $channels := .Values.notifications.routes }}
{{- range $i, $channel := $channels }}
{{- range $key, $value := $channel }}
{{ printf "RolloutController__Notifications__Routes__%s__%d__%s" $route (int $i) (title $key) }}: {{ toString $value | b64enc | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
{{- if not .Values.api.existingSecret }}
{{- range $i, $token := .Values.api.tokens }}
{{ printf "RolloutController__Api__Tokens__%d__Name" (int $i) }}: {{ required "api.tokens[].name is required" $token.name | b64enc | quote }}
{{ printf "RolloutController__Api__Tokens__%d__Token" (int $i) }}: {{ required "api.tokens[].token is required" $token.token | b64enc | quote }}
{{- range $j, $role := $token.roles }}
{{ printf "RolloutController__Api__Tokens__%d__Roles__%d" (int $i) (int $j) }}: {{ $role | b64enc | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
