#!/usr/bin/env python3
"""Checks one rendering of the chart (stdin): valid YAML, well-formed Kubernetes objects, and the settings the
controller relies on. Usage: validate.py --expect Kind[,Kind...] [--secret-keys N] < manifests.yaml"""
import argparse
import base64
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
    args = parser.parse_args()

    docs = [d for d in yaml.safe_load_all(sys.stdin) if d is not None]
    kinds = [d.get("kind") for d in docs]
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

    by_kind = {d["kind"]: d for d in docs}
    if "Deployment" in by_kind:
        deployment(by_kind["Deployment"], by_kind)
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


if __name__ == "__main__":
    main()
