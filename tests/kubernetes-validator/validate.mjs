// Validates Kubernetes objects against the Kubernetes schema, offline, with kubernetes-models (its classes carry the
// API's JSON schemas, compiled). Reads a YAML stream on stdin (what `kubectl kustomize` prints); writes one JSON object
// on stdout: {"objects": [...every object, as JSON...], "errors": ["Kind/name: what is wrong", ...]}.
// Exits 1 when any object is invalid or of a kind the schema does not know, 0 otherwise.
// Used by tests/XinYu.Platform.Tests/Publishing; by hand: kubectl kustomize deploy/k8s/overlays/city | node validate.mjs
import { parseAllDocuments } from "yaml";

const input = await new Promise((resolve, reject) => {
  let text = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk) => (text += chunk));
  process.stdin.on("end", () => resolve(text));
  process.stdin.on("error", reject);
});

const objects = [];
const errors = [];

for (const document of parseAllDocuments(input)) {
  if (document.errors.length > 0) {
    errors.push(`YAML: ${document.errors.map((e) => e.message).join("; ")}`);
    continue;
  }
  const object = document.toJS();
  if (object === null || object === undefined) continue;
  objects.push(object);
  const label = `${object.kind ?? "?"}/${object.metadata?.name ?? "?"}`;
  if (typeof object.apiVersion !== "string" || typeof object.kind !== "string") {
    errors.push(`${label}: apiVersion and kind are required`);
    continue;
  }
  // "v1" is the core group; "apps/v1" is group "apps", version "v1": kubernetes-models mirrors that as module paths.
  let models;
  try {
    models = await import(`kubernetes-models/${object.apiVersion}`);
  } catch {
    errors.push(`${label}: no schema for apiVersion ${object.apiVersion}`);
    continue;
  }
  const Model = models[object.kind];
  if (typeof Model !== "function") {
    errors.push(`${label}: no schema for kind ${object.kind} in ${object.apiVersion}`);
    continue;
  }
  try {
    new Model(unwrapBase64(object)).validate();
  } catch (e) {
    errors.push(`${label}: ${e.message}`);
  }
}

process.stdout.write(JSON.stringify({ objects, errors }));

// kustomize wraps long base64 values (Secret data, ConfigMap binaryData) at 76 characters; the API server's decoder
// ignores the line breaks, but kubernetes-models' "byte" format does not, so they are taken out before validating.
function unwrapBase64(object) {
  const field = object.kind === "Secret" ? "data" : object.kind === "ConfigMap" ? "binaryData" : null;
  if (object.apiVersion !== "v1" || field === null || typeof object[field] !== "object" || object[field] === null) return object;
  const unwrapped = Object.fromEntries(
    Object.entries(object[field]).map(([key, value]) => [key, typeof value === "string" ? value.replace(/[\r\n]/g, "") : value]),
  );
  return { ...object, [field]: unwrapped };
}
process.exitCode = errors.length > 0 ? 1 : 0;
