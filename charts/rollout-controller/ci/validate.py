#!/usr/bin/env python3
"""Checks one rendering of the chart (stdin): valid YAML, well-formed Kubernetes objects, and the settings the
controller relies on: probes, resources, security context, the store's connection string, the PodDisruptionBudget,
NetworkPolicy, ServiceMonitor, PrometheusRule and dashboard ConfigMap matching the Deployment and Service. The
Kubernetes schemas themselves are checked by tests/js/chart/validate.mjs.
Usage: validate.py --expect Kind[,Kind...] [--secret-keys N] [--connection-string S | --connection-secret NAME/KEY]
  < manifests.yaml   (the dashboard ConfigMap counts as kind "Dashboard")"""
import argparse
import base64
import json
import re
import sys

import yaml

NAME = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
ENV_NAME = re.compile(r"^[-._a-zA-Z][-._a-zA-Z0-9]*$")
SECRET_KEY = re.compile(r"^[-._a-zA-Z0-9]+$")
POLICIES = "/etc/rollout-controller/policies"

problems = []


def check(condition, message):
    if not condition:
        problems.append(message)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--expect", required=True, help="comma-separated kinds, in rendering order")
    parser.add_argument("--secret-keys", type=int, default=None, help="number of keys the chart Secret must hold")
    parser.add_argument("--connection-string", help="the store connection string the chart Secret must hold")
    parser.add_argument("--connection-secret", help="NAME/KEY of the existing Secret the connection string must come from")
    args = parser.parse_args()

    docs = [d for d in yaml.safe_load_all(sys.stdin) if d is not None]
    kinds = [kind_of(d) for d in docs]
    check(kinds == args.expect.split(","), f"kinds {kinds} != expected {args.expect}")

    for doc in docs:
        where = f"{doc.get('kind')}/{doc.get('metadata', {}).get('name')}"
        check(isinstance(doc.get("apiVersion"), str), f"{where}: apiVersion missing")
        meta = doc.get("metadata") or {}
        name = meta.get("name") or ""
        check(NAME.match(name) and len(name) <= 63, f"{where}: invalid name {name!r}")
        labels = meta.get("labels") or {}
        check(labels.get("app.kubernetes.io/managed-by") == "Helm", f"{where}: standard labels missing")
        check(all(isinstance(v, str) for v in labels.values()), f"{where}: label values must be strings")

    check(len(set(kinds)) == len(kinds), f"two objects of one kind: {kinds}")
    by_kind = {kind_of(d): d for d in docs}
    if "Deployment" in by_kind:
        deployment(by_kind["Deployment"], by_kind)
        store(by_kind["Deployment"], by_kind, args)
        selector = by_kind["Deployment"]["spec"]["selector"]["matchLabels"]
        replicas = by_kind["Deployment"]["spec"]["replicas"]
        check(("PodDisruptionBudget" in by_kind) == (replicas > 1), "PodDisruptionBudget: rendered iff replicas > 1")
        if "PodDisruptionBudget" in by_kind:
            pdb = by_kind["PodDisruptionBudget"]["spec"]
            check(pdb["selector"]["matchLabels"] == selector, "PodDisruptionBudget: selector is not the Deployment's")
            check(0 < pdb.get("maxUnavailable", 0) < replicas, f"PodDisruptionBudget: maxUnavailable {pdb.get('maxUnavailable')}")
        if "NetworkPolicy" in by_kind:
            policy = by_kind["NetworkPolicy"]["spec"]
            check(policy["podSelector"]["matchLabels"] == selector, "NetworkPolicy: podSelector is not the Deployment's")
            ports = [p["port"] for rule in policy["ingress"] for p in rule["ports"]]
            check(ports == ["http"], f"NetworkPolicy: ingress ports {ports}, expected the http port only")
    if "Service" in by_kind and "ServiceMonitor" in by_kind:
        service_monitor(by_kind["ServiceMonitor"], by_kind["Service"])
    if "PrometheusRule" in by_kind:
        prometheus_rule(by_kind["PrometheusRule"], by_kind.get("Service"))
    if "Dashboard" in by_kind:
        dashboard(by_kind["Dashboard"])
    if "ServiceAccount" in by_kind:
        check(by_kind["ServiceAccount"].get("automountServiceAccountToken") is False, "ServiceAccount: token automounted")
    if "Secret" in by_kind:
        data = by_kind["Secret"].get("data") or {}
        for key, value in data.items():
            check(SECRET_KEY.match(key) and ENV_NAME.match(key), f"Secret: bad key {key!r}")
            try:
                base64.b64decode(value, validate=True)
            except Exception:  # noqa: BLE001 - any decoding failure is a problem to report
                problems.append(f"Secret: {key} is not base64")
        if args.secret_keys is not None:
            check(len(data) == args.secret_keys, f"Secret: {len(data)} keys, expected {args.secret_keys}")
    if "ConfigMap" in by_kind:
        for file, text in (by_kind["ConfigMap"].get("data") or {}).items():
            check(file.endswith((".yaml", ".yml")), f"ConfigMap: {file} is not a .yaml file")
            policy = yaml.safe_load(text)
            check(isinstance(policy, dict) and policy.get("kind") == "RolloutPolicy", f"ConfigMap: {file} is not a RolloutPolicy")
    if "Service" in by_kind:
        ports = by_kind["Service"]["spec"]["ports"]
        check(ports[0]["targetPort"] == "http", "Service: targetPort is not the named container port")

    if problems:
        print("\n".join("  FAIL " + p for p in problems))
        sys.exit(1)
    print(f"  ok: {len(docs)} objects ({', '.join(kinds)})")


