import type { TemplateResource } from "./synth-latchkey.ts";

type Resources = Record<string, TemplateResource>;

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

export function actionsOf(statement: Statement): string[] {
  return Array.isArray(statement.Action) ? statement.Action : [statement.Action];
}

export function resourcesOf(statement: Statement): unknown[] {
  return Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
}

/** Every statement of every IAM policy attached to a role, inline or as AWS::IAM::Policy. */
export function roleStatements(resources: Resources, roleLogicalId: string): Statement[] {
  const attached = Object.values(resources).filter(
    (r) =>
      r.Type === "AWS::IAM::Policy" &&
      (r.Properties?.Roles as unknown[] | undefined)?.some(
        (role) => JSON.stringify(role) === JSON.stringify({ Ref: roleLogicalId }),
      ),
  );
  const inline = (resources[roleLogicalId]?.Properties?.Policies as { PolicyDocument: unknown }[] | undefined) ?? [];
  return [...attached.map((r) => r.Properties?.PolicyDocument), ...inline.map((p) => p.PolicyDocument)].flatMap(
    (doc) => (doc as { Statement: Statement[] }).Statement,
  );
}

/** The role a function runs as. */
export function roleOf(resources: Resources, functionLogicalId: string): string {
  const role = resources[functionLogicalId]?.Properties?.Role as { "Fn::GetAtt": [string, string] };
  return role["Fn::GetAtt"][0];
}

/** The logical IDs a value refers to through Ref, Fn::GetAtt and Fn::Sub. */
export function referencedIds(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) referencedIds(item, into);
  else if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      if (key === "Ref" && typeof inner === "string" && !inner.startsWith("AWS::")) into.add(inner);
      else if (key === "Fn::GetAtt") into.add((inner as string[])[0] as string);
      else if (key === "Fn::Sub") {
        const text = Array.isArray(inner) ? inner[0] : inner;
        for (const match of String(text).matchAll(/\$\{([^}.!]+)[^}]*\}/g)) {
          if (!match[1]?.startsWith("AWS::")) into.add(match[1] as string);
        }
        if (Array.isArray(inner)) referencedIds(inner[1], into);
      } else referencedIds(inner, into);
    }
  }
  return into;
}

/** A dependency cycle among the resources (CloudFormation rejects the template), or undefined. */
export function findCycle(resources: Resources): string[] | undefined {
  const edges = new Map<string, string[]>();
  for (const [id, resource] of Object.entries(resources)) {
    const dependsOn = resource.DependsOn === undefined ? [] : [resource.DependsOn].flat();
    edges.set(
      id,
      [...referencedIds(resource.Properties), ...dependsOn].filter((to) => to in resources),
    );
  }
  const state = new Map<string, "visiting" | "done">();
  const path: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === "done") return undefined;
    if (state.get(id) === "visiting") return [...path.slice(path.indexOf(id)), id];
    state.set(id, "visiting");
    path.push(id);
    for (const to of edges.get(id) ?? []) {
      const cycle = visit(to);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(id, "done");
    return undefined;
  };
  for (const id of edges.keys()) {
    const cycle = visit(id);
    if (cycle) return cycle;
  }
  return undefined;
}
