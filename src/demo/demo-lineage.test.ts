import { describe, expect, it } from "vitest";
import { createEventValidator } from "../server/openlineage-validation.js";
import { DEMO_EVENTS } from "./demo-lineage.js";

describe("the demo's OpenLineage events", () => {
  it("are valid OpenLineage, as POST /api/v1/lineage would require", () => {
    const validator = createEventValidator();
    for (const event of DEMO_EVENTS) expect(() => validator.validate(event)).not.toThrow();
  });
});