def deployment(d, by_kind):
    spec = d["spec"]
    pod = spec["template"]["spec"]
    check(spec["selector"]["matchLabels"].items() <= spec["template"]["metadata"]["labels"].items(),
          "Deployment: selector does not match the pod labels")
    check(pod.get("automountServiceAccountToken") is False, "Deployment: token automounted")
    check(pod["securityContext"].get("runAsNonRoot") is True, "Deployment: not runAsNonRoot")
    (c,) = pod["containers"]
    check(c["securityContext"].get("readOnlyRootFilesystem") is True, "Deployment: root file system writable")
    check(c["securityContext"].get("allowPrivilegeEscalation") is False, "Deployment: privilege escalation allowed")
    check(c["args"][:3] == ["serve", "--policies", POLICIES], f"Deployment: args {c['args']}")
    check(c["livenessProbe"]["httpGet"]["path"] == "/healthz", "Deployment: liveness probe is not /healthz")
    check(c["readinessProbe"]["httpGet"]["path"] == "/readyz", "Deployment: readiness probe is not /readyz")
    check(c["startupProbe"]["httpGet"]["path"] == "/healthz", "Deployment: startup probe is not /healthz")
    for probe in ("livenessProbe", "readinessProbe", "startupProbe"):
        check(c[probe]["httpGet"]["port"] == "http", f"Deployment: {probe} is not on the http port")
    requests = (c.get("resources") or {}).get("requests") or {}
    check("cpu" in requests and "memory" in requests, f"Deployment: resource requests {requests}, expected cpu and memory")
    check("memory" in ((c.get("resources") or {}).get("limits") or {}), "Deployment: no memory limit")
    port = c["ports"][0]
    check(port["name"] == "http" and f":{port['containerPort']}" in c["args"][4], "Deployment: --urls does not match the port")
    env = {e["name"]: e for e in c.get("env", [])}
    for name in env:
        check(ENV_NAME.match(name), f"Deployment: bad env name {name!r}")
    check("RolloutController__Store__Provider" in env, "Deployment: store provider not set")
    check("RolloutController__Prometheus__Url" in env, "Deployment: Prometheus URL not set")
    mounts = {m["name"]: m for m in c["volumeMounts"]}
    volumes = {v["name"]: v for v in pod["volumes"]}
    check(mounts["policies"]["mountPath"] == POLICIES and mounts["policies"].get("readOnly"), "Deployment: policies mount")
    check(set(mounts) <= set(volumes), "Deployment: a mount has no volume")
    sqlite = env["RolloutController__Store__Provider"]["value"] == "sqlite"
    check("data" in mounts, "Deployment: no data volume (database with sqlite, safety journal with postgres)")
    if not sqlite:
        check(env.get("RolloutController__Store__JournalPath", {}).get("value", "").startswith(mounts["data"]["mountPath"] + "/"),
              "Deployment: postgres safety journal is not on the data volume")
        check("emptyDir" in volumes["data"], "Deployment: postgres data volume is not an emptyDir")
    if sqlite:
        check(spec["replicas"] == 1, "Deployment: sqlite with more than one replica")
        check(spec.get("strategy", {}).get("type") == "Recreate", "Deployment: sqlite needs the Recreate strategy")
    refs = [e["secretRef"]["name"] for e in c.get("envFrom", [])]
    if "Secret" in by_kind:
        check(by_kind["Secret"]["metadata"]["name"] in refs, "Deployment: chart Secret not loaded with envFrom")
    if "ConfigMap" in by_kind:
        check(volumes["policies"]["configMap"]["name"] == by_kind["ConfigMap"]["metadata"]["name"], "Deployment: policies ConfigMap name")
    if "PersistentVolumeClaim" in by_kind:
        claim = volumes["data"]["persistentVolumeClaim"]["claimName"]
        check(claim == by_kind["PersistentVolumeClaim"]["metadata"]["name"], "Deployment: claim name")
    if "ServiceAccount" in by_kind:
        check(pod["serviceAccountName"] == by_kind["ServiceAccount"]["metadata"]["name"], "Deployment: service account name")


