import { describe, expect, it } from "vitest";
import { Gate } from "./gate.js";

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("Gate", () => {
  it("lets `capacity` holders through and the rest in arrival order", async () => {
    const gate = new Gate(2);
    const order: number[] = [];
    const leaves: Array<() => void> = [];
    for (let i = 0; i < 5; i++) void gate.enter().then((leave) => (order.push(i), leaves.push(leave)));
    await settle();
    expect(order).toEqual([0, 1]); // two places
    leaves[1]!();
    leaves[1]!(); // leaving twice frees one place, not two
    await settle();
    expect(order).toEqual([0, 1, 2]);
    leaves[0]!();
    await settle();
    expect(order).toEqual([0, 1, 2, 3]);
    leaves[2]!();
    leaves[3]!();
    await settle();
    expect(order).toEqual([0, 1, 2, 3, 4]);
    leaves[4]!();
    // all left: the next two get through at once again
    const [a, b] = await Promise.all([gate.enter(), gate.enter()]);
    let third = false;
    void gate.enter().then(() => (third = true));
    await settle();
    expect(third).toBe(false);
    a();
    b();
    await settle();
    expect(third).toBe(true);
  });
});
