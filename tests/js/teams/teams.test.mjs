// Parses every committed Teams card with Microsoft's Adaptive Cards SDK (the `adaptivecards` package), as a Teams
// client would, targeting version 1.4: no parse event (unknown element, invalid value), no validation event (missing
// property), and nothing lost on the SDK's own serialisation of what it understood.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// The package's ESM build imports without file extensions, which Node cannot resolve; its UMD bundle loads as is.
const require = createRequire(import.meta.url);
const AC = require("adaptivecards/dist/adaptivecards.js");

const golden = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "RolloutController.UnitTests", "Golden");
const files = readdirSync(golden).filter((f) => f.startsWith("teams-") && f.endsWith(".json")).sort();

function parse(card) {
  const context = new AC.SerializationContext(AC.Versions.v1_4);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  const events = [];
  for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i).message);
  for (const e of parsed.validateProperties().validationEvents) events.push(e.message);
  return { parsed, events, json: parsed.toJSON(new AC.SerializationContext(AC.Versions.v1_4)) };
}

// What a reader sees: element types with their text and facts, and the buttons.
function outline(card) {
  const walk = (elements) => (elements ?? []).map((e) => ({
    type: e.type,
    text: e.text,
    facts: e.facts?.map((f) => [f.title, f.value]),
    items: e.items ? walk(e.items) : undefined,
  }));
  return { body: walk(card.body), actions: (card.actions ?? []).map((a) => [a.type, a.title, a.url]) };
}

test("there are Teams cards to check", () => {
  assert.deepEqual(files, ["teams-advanced.json", "teams-digest.json", "teams-resolved.json", "teams-rollback.json", "teams-segment-excluded.json"]);
});

for (const file of files) {
  test(`${file} parses as an Adaptive Card 1.4 without any event, and keeps every element and button`, () => {
    const message = JSON.parse(readFileSync(join(golden, file), "utf8"));
    assert.equal(message.type, "message");
    assert.equal(message.attachments.length, 1);
    assert.equal(message.attachments[0].contentType, "application/vnd.microsoft.card.adaptive");
    const card = message.attachments[0].content;

    const { events, json } = parse(card);

    assert.deepEqual(events, []);
    assert.equal(json.version, "1.4");
    assert.deepEqual(outline(json), outline(card));
    assert.ok(card.actions.every((a) => a.type === "Action.OpenUrl" && /^https?:\/\//.test(a.url)));
  });
}

test("the SDK reports what a client would drop or refuse", () => {
  const { events } = parse({
    type: "AdaptiveCard",
    version: "1.4",
    body: [{ type: "Table", columns: [], rows: [] }, { type: "TextBlock", text: "x", weight: "heavy" }],
    actions: [{ type: "Action.OpenUrl", title: "no url" }],
  });
  assert.equal(events.length, 3, JSON.stringify(events));
});