def kind_of(d):
    """The kind, with the chart's dashboard ConfigMap told apart from the policies ConfigMap."""
    name = (d.get("metadata") or {}).get("name") or ""
    return "Dashboard" if d.get("kind") == "ConfigMap" and name.endswith("-dashboard") else d.get("kind")


def store(d, by_kind, args):
    """The connection string reaches the controller from the chart Secret (envFrom) or the existing Secret (secretKeyRef)."""
    (c,) = d["spec"]["template"]["spec"]["containers"]
    env = {e["name"]: e for e in c.get("env", [])}
    key = "RolloutController__Store__ConnectionString"
    refs = [e["secretRef"]["name"] for e in c.get("envFrom", [])]
    if args.connection_string is not None:
        check(key not in env, "Deployment: the connection string is a plain env value, not from the Secret")
        secret = by_kind.get("Secret") or {}
        value = (secret.get("data") or {}).get(key)
        check(value is not None and base64.b64decode(value).decode() == args.connection_string,
              "Secret: does not hold the connection string given as store.connectionString")
        check(secret.get("metadata", {}).get("name") in refs, "Deployment: the Secret holding the connection string is not loaded")
    if args.connection_secret is not None:
        name, secret_key = args.connection_secret.split("/")
        ref = (env.get(key, {}).get("valueFrom") or {}).get("secretKeyRef") or {}
        check(ref == {"name": name, "key": secret_key}, f"Deployment: connection string from {ref}, expected {args.connection_secret}")
        if "Secret" in by_kind:
            check(key not in (by_kind["Secret"].get("data") or {}), "Secret: holds a connection string though an existing Secret is named")


def service_monitor(monitor, service):
    spec = monitor["spec"]
    labels = service["metadata"]["labels"]
    check(spec["selector"]["matchLabels"].items() <= labels.items(), "ServiceMonitor: selector does not match the Service")
    (endpoint,) = spec["endpoints"]
    check(endpoint["port"] == service["spec"]["ports"][0]["name"], "ServiceMonitor: port is not the Service's")
    check(endpoint["path"] == "/metrics", "ServiceMonitor: path is not /metrics")
    check(spec.get("jobLabel") in labels, "ServiceMonitor: jobLabel is not a label of the Service")


def prometheus_rule(rule, service):
    groups = rule["spec"].get("groups") or []
    rules = [r for g in groups for r in g.get("rules") or []]
    check(len(rules) > 0, "PrometheusRule: no rules")
    for r in rules:
        check(r.get("alert") and r.get("expr"), f"PrometheusRule: a rule without alert or expr: {r}")
    if service is not None:
        job = service["metadata"]["labels"]["app.kubernetes.io/name"]
        jobs = set(re.findall(r'job="([^"]*)"', "\n".join(r["expr"] for r in rules)))
        check(jobs == {job}, f"PrometheusRule: selects job {jobs}, the ServiceMonitor's targets have job {job!r}")


def dashboard(config_map):
    labels = config_map["metadata"].get("labels") or {}
    check(labels.get("grafana_dashboard") == "1", "Dashboard: no grafana_dashboard: \"1\" label for the Grafana sidecar")
    data = config_map.get("data") or {}
    check(list(data) == ["rollout-controller.json"], f"Dashboard: keys {list(data)}")
    try:
        board = json.loads(data.get("rollout-controller.json", ""))
        check(board.get("uid") == "rollout-controller" and len(board.get("panels") or []) > 0, "Dashboard: no uid or no panels")
    except json.JSONDecodeError as e:
        problems.append(f"Dashboard: not JSON: {e}")


if __name__ == "__main__":
    main()
