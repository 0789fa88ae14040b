// The README's seed example in TypeScript: `npm run typecheck` checks it against the generated types.
import { Client, ProblemError } from "../src/index.js";

export async function seed(baseUrl: string): Promise<unknown> {
  const client = new Client(baseUrl);
  const session = await client.createSession({ dtype: "float32" });
  try {
    await session.put("x", { data: [[1, 1], [1, 1]], requires_grad: true });
    await session.compute("y = x.sum()");
    for (let i = 0; i < 3; i++) await session.backward("y");
    const x = await session.get("x");
    await session.zeroGrad();
    const trained = await session.train(
      { loss: "y", optimizer: { type: "sgd", lr: 0.1 }, steps: 5 },
      { onProgress: ({ step, loss }) => console.log(`step ${step}: loss ${loss}`) },
    );
    return [x.grad, trained.losses];
  } catch (err) {
    if (err instanceof ProblemError) console.error(err.status, err.title, err.detail, err.errors);
    throw err;
  } finally {
    await session.close();
  }
}
