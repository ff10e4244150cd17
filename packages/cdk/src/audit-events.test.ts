import {
  actionsOf,
  createTestApp,
  roleOf,
  roleStatements,
  type SynthesizedStack,
  testProps,
} from "@latchkey/testkit/cdk";
import { EventBus } from "aws-cdk-lib/aws-events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Latchkey } from "./latchkey.ts";

const testApp = createTestApp();
let stacks: Record<"byDefault" | "ownBus" | "none", SynthesizedStack>;
beforeAll(() => {
  stacks = testApp.synthAll({
    byDefault: (stack) => new Latchkey(stack, "Latchkey", testProps),
    ownBus: (stack) =>
      new Latchkey(stack, "Latchkey", { ...testProps, auditEvents: { eventBus: new EventBus(stack, "Audit") } }),
    none: (stack) => new Latchkey(stack, "Latchkey", { ...testProps, auditEvents: false }),
  });
});
afterAll(() => testApp.cleanup());

/** Per function (the api, the triggers, the admin API): LATCHKEY_EVENT_BUS, and the statements that allow events:PutEvents. */
function auditWiring(synth: SynthesizedStack) {
  const { apiFunction, triggerFunction, adminFunction } = synth.latchkey;
  return [apiFunction, triggerFunction, adminFunction].map((fn) => {
    const id = synth.logicalId(fn);
    const properties = synth.json.Resources[id]?.Properties as { Environment: { Variables: Record<string, unknown> } };
    const statements = roleStatements(synth.json.Resources, roleOf(synth.json.Resources, id));
    return {
      bus: properties.Environment.Variables.LATCHKEY_EVENT_BUS,
      grants: statements.filter((s) => actionsOf(s).some((action) => action.startsWith("events:"))),
    };
  });
}

describe("audit events", () => {
  it("go to the account's default bus by default, which each function may put events on, and no other", () => {
    const defaultBus = {
      "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":events:eu-west-1:111111111111:event-bus/default"]],
    };
    for (const wiring of auditWiring(stacks.byDefault)) {
      expect(wiring).toEqual({
        bus: defaultBus,
        grants: [{ Effect: "Allow", Action: "events:PutEvents", Resource: defaultBus }],
      });
    }
    const buses = Object.values(stacks.byDefault.json.Resources).filter((r) => r.Type === "AWS::Events::EventBus");
    expect(buses).toEqual([]);
  });

  it("go to the bus given instead, and only there", () => {
    const ownBus = { "Fn::GetAtt": [expect.stringMatching(/^Audit/), "Arn"] };
    for (const wiring of auditWiring(stacks.ownBus)) {
      expect(wiring).toEqual({
        bus: ownBus,
        grants: [{ Effect: "Allow", Action: "events:PutEvents", Resource: ownBus }],
      });
    }
  });

  it("are not sent with auditEvents: false: no bus named, no permission", () => {
    for (const wiring of auditWiring(stacks.none)) expect(wiring).toEqual({ bus: undefined, grants: [] });
  });
});
