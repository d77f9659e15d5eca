// A worker for the pool's tests: does what workerData says (answer, hold memory, never finish, throw).
import { parentPort, workerData } from 'node:worker_threads';

const { mode, value, ms } = workerData;
if (mode === 'echo') {
  await new Promise((r) => setTimeout(r, ms ?? 0));
  parentPort.postMessage(value);
} else if (mode === 'hog') {
  const held = [];
  for (;;) held.push(new Array(100_000).fill(held.length));
} else if (mode === 'loop') {
  for (;;);
} else if (mode === 'throw') {
  throw new Error('unforeseen');
} else if (mode === 'exit') {
  process.exit(3);
}
