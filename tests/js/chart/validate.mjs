// Validates Kubernetes manifests (a multi-document YAML stream on stdin, as `helm template` prints) against the
// published schemas: the Kubernetes API's OpenAPI schemas (npm kubernetes-models) and the Prometheus Operator's CRDs
// (npm @kubernetes-models/prometheus-operator) for ServiceMonitor and PrometheusRule. An object of a kind neither
// package knows is a failure, so a new template cannot go unchecked.
// Usage: node tests/js/chart/validate.mjs < manifests.yaml
import { parseAllDocuments } from "yaml";

const text = await new Promise((resolve) => {
  let data = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk) => (data += chunk));
  process.stdin.on("end", () => resolve(data));
});

const packageOf = (apiVersion) =>
  apiVersion.startsWith("monitoring.coreos.com/")
    ? `@kubernetes-models/prometheus-operator/${apiVersion}`
    : `kubernetes-models/${apiVersion}`;

let failures = 0;
let count = 0;
for (const doc of parseAllDocuments(text)) {
  if (doc.errors.length > 0) {
    console.log(`  FAIL YAML: ${doc.errors.map((e) => e.message).join("; ")}`);
    failures++;
    continue;
  }
  const object = doc.toJS();
  if (object === null) continue;
  count++;
  const where = `${object.kind}/${object.metadata?.name}`;
  let Model;
  try {
    Model = (await import(`${packageOf(object.apiVersion)}/${object.kind}`))[object.kind];
  } catch {
    console.log(`  FAIL ${where}: no schema for ${object.apiVersion} ${object.kind}`);
    failures++;
    continue;
  }
  try {
    new Model(object).validate();
  } catch (error) {
    const details = (error.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`).join("; ");
    console.log(`  FAIL ${where} (${object.apiVersion}): ${details || error.message}`);
    failures++;
  }
}
if (failures > 0) process.exit(1);
console.log(`  ok: ${count} objects match the Kubernetes and Prometheus Operator schemas`);
