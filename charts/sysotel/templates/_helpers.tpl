{{- define "sysotel.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "sysotel.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "sysotel.selectorLabels" -}}
app.kubernetes.io/name: {{ include "sysotel.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "sysotel.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "sysotel.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "sysotel.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "sysotel.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* Where the default otlp exporter sends: the sidecar on the pod's loopback, or the gateway; empty for neither. */}}
{{- define "sysotel.otlpEndpoint" -}}
{{- if .Values.sidecar.enabled -}}
{{- $grpc := .Values.sidecar.config.receivers.otlp.protocols.grpc.endpoint -}}
{{- printf "http://127.0.0.1:%s" (regexFind "[0-9]+$" $grpc) -}}
{{- else if .Values.gateway.enabled -}}
{{- if .Values.gateway.endpoint -}}
{{- .Values.gateway.endpoint -}}
{{- else -}}
{{- printf "http://%s-gateway.%s.svc:4317" (include "sysotel.fullname" .) .Release.Namespace -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The collector's configuration file, sysotel.yaml. */}}
{{- define "sysotel.config" -}}
{{- $otlp := include "sysotel.otlpEndpoint" . -}}
{{- $exporters := deepCopy .Values.config.exporters -}}
{{- $default := list "stdout" -}}
{{- if $otlp -}}
{{- $_ := set $exporters "otlp" (dict "endpoint" $otlp "protocol" "grpc") -}}
{{- $default = list "otlp" -}}
{{- else -}}
{{- $_ := set $exporters "stdout" (dict "format" "json") -}}
{{- end -}}
{{- $pipelines := dict -}}
{{- range $id, $p := .Values.config.pipelines -}}
{{- $q := deepCopy $p -}}
{{- if not (hasKey $q "exporters") -}}
{{- $_ := set $q "exporters" $default -}}
{{- end -}}
{{- $_ := set $pipelines $id $q -}}
{{- end -}}
{{- $metrics := dict "interval" .Values.metrics.interval "prometheus" (printf "0.0.0.0:%d" (int .Values.metrics.port)) -}}
{{- if and $otlp .Values.metrics.otlp -}}
{{- $_ := set $metrics "exporters" (list "otlp") -}}
{{- end -}}
{{- $health := dict "endpoint" (printf "0.0.0.0:%d" (int .Values.health.port)) -}}
{{- if and $otlp .Values.health.requireExporter -}}
{{- $_ := set $health "requireExporters" (list "otlp") -}}
{{- end -}}
{{- $service := dict "name" .Values.config.serviceName "admin" (dict "socket" "/run/sysotel/admin.sock") "telemetry" (dict "metrics" $metrics "health" $health) -}}
{{- toYaml (dict "service" $service "exporters" $exporters "pipelines" $pipelines) -}}
{{- end -}}
