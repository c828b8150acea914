/** Writes schema/provgraph.graphql from the type-graphql classes (npm run schema). */
import "reflect-metadata";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createSchema, printEmittedSchema } from "../src/api/schema.js";
import { ROOT } from "../src/paths.js";

const target = join(ROOT, "schema", "provgraph.graphql");
await writeFile(target, printEmittedSchema(await createSchema()));
console.log(`wrote ${target}`);
