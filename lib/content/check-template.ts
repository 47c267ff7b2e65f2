import type { Template, Variable } from "liquidjs";
import { engineFor, toTemplateError, type EngineKind } from "./liquid-engine";
import { BUILTIN_PROPERTIES, VARIABLE_TREE } from "./merge-vars";

export type TemplateField = "subject" | "preheader" | "html" | "text" | "smsBody";

export type TemplateContent = Partial<Record<TemplateField, string | null>>;

export type CheckResult = {
  /** One message per field, each naming the line(s) at fault. Empty when the template is sound. */
  errors: Partial<Record<TemplateField, string>>;
  /** Every merge variable the template uses (`contact.first_name`, `contact.attributes.plan`), sorted. */
  variables: string[];
};

const KIND: Record<TemplateField, EngineKind> = { subject: "plain", preheader: "plain", html: "html", text: "plain", smsBody: "plain" };
const MAX_MESSAGES = 3;

/**
 * Parses every field and checks each variable against the known set and the org's declared
 * attributes, so a typo is reported when saving rather than sent as an empty string to every
 * recipient. Uses Liquid's static analysis: variables introduced by `assign`, `capture` or `for`
 * are locals and are not checked.
 */
export function checkTemplate(content: TemplateContent, declaredAttributes: readonly string[]): CheckResult {
  const declared = new Set(declaredAttributes);
  const errors: CheckResult["errors"] = {};
  const used = new Set<string>();
  for (const field of Object.keys(KIND) as TemplateField[]) {
    const source = content[field];
    if (!source) continue;
    const engine = engineFor(KIND[field]);
    let templates: Template[];
    try {
      templates = engine.parse(source);
    } catch (e) {
      errors[field] = toTemplateError(e).message;
      continue;
    }
    const messages: string[] = [];
    const analysis = engine.analyzeSync(templates, { partials: false });
    for (const variables of Object.values(analysis.globals)) {
      for (const variable of variables) {
        const problem = checkVariable(variable, declared);
        if (problem) messages.push(`Line ${variable.location.row}: ${problem}`);
        else used.add(pathKey(variable));
      }
    }
    if (messages.length) {
      const unique = [...new Set(messages)];
      const more = unique.length - MAX_MESSAGES;
      errors[field] = unique.slice(0, MAX_MESSAGES).join(" ") + (more > 0 ? ` (and ${more} more)` : "");
    }
  }
  return { errors, variables: [...used].sort() };
}

/** The known part of a path: `contact.tags.size` is recorded as `contact.tags`. */
function pathKey(variable: Variable): string {
  const keys: string[] = [];
  let node: unknown = VARIABLE_TREE;
  for (const segment of variable.segments) {
    if (node === true || typeof segment !== "string") break;
    keys.push(segment);
    node = node === "attributes" ? true : (node as Record<string, unknown>)[segment];
  }
  return keys.join(".");
}

function checkVariable(variable: Variable, declared: Set<string>): string | null {
  const name = variable.toString();
  let node: unknown = VARIABLE_TREE;
  const segments = variable.segments;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (node === true) {
      // Past a value only Liquid's own properties make sense (`size`, `first`, an index).
      if (typeof segment === "number" || (typeof segment === "string" && BUILTIN_PROPERTIES.has(segment))) continue;
      return `"${name}" is not a known variable.`;
    }
    if (node === "attributes") {
      if (typeof segment !== "string") return `"${name}": write the attribute's name out, as in contact.attributes.plan.`;
      if (!declared.has(segment)) return `"contact.attributes.${segment}" is not a declared contact attribute.`;
      node = true;
      continue;
    }
    if (typeof segment !== "string" || !Object.prototype.hasOwnProperty.call(node, segment)) return `"${name}" is not a known variable.`;
    node = (node as Record<string, unknown>)[segment];
  }
  return null;
}
